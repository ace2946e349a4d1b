// Generates test/fixtures/replay/okx-synthetic.jsonl: a small, deterministic OKX session in recording format 2 (there is no real one).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32 } from '../../src/hotpath/crc32.js';

/*
 * Run `npx tsx test/helpers/okx-synthetic-recording.ts` to rewrite the fixture; the replay tests
 * check that the file equals what this produces. Shapes follow the OKX v5 documentation
 * (docs/venues/okx.md): GET /api/v5/public/instruments?instType=SPOT, one public connection
 * subscribing books, trades and bbo-tbt for BTC-USDT and ETH-USDT (the adapter's own frame), one
 * reply per channel, a `books` snapshot per instrument, then updates with seqId rising by 1-3 and
 * prevSeqId the previous seqId, one keep-alive update (no levels, seqId = prevSeqId), a few trades.
 * Every books push carries the correct checksum: CRC32 (signed) of the best 25 bids and asks as
 * `price:size` text, bid and ask alternately. Prices and sizes are canonical decimal text, as
 * OKX sends them ("65000", "65000.1", "0.5"). A seeded generator makes the output the same on
 * every run.
 */

export const OKX_SYNTHETIC_RECORDING = fileURLToPath(new URL('../fixtures/replay/okx-synthetic.jsonl', import.meta.url));

interface SyntheticInstrument {
  instId: string;
  baseCcy: string;
  quoteCcy: string;
  tickSz: string;
  lotSz: string;
  /** Price decimals and the mid price in ticks. */
  priceDecimals: number;
  midTicks: number;
  firstSeqId: number;
}

const INSTRUMENTS: readonly SyntheticInstrument[] = [
  { instId: 'BTC-USDT', baseCcy: 'BTC', quoteCcy: 'USDT', tickSz: '0.1', lotSz: '0.00000001', priceDecimals: 1, midTicks: 650_000, firstSeqId: 41_000_000 },
  { instId: 'ETH-USDT', baseCcy: 'ETH', quoteCcy: 'USDT', tickSz: '0.01', lotSz: '0.000001', priceDecimals: 2, midTicks: 192_000, firstSeqId: 17_000_000 },
];

/** Levels per side in each snapshot, and the update count of the whole session. */
const SNAPSHOT_LEVELS = 60;
const UPDATES = 320;
const SEED = 20_260_809;
const START_SECONDS = 1_786_310_000;
const CONN = 'OKX.ws.2';

/** mulberry32: a small seeded generator, enough for test data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer count of 10^-decimals units as canonical decimal text. */
function decimalText(units: number, decimals: number): string {
  const scale = 10 ** decimals;
  const whole = Math.floor(units / scale);
  const fraction = String(units % scale).padStart(decimals, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

type Level = [string, string, string, string];

class SyntheticBook {
  /** Price in ticks → [size in 0.001 units, order count]. */
  readonly bids = new Map<number, [number, number]>();
  readonly asks = new Map<number, [number, number]>();

  constructor(readonly instrument: SyntheticInstrument) {}

  level(ticks: number, entry: [number, number] | null): Level {
    return [decimalText(ticks, this.instrument.priceDecimals), entry === null ? '0' : decimalText(entry[0], 3), '0', entry === null ? '0' : String(entry[1])];
  }

  sorted(side: 'bid' | 'ask'): number[] {
    const prices = [...(side === 'bid' ? this.bids : this.asks).keys()];
    return prices.sort((a, b) => (side === 'bid' ? b - a : a - b));
  }

  levels(side: 'bid' | 'ask'): Level[] {
    const levels = side === 'bid' ? this.bids : this.asks;
    return this.sorted(side).map((ticks) => this.level(ticks, levels.get(ticks)!));
  }

  checksum(): number {
    const bids = this.levels('bid');
    const asks = this.levels('ask');
    const parts: string[] = [];
    for (let row = 0; row < 25; row++) {
      if (bids[row] !== undefined) parts.push(`${bids[row]![0]}:${bids[row]![1]}`);
      if (asks[row] !== undefined) parts.push(`${asks[row]![0]}:${asks[row]![1]}`);
    }
    const bytes = new TextEncoder().encode(parts.join(':'));
    return crc32(bytes, 0, bytes.length) | 0;
  }
}

export function buildOkxSyntheticRecording(): string {
  const random = generator(SEED);
  const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const lines: unknown[] = [];
  let seconds = START_SECONDS;
  const receive = (data: unknown): void => {
    seconds += 0.05;
    lines.push({ t: 'recv', conn: CONN, ts: Number(seconds.toFixed(6)), data: typeof data === 'string' ? data : JSON.stringify(data) });
  };

  lines.push({ t: 'header', format: 2, exchange: 'OKX', config: { l2_book: ['BTC-USDT', 'ETH-USDT'], trades: ['BTC-USDT', 'ETH-USDT'] }, recorded: START_SECONDS });
  const instruments = INSTRUMENTS.map((instrument) => ({
    alias: '',
    baseCcy: instrument.baseCcy,
    category: '1',
    ctMult: '',
    ctType: '',
    ctVal: '',
    ctValCcy: '',
    expTime: '',
    instFamily: '',
    instId: instrument.instId,
    instType: 'SPOT',
    lever: '10',
    listTime: '1606468572000',
    lotSz: instrument.lotSz,
    maxLmtSz: '9999999999',
    maxMktSz: '1000000',
    minSz: instrument.lotSz,
    quoteCcy: instrument.quoteCcy,
    settleCcy: '',
    state: 'live',
    tickSz: instrument.tickSz,
    uly: '',
  }));
  lines.push({ t: 'http', conn: 'OKX.http.1', ts: START_SECONDS, url: 'https://www.okx.com/api/v5/public/instruments?instType=SPOT', data: JSON.stringify({ code: '0', msg: '', data: instruments }) });
  lines.push({ t: 'connect', conn: CONN, ts: START_SECONDS + 0.01, addr: 'wss://ws.okx.com:8443/ws/v5/public' });
  const channels = INSTRUMENTS.flatMap((instrument) => ['books', 'trades', 'bbo-tbt'].map((channel) => ({ channel, instId: instrument.instId })));
  seconds += 0.02;
  lines.push({ t: 'send', conn: CONN, ts: Number(seconds.toFixed(6)), addr: 'wss://ws.okx.com:8443/ws/v5/public', data: JSON.stringify({ op: 'subscribe', args: channels }) });
  for (const arg of channels) receive({ event: 'subscribe', arg, connId: 'a4d3ae55' });

  let venueMs = START_SECONDS * 1000;
  const books = INSTRUMENTS.map((instrument) => new SyntheticBook(instrument));
  const seqIds = INSTRUMENTS.map((instrument) => instrument.firstSeqId);
  for (const book of books) {
    for (const [side, levels] of [
      [-1, book.bids],
      [1, book.asks],
    ] as const) {
      let ticks = book.instrument.midTicks;
      for (let count = 0; count < SNAPSHOT_LEVELS; count++) {
        ticks += side * integer(1, 3);
        levels.set(ticks, [integer(1, 5000), integer(1, 9)]);
      }
    }
    venueMs += 7;
    const index = books.indexOf(book);
    receive({
      arg: { channel: 'books', instId: book.instrument.instId },
      action: 'snapshot',
      data: [{ asks: book.levels('ask'), bids: book.levels('bid'), ts: String(venueMs), checksum: book.checksum(), prevSeqId: -1, seqId: seqIds[index]! }],
    });
  }

  for (let update = 0; update < UPDATES; update++) {
    // One keep-alive in the middle of BTC-USDT's stream: no levels, seqId unchanged.
    const keepAlive = update === UPDATES / 2;
    const index = keepAlive ? 0 : integer(0, books.length - 1);
    const book = books[index]!;
    venueMs += integer(20, 120);
    const changed = { bid: new Map<number, Level>(), ask: new Map<number, Level>() };
    const changes = keepAlive ? 0 : integer(1, 5);
    for (let change = 0; change < changes; change++) {
      const side = random() < 0.5 ? 'bid' : 'ask';
      const levels = side === 'bid' ? book.bids : book.asks;
      const prices = book.sorted(side);
      const roll = random();
      let ticks: number;
      let entry: [number, number] | null;
      if (roll < 0.4 || prices.length < 30) {
        // A new level near the top, never crossing the other side.
        const bestOther = book.sorted(side === 'bid' ? 'ask' : 'bid')[0]!;
        ticks = side === 'bid' ? Math.min(prices[0]! + integer(-20, 2), bestOther - 1) : Math.max(prices[0]! + integer(-2, 20), bestOther + 1);
        entry = [integer(1, 5000), integer(1, 9)];
      } else if (roll < 0.75) {
        ticks = prices[integer(0, Math.min(prices.length, 30) - 1)]!;
        entry = [integer(1, 5000), integer(1, 9)];
      } else {
        ticks = prices[integer(0, Math.min(prices.length, 30) - 1)]!;
        entry = null;
      }
      if (entry === null) levels.delete(ticks);
      else levels.set(ticks, entry);
      changed[side].set(ticks, book.level(ticks, entry));
    }
    const previous = seqIds[index]!;
    const seqId = keepAlive ? previous : previous + integer(1, 3);
    seqIds[index] = seqId;
    receive({
      arg: { channel: 'books', instId: book.instrument.instId },
      action: 'update',
      data: [{ asks: [...changed.ask.values()], bids: [...changed.bid.values()], ts: String(venueMs), checksum: book.checksum(), prevSeqId: previous, seqId }],
    });
    if (update % 40 === 17) {
      const best = book.sorted('ask')[0]!;
      receive({
        arg: { channel: 'trades', instId: book.instrument.instId },
        data: [{ instId: book.instrument.instId, tradeId: String(130_639_474 + update), px: decimalText(best, book.instrument.priceDecimals), sz: decimalText(integer(1, 900), 3), side: 'buy', ts: String(venueMs), count: '1', source: '0', seqId }],
      });
    }
  }
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OKX_SYNTHETIC_RECORDING, buildOkxSyntheticRecording());
  console.log(`wrote ${OKX_SYNTHETIC_RECORDING}`);
}
