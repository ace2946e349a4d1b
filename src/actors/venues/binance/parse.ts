// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams — Binance frames to ParsedFrame, by JSON.parse (the reference).
import { ZvtError } from '../../../model/errors.js';
import { parseDecimal, textDecimalsOf } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide, SEQUENCE_NONE } from '../../../model/record-types.js';
import { FrameKind, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { ZVT_ERR_BINANCE_RESPONSE } from './errors.js';
import { BinanceMarket } from './market.js';
import type { BinanceLevel } from './messages.js';

/*
 * This parser is the definition of what a Binance frame means; the byte scanner (scan.ts) must
 * produce exactly the same ParsedFrame and falls back to this function for anything it does not
 * recognise. It serves spot and USDⓈ-M futures (market.ts lists the differences).
 *
 * Normalisation (docs/venues/binance.md):
 * - depthUpdate → one book update: sequence = u, firstSequence = U, previousSequence = pu
 *   (futures) or SEQUENCE_NONE (spot has no pu); quantities are absolute, "0" removes a level.
 *   Event time: spot E (the only time sent), futures T (transaction time).
 * - bookTicker → one BBO. Spot sends no time at all (hasEventTime false); futures T. Sides are
 *   kept as sent.
 * - aggTrade → one trade, id `a`, time T (trade time); `m` (buyer is maker) true means the
 *   taker sold, false that it bought; a missing `m` leaves the side UNKNOWN.
 * - Frames of symbols not on this connection are IGNORED, never guessed at; channels we do not
 *   use (klines, tickers, partial depth, mark price, liquidations ...) are IGNORED; anything else
 *   is UNKNOWN. A decimal that does not fit the instrument's scale throws (fail loudly).
 *
 * Checks run in the wire's key order and a frame is classified at the same point the scanner
 * decides it, so both agree on every frame the scanner accepts.
 */

/** Diff depth stream names: `depth`, `depth@100ms`, `depth@500ms` ... */
const DEPTH_CHANNEL = /^depth(@\d+ms)?$/;
/** Per-symbol channels we understand and deliberately do not use. */
const IGNORED_CHANNEL =
  /^(trade|kline_\w+(@\+08:00)?|continuousKline_\w+|miniTicker|ticker|ticker_(1h|4h|1d)|avgPrice|markPrice(@1s)?|forceOrder|compositeIndex|assetIndex|depth(5|10|20)(@\d+ms)?)$/;
/** All-market streams we understand and deliberately do not use. */
const IGNORED_ALL_MARKET_STREAM =
  /^!(miniTicker@arr|ticker@arr|ticker_(1h|4h|1d)@arr|bookTicker|markPrice@arr(@1s)?|forceOrder@arr|contractInfo|assetIndex@arr)$/;
const SERVER_SHUTDOWN_STREAM = '!serverShutdown';

const MILLISECONDS_PER_SECOND = 1000;
const NANOSECONDS_PER_MILLISECOND = 1_000_000;

/** Whole epoch seconds of a venue millisecond timestamp. */
export function epochSecondsOf(epochMs: number): number {
  return Math.floor(epochMs / MILLISECONDS_PER_SECOND);
}

/** Nanoseconds within the second of a venue millisecond timestamp. */
export function epochNanosOf(epochMs: number): number {
  return (epochMs - Math.floor(epochMs / MILLISECONDS_PER_SECOND) * MILLISECONDS_PER_SECOND) * NANOSECONDS_PER_MILLISECOND;
}

/** Parses one Binance frame (spot or USDⓈ-M futures) into `out`. */
export function parseBinanceFrame(text: string, context: ParseContext, out: ParsedFrame, market: BinanceMarket): void {
  out.reset();
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    markUnknown(out, 'frame is not JSON');
    return;
  }
  if (!isRecord(message)) {
    markUnknown(out, 'frame is not a JSON object');
    return;
  }
  if (typeof message.stream === 'string' && 'data' in message) {
    parseStreamEvent(message.stream, message.data, context, out, market);
    return;
  }
  if (message.e === 'serverShutdown') {
    // The raw-stream form of the shutdown notice (combined streams wrap it, see parseStreamEvent).
    markServerShutdown(out);
    return;
  }
  if ('result' in message && 'id' in message) {
    // `result: null` acknowledges SUBSCRIBE/UNSUBSCRIBE/SET_PROPERTY; anything else answers a query.
    out.kind = message.result === null ? FrameKind.SUBSCRIBED : FrameKind.IGNORED;
    return;
  }
  const error = isRecord(message.error) ? message.error : message;
  if (typeof error.code === 'number' && typeof error.msg === 'string') {
    out.kind = FrameKind.VENUE_ERROR;
    out.errorText = `code ${error.code}: ${error.msg}`;
    return;
  }
  markUnknown(out, 'neither a stream event, a request result nor an error');
}

/** The spot dialect's reference parser. */
export function parseReference(text: string, context: ParseContext, out: ParsedFrame): void {
  parseBinanceFrame(text, context, out, BinanceMarket.SPOT);
}

/**
 * Parses a REST depth snapshot body (spot `/api/v3/depth`, futures `/fapi/v1/depth`) into a
 * snapshot book: sequence = lastUpdateId; futures snapshots carry T (transaction time). A body of
 * another shape throws ZVT_ERR_BINANCE_RESPONSE (the feed retries the request).
 */
export function parseBinanceDepthSnapshot(body: string, instrumentId: number, context: ParseContext, out: ParsedBook, market: BinanceMarket): void {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throwResponse('REST depth snapshot is not JSON', body);
  }
  if (!isRecord(message) || !isWireInteger(message.lastUpdateId) || !isLevelList(message.bids) || !isLevelList(message.asks)) {
    throwResponse('REST depth snapshot lacks lastUpdateId, bids or asks', body);
  }
  const futures = market === BinanceMarket.USD_M_FUTURES;
  if (futures && !isWireInteger(message.T)) throwResponse('USDⓈ-M depth snapshot lacks its transaction time T', body);
  out.reset(instrumentId, true);
  out.sequence = message.lastUpdateId;
  if (futures) setBookTime(out, message.T as number);
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  pushLevels(out, BookSide.BID, message.bids, priceDecimals, sizeDecimals);
  pushLevels(out, BookSide.ASK, message.asks, priceDecimals, sizeDecimals);
}

/** The spot dialect's REST snapshot parser. */
export function parseRestSnapshot(body: string, instrumentId: number, context: ParseContext, out: ParsedBook): void {
  parseBinanceDepthSnapshot(body, instrumentId, context, out, BinanceMarket.SPOT);
}

function parseStreamEvent(stream: string, data: unknown, context: ParseContext, out: ParsedFrame, market: BinanceMarket): void {
  if (stream === SERVER_SHUTDOWN_STREAM) {
    markServerShutdown(out);
    return;
  }
  if (stream.startsWith('!')) {
    if (IGNORED_ALL_MARKET_STREAM.test(stream)) out.kind = FrameKind.IGNORED;
    else markUnknown(out, `unknown all-market stream ${stream}`);
    return;
  }
  const at = stream.indexOf('@');
  const channel = at < 0 ? '' : stream.slice(at + 1);
  if (!isRecord(data)) {
    if (IGNORED_CHANNEL.test(channel)) out.kind = FrameKind.IGNORED;
    else markUnknown(out, `stream ${stream} carries no event object`);
    return;
  }
  if (DEPTH_CHANNEL.test(channel)) parseDepthUpdate(data, context, out, market);
  else if (channel === 'bookTicker') parseBookTicker(data, context, out, market);
  else if (channel === 'aggTrade') parseAggregateTrade(data, context, out);
  else if (IGNORED_CHANNEL.test(channel)) out.kind = FrameKind.IGNORED;
  else markUnknown(out, `unknown stream ${stream}`);
}

function parseDepthUpdate(data: Record<string, unknown>, context: ParseContext, out: ParsedFrame, market: BinanceMarket): void {
  if (data.e !== 'depthUpdate') return markUnknown(out, 'depth stream event is not a depthUpdate');
  const futures = market === BinanceMarket.USD_M_FUTURES;
  const time = futures ? data.T : data.E;
  if (!isWireInteger(time)) return markUnknown(out, `depthUpdate without its ${futures ? 'T' : 'E'} time`);
  if (typeof data.s !== 'string') return markUnknown(out, 'depthUpdate without a symbol');
  const instrumentId = context.symbols.byString(data.s);
  if (instrumentId < 0) return; // another connection's symbol: not ours
  if (!isWireInteger(data.U) || !isWireInteger(data.u)) return markUnknown(out, 'depthUpdate without U/u update ids');
  let previousSequence: number = SEQUENCE_NONE;
  if (futures) {
    if (!isSignedWireInteger(data.pu)) return markUnknown(out, 'USDⓈ-M depthUpdate without pu');
    previousSequence = data.pu;
  }
  if (!isLevelList(data.b) || !isLevelList(data.a)) return markUnknown(out, 'depthUpdate levels are not [price, quantity] string pairs');
  const book = out.nextBook(instrumentId, false);
  book.sequence = data.u;
  book.firstSequence = data.U;
  book.previousSequence = previousSequence;
  setBookTime(book, time);
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  pushLevels(book, BookSide.BID, data.b, priceDecimals, sizeDecimals);
  pushLevels(book, BookSide.ASK, data.a, priceDecimals, sizeDecimals);
  out.kind = FrameKind.MARKET_DATA;
}

function parseBookTicker(data: Record<string, unknown>, context: ParseContext, out: ParsedFrame, market: BinanceMarket): void {
  let hasEventTime = false;
  let time = 0;
  if (market === BinanceMarket.USD_M_FUTURES) {
    if (data.e !== 'bookTicker') return markUnknown(out, 'bookTicker stream event is not a bookTicker');
    if (!isWireInteger(data.T)) return markUnknown(out, 'USDⓈ-M bookTicker without its T time');
    hasEventTime = true;
    time = data.T;
  }
  if (typeof data.s !== 'string') return markUnknown(out, 'bookTicker without a symbol');
  const instrumentId = context.symbols.byString(data.s);
  if (instrumentId < 0) return;
  const { b, B, a, A } = data;
  if (typeof b !== 'string' || typeof B !== 'string' || typeof a !== 'string' || typeof A !== 'string') {
    return markUnknown(out, 'bookTicker prices and quantities are not strings');
  }
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  const bidPrice = parseDecimal(b, priceDecimals);
  const bidSize = parseDecimal(B, sizeDecimals);
  const askPrice = parseDecimal(a, priceDecimals);
  const askSize = parseDecimal(A, sizeDecimals);
  out.bbos.push(instrumentId, bidPrice, bidSize, askPrice, askSize, hasEventTime, hasEventTime ? epochSecondsOf(time) : 0, hasEventTime ? epochNanosOf(time) : 0);
  out.kind = FrameKind.MARKET_DATA;
}

function parseAggregateTrade(data: Record<string, unknown>, context: ParseContext, out: ParsedFrame): void {
  if (data.e !== 'aggTrade') return markUnknown(out, 'aggTrade stream event is not an aggTrade');
  if (typeof data.s !== 'string') return markUnknown(out, 'aggTrade without a symbol');
  const instrumentId = context.symbols.byString(data.s);
  if (instrumentId < 0) return;
  const { a, p, q, T, m } = data;
  if (!isWireInteger(a)) return markUnknown(out, 'aggTrade without its id a');
  if (typeof p !== 'string' || typeof q !== 'string') return markUnknown(out, 'aggTrade price or quantity is not a string');
  if (!isWireInteger(T)) return markUnknown(out, 'aggTrade without its trade time T');
  let side: AggressorSide = AggressorSide.UNKNOWN;
  if (m === true) side = AggressorSide.SELL;
  else if (m === false) side = AggressorSide.BUY;
  else if (m !== undefined) return markUnknown(out, 'aggTrade m is not a boolean');
  const price = parseDecimal(p, context.priceDecimals[instrumentId]!);
  const size = parseDecimal(q, context.sizeDecimals[instrumentId]!);
  const index = out.trades.push(instrumentId, price, size, side, true, epochSecondsOf(T), epochNanosOf(T));
  out.trades.setTradeIdString(index, String(a));
  out.kind = FrameKind.MARKET_DATA;
}

function pushLevels(book: ParsedBook, side: BookSide, levels: readonly BinanceLevel[], priceDecimals: number, sizeDecimals: number): void {
  for (const [priceText, sizeText] of levels) {
    const price = parseDecimal(priceText, priceDecimals);
    const size = parseDecimal(sizeText, sizeDecimals);
    book.pushLevel(side, price, size, textDecimalsOf(priceText), textDecimalsOf(sizeText));
  }
}

function setBookTime(book: ParsedBook, epochMs: number): void {
  book.hasEventTime = true;
  book.eventSeconds = epochSecondsOf(epochMs);
  book.eventNanos = epochNanosOf(epochMs);
}

/** No frame kind says "reconnect now"; VENUE_ERROR gets the notice logged and counted (docs/venues/binance.md). */
function markServerShutdown(out: ParsedFrame): void {
  out.kind = FrameKind.VENUE_ERROR;
  out.errorText = 'serverShutdown: the venue will close this connection soon';
}

function markUnknown(out: ParsedFrame, reason: string): void {
  out.reset();
  out.kind = FrameKind.UNKNOWN;
  out.errorText = reason;
}

function throwResponse(reason: string, body: string): never {
  throw new ZvtError(ZVT_ERR_BINANCE_RESPONSE, `${reason}: ${body.slice(0, 200)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids and times: non-negative safe integers sent as JSON numbers. */
function isWireInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** `pu` is not documented as non-negative, so any safe integer is taken as sent. */
function isSignedWireInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isLevelList(value: unknown): value is BinanceLevel[] {
  if (!Array.isArray(value)) return false;
  for (const level of value as unknown[]) {
    if (!Array.isArray(level) || level.length !== 2 || typeof level[0] !== 'string' || typeof level[1] !== 'string') return false;
  }
  return true;
}
