// `zvt replay --store duckdb:<path>`: each shared recording replayed through the real engine into a
// temporary DuckDB; the stored trades and quotes equal, row for row, what the test computes plainly
// from the recorded frames under each venue's documented normalisation. And only an explicit store
// is written: the configured default never is.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecorderFlushReply } from '../../../src/actors/recorder-actor.js';
import { runReplaySession } from '../../../src/cli/replay-session.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { openStore } from '../../../src/store/open-store.js';
import type { QuoteRow, TradeRow } from '../../../src/store/store-rows.js';
import { bucketStartMs, TIMEFRAMES } from '../../../src/model/timeframe.js';
import { ensureBuiltCli, runZvt } from '../cli/built-cli.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../helpers/recordings.js';
import { testConfig } from '../../helpers/test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, callback) => callback() }));

/** What a stored trade must hold (ts_recv_ns is our clock, not in the recording). */
interface ExpectedTrade {
  symbol: string;
  tradeId: string;
  price: string;
  size: string;
  side: TradeRow['side'];
  tsEventNs: bigint;
}

/** What a stored quote must hold, in arrival order per symbol. */
interface ExpectedQuote {
  symbol: string;
  bidPrice: string;
  bidSize: string;
  askPrice: string;
  askSize: string;
  tsEventNs: bigint | null;
}

/** "0.35210000" → "0.3521", "58.00000000" → "58", "0" → "0": the venue's text without its padding. */
function plain(text: string): string {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`unexpected number text ${text}`);
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  const integer = whole.replace(/^0+(?=\d)/, '');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? integer : `${integer}.${trimmed}`;
}

const msToNs = (ms: number): bigint => BigInt(ms) * 1_000_000n;

/** RFC 3339 UTC with up to 9 fraction digits → epoch ns, digit by digit. */
function isoToNs(text: string): bigint {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (match === null) throw new Error(`unexpected timestamp ${text}`);
  const seconds = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) / 1000;
  return BigInt(seconds) * 1_000_000_000n + BigInt((match[7] ?? '').padEnd(9, '0'));
}

interface Expected {
  venue: string;
  trades: ExpectedTrade[];
  quotes: ExpectedQuote[];
  /** Trades the recording holds twice (same natural key): stored once. */
  duplicateTrades: number;
}

/** Frames the venue adapter turns into trades and BBOs, read with JSON.parse and the rules of docs/venues/<venue>.md. */
async function expectedFrom(path: string): Promise<Expected> {
  const recording = await loadRecording(path);
  const trades: ExpectedTrade[] = [];
  const quotes: ExpectedQuote[] = [];
  for (const connection of recording.connections) {
    for (const frame of connection.frames) {
      if (frame.direction !== 'recv') continue;
      const message = JSON.parse(frame.data) as Record<string, unknown>;
      if (recording.venue === 'binance') binanceFrame(message, trades, quotes);
      else if (recording.venue === 'bybit') bybitFrame(message, connection.address.endsWith('/spot'), trades, quotes);
      else coinbaseFrame(message, trades, quotes);
    }
  }
  const seen = new Set<string>();
  const unique = trades.filter((trade) => {
    const key = `${trade.symbol}|${trade.tradeId}|${trade.tsEventNs}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { venue: recording.venue, trades: unique, quotes, duplicateTrades: trades.length - unique.length };
}

/** Binance spot: `aggTrade` (id `a`, time `T`, `m` = buyer is maker → taker sold) and `bookTicker` (no time at all). */
function binanceFrame(message: Record<string, unknown>, trades: ExpectedTrade[], quotes: ExpectedQuote[]): void {
  const stream = message.stream as string | undefined;
  const data = message.data as Record<string, string | number | boolean>;
  if (stream === undefined) return;
  const symbolOf = (native: string): string => ({ NKNUSDT: 'NKN-USDT', BLZETH: 'BLZ-ETH', LRCBTC: 'LRC-BTC', RUNEEUR: 'RUNE-EUR' })[native]!;
  if (stream.endsWith('@aggTrade')) {
    trades.push({ symbol: symbolOf(data.s as string), tradeId: String(data.a), price: plain(data.p as string), size: plain(data.q as string), side: data.m === true ? 'sell' : 'buy', tsEventNs: msToNs(data.T as number) });
  } else if (stream.endsWith('@bookTicker')) {
    quotes.push({ symbol: symbolOf(data.s as string), bidPrice: plain(data.b as string), bidSize: plain(data.B as string), askPrice: plain(data.a as string), askSize: plain(data.A as string), tsEventNs: null });
  }
}

/** Bybit v5: `publicTrade` (id `i`, time `T`, `S` taker side); `tickers` with all four bid1/ask1 fields (time `ts`); linear = PERP, spot = spot. */
function bybitFrame(message: Record<string, unknown>, spot: boolean, trades: ExpectedTrade[], quotes: ExpectedQuote[]): void {
  const topic = message.topic as string | undefined;
  if (topic === undefined) return;
  const symbolOf = (native: string): string => `${native.replace(/USDT$/, '')}-USDT${spot ? '' : '-PERP'}`;
  if (topic.startsWith('publicTrade.')) {
    for (const trade of message.data as Record<string, string | number>[]) {
      trades.push({ symbol: symbolOf(trade.s as string), tradeId: trade.i as string, price: plain(trade.p as string), size: plain(trade.v as string), side: trade.S === 'Buy' ? 'buy' : 'sell', tsEventNs: msToNs(trade.T as number) });
    }
  } else if (topic.startsWith('tickers.')) {
    const data = message.data as Record<string, string | undefined>;
    const fields = [data.bid1Price, data.bid1Size, data.ask1Price, data.ask1Size];
    if (fields.some((field) => field === undefined || field === '')) return;
    quotes.push({ symbol: symbolOf(data.symbol!), bidPrice: plain(fields[0]!), bidSize: plain(fields[1]!), askPrice: plain(fields[2]!), askSize: plain(fields[3]!), tsEventNs: msToNs(message.ts as number) });
  }
}

/** Coinbase Advanced Trade: `market_trades` update events (side is the maker's: inverted), `ticker` best bid/ask with the message `timestamp`. */
function coinbaseFrame(message: Record<string, unknown>, trades: ExpectedTrade[], quotes: ExpectedQuote[]): void {
  const events = (message.events ?? []) as Record<string, unknown>[];
  if (message.channel === 'market_trades') {
    for (const event of events) {
      if (event.type !== 'update') continue;
      for (const trade of event.trades as Record<string, string>[]) {
        trades.push({ symbol: trade.product_id!, tradeId: trade.trade_id!, price: plain(trade.price!), size: plain(trade.size!), side: trade.side === 'BUY' ? 'sell' : 'buy', tsEventNs: isoToNs(trade.time!) });
      }
    }
  } else if (message.channel === 'ticker') {
    for (const event of events) {
      for (const ticker of event.tickers as Record<string, string | undefined>[]) {
        const fields = [ticker.best_bid, ticker.best_bid_quantity, ticker.best_ask, ticker.best_ask_quantity];
        if (fields.some((field) => field === undefined || field === '')) continue;
        quotes.push({ symbol: ticker.product_id!, bidPrice: plain(fields[0]!), bidSize: plain(fields[1]!), askPrice: plain(fields[2]!), askSize: plain(fields[3]!), tsEventNs: isoToNs(message.timestamp as string) });
      }
    }
  }
}

interface PlainCandle {
  symbol: string;
  timeframe: string;
  tsOpenNs: bigint;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  tradeCount: number | null;
}

/** Decimal text → integer at 18 decimals, and back (both plain: no exponent, trailing zeros trimmed). */
const toScaled = (text: string): bigint => {
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  return BigInt(whole + fraction.padEnd(18, '0'));
};
const fromScaled = (value: bigint): string => plain(`${value / 10n ** 18n}.${(value % 10n ** 18n).toString().padStart(18, '0')}`);

/**
 * Every timeframe's candles from the recorded trades, written the plain way: group by symbol and
 * UTC bucket, order by venue time (arrival order among equals), and keep the buckets a later trade
 * of the same symbol closed (the recorder closes a replay's candles by trades only).
 */
function plainClosedCandles(trades: readonly ExpectedTrade[]): PlainCandle[] {
  const candles: PlainCandle[] = [];
  for (const symbol of new Set(trades.map((trade) => trade.symbol))) {
    const ofSymbol = trades.map((trade, arrival) => ({ trade, arrival })).filter(({ trade }) => trade.symbol === symbol);
    ofSymbol.sort((a, b) => (a.trade.tsEventNs < b.trade.tsEventNs ? -1 : a.trade.tsEventNs > b.trade.tsEventNs ? 1 : a.arrival - b.arrival));
    for (const timeframe of TIMEFRAMES) {
      const buckets = new Map<number, ExpectedTrade[]>();
      for (const { trade } of ofSymbol) {
        const start = bucketStartMs(timeframe, Number(trade.tsEventNs / 1_000_000n));
        buckets.set(start, [...(buckets.get(start) ?? []), trade]);
      }
      const latest = Math.max(...buckets.keys());
      for (const [start, inBucket] of buckets) {
        if (start === latest) continue;
        const prices = inBucket.map((trade) => toScaled(trade.price));
        candles.push({
          symbol,
          timeframe,
          tsOpenNs: BigInt(start) * 1_000_000n,
          open: inBucket[0]!.price,
          high: fromScaled(prices.reduce((a, b) => (b > a ? b : a))),
          low: fromScaled(prices.reduce((a, b) => (b < a ? b : a))),
          close: inBucket[inBucket.length - 1]!.price,
          volume: fromScaled(inBucket.reduce((sum, trade) => sum + toScaled(trade.size), 0n)),
          tradeCount: inBucket.length,
        });
      }
    }
  }
  return candles;
}

const candleOrder = (a: PlainCandle, b: PlainCandle): number =>
  a.symbol !== b.symbol ? (a.symbol < b.symbol ? -1 : 1) : a.timeframe !== b.timeframe ? (a.timeframe < b.timeframe ? -1 : 1) : a.tsOpenNs < b.tsOpenNs ? -1 : a.tsOpenNs > b.tsOpenNs ? 1 : 0;

const tradeOrder = (a: ExpectedTrade, b: ExpectedTrade): number => (a.symbol !== b.symbol ? (a.symbol < b.symbol ? -1 : 1) : a.tsEventNs !== b.tsEventNs ? (a.tsEventNs < b.tsEventNs ? -1 : 1) : a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0);

describe('zvt replay into DuckDB', () => {
  for (const path of [BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING]) {
    it(`stores the trades and quotes of ${path.split('/').pop()!} row for row`, async () => {
      const expected = await expectedFrom(path);
      expect(expected.trades.length).toBeGreaterThan(0);
      expect(expected.quotes.length).toBeGreaterThan(0);
      const dbPath = join(mkdtempSync(join(tmpdir(), 'zvt-replay-store-')), 'replay.duckdb');
      let recorded: RecorderFlushReply | undefined;
      await runReplaySession([path], 'max', config, logger, { record: { store: `duckdb:${dbPath}`, onRecorded: (reply) => (recorded = reply) } });
      expect(recorded?.done).toBe(true);
      expect(recorded!.stats.writer.writtenRows).toBe(recorded!.stats.records.trades + recorded!.stats.records.quotes + recorded!.stats.candles.closed + recorded!.stats.records.bookSnapshots);
      expect(recorded!.stats.candles.lateTrades).toBe(0);

      const store = await openStore(`duckdb:${dbPath}`);
      try {
        const trades = await store.read('trades');
        const quotes = await store.read('quotes');
        expect(trades.every((row) => row.venue === expected.venue && (row.flags & 2) === 2)).toBe(true);
        expect(trades.map(({ symbol, tradeId, price, size, side, tsEventNs }) => ({ symbol, tradeId, price, size, side, tsEventNs })).sort(tradeOrder)).toEqual([...expected.trades].sort(tradeOrder));
        expect(quotes).toHaveLength(expected.quotes.length);
        // Per symbol, in arrival order: the store orders by (ts_recv_ns, seq), our receive order.
        const symbols = [...new Set(expected.quotes.map((quote) => quote.symbol))].sort();
        expect([...new Set(quotes.map((quote) => quote.symbol))].sort()).toEqual(symbols);
        for (const symbol of symbols) {
          const stored: QuoteRow[] = quotes.filter((quote) => quote.symbol === symbol);
          expect(stored.map(({ symbol: s, bidPrice, bidSize, askPrice, askSize, tsEventNs }) => ({ symbol: s, bidPrice, bidSize, askPrice, askSize, tsEventNs })), symbol).toEqual(expected.quotes.filter((quote) => quote.symbol === symbol));
          for (let index = 1; index < stored.length; index++) expect(stored[index]!.tsRecvNs >= stored[index - 1]!.tsRecvNs).toBe(true);
        }
        // A quote without venue time (Binance bookTicker) is flagged NO_EVENT_TIME; the others are not.
        expect(quotes.every((quote) => ((quote.flags & 4) === 4) === (quote.tsEventNs === null))).toBe(true);
        // Live candles: every bucket a later trade closed, equal to a plain aggregation of the recorded trades.
        const candles = await store.read('candles');
        expect(candles.length).toBe(recorded!.stats.candles.closed);
        // The recordings span a minute or two: Bybit and Coinbase close at least one 1m bar, Binance (two trades) may close none.
        if (expected.trades.length > 50) expect(candles.length).toBeGreaterThan(0);
        const storedCandles = candles.map(({ symbol, timeframe, tsOpenNs, open, high, low, close, volume, tradeCount }) => ({ symbol, timeframe, tsOpenNs, open, high, low, close, volume, tradeCount }));
        expect(storedCandles.sort(candleOrder)).toEqual(plainClosedCandles(expected.trades).sort(candleOrder));
      } finally {
        await store.close();
      }
    }, 120_000);
  }
});

describe('zvt replay --store through the built CLI', () => {
  beforeAll(async () => {
    await ensureBuiltCli();
  }, 120_000);

  it('records into the store given by --store or ZVT_STORE, and writes no store at all when none is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvt-replay-cli-'));
    const flagged = join(dir, 'flag', 'replay.duckdb');
    const byFlag = await runZvt(['replay', BINANCE_RECORDING, '--store', `duckdb:${flagged}`, '--data-dir', join(dir, 'data-flag')]);
    expect(byFlag.code, byFlag.stderr).toBe(0);
    expect(byFlag.stdout).toMatch(new RegExp(`^recorded into duckdb:${flagged}: \\d+ trades, \\d+ quotes, \\d+ closed candles; \\d+ rows confirmed by the store$`, 'm'));

    const environment = join(dir, 'env', 'replay.duckdb');
    const byEnvironment = await runZvt(['replay', BINANCE_RECORDING, '--data-dir', join(dir, 'data-env')], { env: { ZVT_STORE: `duckdb:${environment}` } });
    expect(byEnvironment.code, byEnvironment.stderr).toBe(0);
    expect(byEnvironment.stdout).toContain(`recorded into duckdb:${environment}`);

    // No --store, no ZVT_STORE: the configured default (<data-dir>/zvt.duckdb, a live engine's database) stays untouched.
    const dataDir = join(dir, 'data-default');
    const byDefault = await runZvt(['replay', BINANCE_RECORDING, '--data-dir', dataDir]);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(byDefault.stdout).not.toContain('recorded into');
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);

    for (const database of [flagged, environment]) {
      const store = await openStore(`duckdb:${database}`);
      try {
        expect(await store.count('trades')).toBe(2);
        expect(await store.count('quotes')).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    }
  }, 180_000);
});
