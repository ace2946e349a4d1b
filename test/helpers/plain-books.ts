// Test oracle: every order book of a recording rebuilt plainly from its frames (JSON.parse and Maps), independent of src/.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/*
 * Each venue's documented rule, in the simplest form that is still the rule:
 *   Binance  REST depth snapshot, then the stream's depthUpdate events with u > lastUpdateId (the
 *            first applied must straddle lastUpdateId + 1, each next one start at the previous u + 1).
 *   Bybit    orderbook.N per connection: a snapshot (or u = 1) replaces the book, a delta's levels
 *            replace theirs, u counts up by one.
 *   Coinbase l2_data: a snapshot event replaces the product's book, update events replace levels.
 *   OKX      books: a snapshot replaces the book, an update's prevSeqId is the previous seqId.
 * Size zero deletes a level everywhere. Prices and sizes are kept as canonical decimal text (no
 * trailing zeros), which is how the engine reports them. A recording that breaks its venue's
 * sequence rule throws: the oracle would be wrong, not the engine.
 */

type Levels = Map<string, string>;

export interface PlainBook {
  bids: Levels;
  asks: Levels;
}

export interface TopLevels {
  bids: [string, string][];
  asks: [string, string][];
}

type Json = Record<string, unknown>;

/** Every line of a recording (`.jsonl` or `.jsonl.gz`), parsed. */
export function readRecordingLines(path: string): Json[] {
  const bytes = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Json);
}

/** `"0.35210000"` → `"0.3521"`, `"100.0"` → `"100"`. */
export function canonical(text: string): string {
  if (!text.includes('.')) return text.replace(/^0+(?=\d)/, '');
  return text.replace(/^0+(?=\d)/, '').replace(/0+$/, '').replace(/\.$/, '');
}

function scaled(text: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(20, '0'));
}

function isZero(size: string): boolean {
  return scaled(size) === 0n;
}

function setLevel(levels: Levels, price: string, size: string): void {
  if (isZero(size)) levels.delete(canonical(price));
  else levels.set(canonical(price), canonical(size));
}

function emptyBook(): PlainBook {
  return { bids: new Map(), asks: new Map() };
}

/** The best `count` levels a side, best first. */
export function topLevels(book: PlainBook, count = 10): TopLevels {
  const side = (levels: Levels, descending: boolean): [string, string][] =>
    [...levels.entries()]
      .sort(([a], [b]) => {
        const difference = scaled(a) - scaled(b);
        const order = difference < 0n ? -1 : difference > 0n ? 1 : 0;
        return descending ? -order : order;
      })
      .slice(0, count);
  return { bids: side(book.bids, true), asks: side(book.asks, false) };
}

/** Every book of the recording at its end, keyed like ReplayStats.books (`binance:NKNUSDT`, `bybit:spot:BTCUSDT`, `coinbase:BTC-USD`, `okx:BTC-USDT`). */
export function reconstructBooks(path: string): Map<string, PlainBook> {
  const lines = readRecordingLines(path);
  const exchange = lines[0]!.exchange;
  switch (exchange) {
    case 'BINANCE':
      return binanceBooks(lines);
    case 'BYBIT':
      return bybitBooks(lines);
    case 'COINBASE':
      return coinbaseBooks(lines);
    case 'OKX':
      return okxBooks(lines);
    default:
      throw new Error(`no plain reconstruction for ${String(exchange)}`);
  }
}

function received(lines: Json[]): { conn: string; message: Json }[] {
  return lines.filter((line) => line.t === 'recv').map((line) => ({ conn: line.conn as string, message: JSON.parse(line.data as string) as Json }));
}

function binanceBooks(lines: Json[]): Map<string, PlainBook> {
  const books = new Map<string, PlainBook>();
  const updateIds = new Map<string, number>();
  for (const line of lines) {
    if (line.t !== 'http' || !(line.url as string).includes('/api/v3/depth')) continue;
    const symbol = new URL(line.url as string).searchParams.get('symbol')!;
    if (books.has(symbol)) continue;
    const snapshot = JSON.parse(line.data as string) as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
    const book = emptyBook();
    for (const [price, size] of snapshot.bids) setLevel(book.bids, price, size);
    for (const [price, size] of snapshot.asks) setLevel(book.asks, price, size);
    books.set(symbol, book);
    updateIds.set(symbol, snapshot.lastUpdateId);
  }
  const started = new Set<string>();
  for (const { message } of received(lines)) {
    const event = (message.data ?? message) as { e?: string; s: string; U: number; u: number; b: [string, string][]; a: [string, string][] };
    if (event.e !== 'depthUpdate') continue;
    const book = books.get(event.s);
    const updateId = updateIds.get(event.s)!;
    if (book === undefined || event.u <= updateId) continue;
    const valid = started.has(event.s) ? event.U === updateId + 1 : event.U <= updateId + 1;
    if (!valid) throw new Error(`Binance ${event.s}: event ${event.U}-${event.u} does not follow ${updateId}`);
    started.add(event.s);
    for (const [price, size] of event.b) setLevel(book.bids, price, size);
    for (const [price, size] of event.a) setLevel(book.asks, price, size);
    updateIds.set(event.s, event.u);
  }
  return new Map([...books].map(([symbol, book]) => [`binance:${symbol}`, book]));
}

function bybitBooks(lines: Json[]): Map<string, PlainBook> {
  const categoryOf = new Map<string, string>();
  for (const line of lines) if (line.t === 'connect') categoryOf.set(line.conn as string, (line.addr as string).endsWith('/spot') ? 'spot' : 'linear');
  const books = new Map<string, PlainBook>();
  const updateIds = new Map<string, number>();
  for (const { conn, message } of received(lines)) {
    const topic = message.topic;
    if (typeof topic !== 'string' || !topic.startsWith('orderbook.')) continue;
    const data = message.data as { s: string; b: [string, string][]; a: [string, string][]; u: number };
    const key = `bybit:${categoryOf.get(conn)!}:${data.s}`;
    let book = books.get(key);
    if (message.type === 'snapshot' || data.u === 1) {
      book = emptyBook();
      books.set(key, book);
    } else if (book === undefined || data.u !== updateIds.get(key)! + 1) {
      throw new Error(`Bybit ${key}: delta u=${data.u} does not follow ${String(updateIds.get(key))}`);
    }
    for (const [price, size] of data.b) setLevel(book.bids, price, size);
    for (const [price, size] of data.a) setLevel(book.asks, price, size);
    updateIds.set(key, data.u);
  }
  return books;
}

function coinbaseBooks(lines: Json[]): Map<string, PlainBook> {
  const books = new Map<string, PlainBook>();
  for (const { message } of received(lines)) {
    if (message.channel !== 'l2_data') continue;
    for (const event of message.events as { type: string; product_id: string; updates: { side: string; price_level: string; new_quantity: string }[] }[]) {
      const key = `coinbase:${event.product_id}`;
      if (event.type === 'snapshot') books.set(key, emptyBook());
      const book = books.get(key);
      if (book === undefined) throw new Error(`Coinbase ${key}: update before its snapshot`);
      for (const level of event.updates) setLevel(level.side === 'bid' ? book.bids : book.asks, level.price_level, level.new_quantity);
    }
  }
  return books;
}

function okxBooks(lines: Json[]): Map<string, PlainBook> {
  const books = new Map<string, PlainBook>();
  const sequenceIds = new Map<string, number>();
  for (const { message } of received(lines)) {
    const arg = message.arg as { channel?: string; instId?: string } | undefined;
    if (arg?.channel !== 'books' || !Array.isArray(message.data)) continue;
    const key = `okx:${arg.instId!}`;
    for (const data of message.data as { bids: string[][]; asks: string[][]; prevSeqId: number; seqId: number }[]) {
      if (message.action === 'snapshot') books.set(key, emptyBook());
      else if (data.prevSeqId !== sequenceIds.get(key)) throw new Error(`OKX ${key}: prevSeqId ${data.prevSeqId} does not follow ${String(sequenceIds.get(key))}`);
      const book = books.get(key)!;
      for (const [price, size] of data.bids) setLevel(book.bids, price!, size!);
      for (const [price, size] of data.asks) setLevel(book.asks, price!, size!);
      sequenceIds.set(key, data.seqId);
    }
  }
  return books;
}
