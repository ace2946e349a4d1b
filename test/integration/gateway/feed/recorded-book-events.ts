// Test source data: every book event of the shared real recordings (Binance REST+diffs, Bybit snapshot/delta, Coinbase l2_data) in receive order, with feed instrument names and decimals.
import { parseDecimal } from '../../../../src/model/fixed-point.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../../helpers/recordings.js';
import { readRecordingLines } from '../../../helpers/plain-books.js';

/*
 * The same venue rules as test/helpers/plain-books.ts (the oracle the engine's books are checked
 * against), kept as a list of events instead of folded into books, so a test can feed them to the
 * FeedHub one by one: Binance takes its REST snapshot and then the diffs with u > lastUpdateId;
 * Bybit and Coinbase snapshots replace the book and updates replace levels. Size 0 deletes.
 */

export interface RecordedBookEvent {
  instrument: string;
  /** Key of the same book in plain-books.ts's reconstructBooks. */
  oracleKey: string;
  snapshot: boolean;
  bids: [string, string][];
  asks: [string, string][];
}

export interface RecordedInstrument {
  instrument: string;
  oracleKey: string;
  priceDecimals: number;
  sizeDecimals: number;
}

type Json = Record<string, unknown>;
const QUOTES = ['USDT', 'USDC', 'EUR', 'ETH', 'BTC', 'USD'];

function canonical(native: string): string {
  const quote = QUOTES.find((candidate) => native.endsWith(candidate) && native.length > candidate.length);
  if (quote === undefined) throw new Error(`no quote currency in ${native}`);
  return `${native.slice(0, -quote.length)}-${quote}`;
}

function received(lines: Json[]): { conn: string; message: Json }[] {
  return lines.filter((line) => line.t === 'recv').map((line) => ({ conn: line.conn as string, message: JSON.parse(line.data as string) as Json }));
}

function binanceEvents(): RecordedBookEvent[] {
  const lines = readRecordingLines(BINANCE_RECORDING);
  const events: RecordedBookEvent[] = [];
  const updateIds = new Map<string, number>();
  for (const line of lines) {
    if (line.t !== 'http' || !(line.url as string).includes('/api/v3/depth')) continue;
    const symbol = new URL(line.url as string).searchParams.get('symbol')!;
    const snapshot = JSON.parse(line.data as string) as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
    updateIds.set(symbol, snapshot.lastUpdateId);
    events.push({ instrument: `binance:${canonical(symbol)}`, oracleKey: `binance:${symbol}`, snapshot: true, bids: snapshot.bids, asks: snapshot.asks });
  }
  for (const { message } of received(lines)) {
    const event = (message.data ?? message) as { e?: string; s: string; u: number; b: [string, string][]; a: [string, string][] };
    if (event.e !== 'depthUpdate' || !updateIds.has(event.s) || event.u <= updateIds.get(event.s)!) continue;
    updateIds.set(event.s, event.u);
    events.push({ instrument: `binance:${canonical(event.s)}`, oracleKey: `binance:${event.s}`, snapshot: false, bids: event.b, asks: event.a });
  }
  return events;
}

function bybitEvents(): RecordedBookEvent[] {
  const lines = readRecordingLines(BYBIT_RECORDING);
  const categoryOf = new Map<string, string>();
  for (const line of lines) if (line.t === 'connect') categoryOf.set(line.conn as string, (line.addr as string).endsWith('/spot') ? 'spot' : 'linear');
  const events: RecordedBookEvent[] = [];
  for (const { conn, message } of received(lines)) {
    if (typeof message.topic !== 'string' || !message.topic.startsWith('orderbook.')) continue;
    const data = message.data as { s: string; b: [string, string][]; a: [string, string][]; u: number };
    const category = categoryOf.get(conn)!;
    const name = category === 'spot' ? canonical(data.s) : `${canonical(data.s)}-PERP`;
    events.push({ instrument: `bybit:${name}`, oracleKey: `bybit:${category}:${data.s}`, snapshot: message.type === 'snapshot' || data.u === 1, bids: data.b, asks: data.a });
  }
  return events;
}

function coinbaseEvents(): RecordedBookEvent[] {
  const events: RecordedBookEvent[] = [];
  for (const { message } of received(readRecordingLines(COINBASE_RECORDING))) {
    if (message.channel !== 'l2_data') continue;
    for (const event of message.events as { type: string; product_id: string; updates: { side: string; price_level: string; new_quantity: string }[] }[]) {
      const level = (update: { price_level: string; new_quantity: string }): [string, string] => [update.price_level, update.new_quantity];
      events.push({
        instrument: `coinbase:${event.product_id}`,
        oracleKey: `coinbase:${event.product_id}`,
        snapshot: event.type === 'snapshot',
        bids: event.updates.filter((update) => update.side === 'bid').map(level),
        asks: event.updates.filter((update) => update.side !== 'bid').map(level),
      });
    }
  }
  return events;
}

function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.slice(dot + 1).replace(/0+$/, '').length;
}

/** Every book event of the three recordings and the instruments they name, decimals = the most fraction digits seen. */
export function recordedBookEvents(): { events: RecordedBookEvent[]; instruments: RecordedInstrument[] } {
  const events = [...binanceEvents(), ...bybitEvents(), ...coinbaseEvents()];
  const instruments = new Map<string, RecordedInstrument>();
  for (const event of events) {
    let instrument = instruments.get(event.instrument);
    if (instrument === undefined) {
      instrument = { instrument: event.instrument, oracleKey: event.oracleKey, priceDecimals: 0, sizeDecimals: 0 };
      instruments.set(event.instrument, instrument);
    }
    for (const [price, size] of [...event.bids, ...event.asks]) {
      instrument.priceDecimals = Math.max(instrument.priceDecimals, fractionDigits(price));
      instrument.sizeDecimals = Math.max(instrument.sizeDecimals, fractionDigits(size));
    }
  }
  return { events, instruments: [...instruments.values()] };
}

/** Decimal text pairs as mantissa pairs at the instrument's decimals. */
export function mantissaLevels(levels: readonly [string, string][], instrument: RecordedInstrument): [number, number][] {
  return levels.map(([price, size]) => [parseDecimal(price, instrument.priceDecimals), parseDecimal(size, instrument.sizeDecimals)]);
}
