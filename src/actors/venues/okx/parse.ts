// OKX v5 public WebSocket frames → ParsedFrame: the JSON.parse reference parser, the definition of what a frame means.
//
// https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
// https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel
// https://www.okx.com/docs-v5/en/#overview-websocket-subscribe

import { textDecimalsOf, parseDecimal } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide } from '../../../model/record-types.js';
import { FrameKind, TRADE_ID_MAX_BYTES, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { OKX_CHANNELS } from './channels.js';

/*
 * Decisions, in the order they are taken (the byte scanner in scan.ts must reach the same ones):
 *
 *  1. The text `pong` is the reply to our `ping`: HEARTBEAT.
 *  2. Not JSON, or not a JSON object: UNKNOWN.
 *  3. An `event` member makes it an event: `subscribe` → SUBSCRIBED; `error`, `notice` (64008,
 *     disconnect for a service upgrade) and `channel-conn-count-error` → VENUE_ERROR with the code
 *     and message; `unsubscribe` and `channel-conn-count` → IGNORED; anything else → UNKNOWN.
 *  4. Otherwise a push: `arg` must be an object with a string `channel`. A known channel we do not
 *     use → IGNORED; a channel we do not know → UNKNOWN.
 *  5. `arg.instId` must be a string; an instrument this connection does not serve → IGNORED.
 *  6. `data` must be an array; book channels need `action` `snapshot` or `update`.
 *  7. Each element of `data` is read member by member in the order the frame lists them (so levels
 *     come out in wire order, asks first as OKX sends them); any member of the wrong type → UNKNOWN.
 *
 * Normalisation (docs/venues/okx.md): prices and sizes are parsed from their text to mantissas at
 * the instrument's scale, and their fraction digits as sent are kept (the OKX checksum is computed
 * over that exact text). A level is [price, size, deprecated "0", order count]: the first two are
 * used. Size "0" deletes a level (the book applies it). `ts` (epoch ms text) becomes whole seconds +
 * nanoseconds; a missing `ts` leaves hasEventTime false. A missing checksum is 0, which the contract
 * defines as "not sent" (OKX itself sends 0 from 23 June 2026). Trades: `side` is the taker's side,
 * `tradeId` the last id of OKX's aggregation; the instrument is the one named in `arg`.
 */

const HEARTBEAT_REPLY = 'pong';
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const MILLISECONDS_PER_SECOND = 1000;
const NANOSECONDS_PER_MILLISECOND = 1_000_000;
/** How much of a frame an UNKNOWN errorText quotes. */
const QUOTED_FRAME_CHARACTERS = 200;
const DIGITS_ONLY = /^[0-9]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

const BOOK_CHANNELS: ReadonlySet<string> = new Set(OKX_CHANNELS.bookChannels);
const IGNORED_CHANNELS: ReadonlySet<string> = new Set(OKX_CHANNELS.ignoredChannels);

type JsonRecord = Record<string, unknown>;

/** Fills `out` with what one OKX frame says. Throws only on a price or size that does not fit the instrument's scale. */
export function parseReference(text: string, context: ParseContext, out: ParsedFrame): void {
  out.reset();
  if (text === HEARTBEAT_REPLY) {
    out.kind = FrameKind.HEARTBEAT;
    return;
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    unknownFrame(out, 'not JSON', text);
    return;
  }
  if (!isRecord(message)) {
    unknownFrame(out, 'not a JSON object', text);
    return;
  }
  if (Object.hasOwn(message, 'event')) {
    parseEvent(message, text, out);
    return;
  }
  const argument = message.arg;
  if (!isRecord(argument) || typeof argument.channel !== 'string') {
    unknownFrame(out, 'no arg.channel', text);
    return;
  }
  const channel = argument.channel;
  if (IGNORED_CHANNELS.has(channel)) {
    out.kind = FrameKind.IGNORED;
    return;
  }
  const isBooks = BOOK_CHANNELS.has(channel);
  if (!isBooks && channel !== OKX_CHANNELS.trades && channel !== OKX_CHANNELS.bestBidOffer) {
    unknownFrame(out, `unknown channel ${channel}`, text);
    return;
  }
  if (typeof argument.instId !== 'string') {
    unknownFrame(out, 'no arg.instId', text);
    return;
  }
  const instrumentId = context.symbols.byString(argument.instId);
  if (instrumentId === -1) {
    out.kind = FrameKind.IGNORED;
    return;
  }
  const data = message.data;
  if (!Array.isArray(data)) {
    unknownFrame(out, 'data is not an array', text);
    return;
  }
  let understood: boolean;
  if (isBooks) {
    const action = message.action;
    if (action !== 'snapshot' && action !== 'update') {
      unknownFrame(out, 'book action is not snapshot or update', text);
      return;
    }
    understood = parseBooks(data, instrumentId, action === 'snapshot', context, out);
  } else if (channel === OKX_CHANNELS.trades) {
    understood = parseTrades(data, instrumentId, context, out);
  } else {
    understood = parseBestBidOffers(data, instrumentId, context, out);
  }
  if (understood) out.kind = FrameKind.MARKET_DATA;
  else unknownFrame(out, `malformed ${channel} data`, text);
}

function parseEvent(message: JsonRecord, text: string, out: ParsedFrame): void {
  switch (message.event) {
    case 'subscribe':
      out.kind = FrameKind.SUBSCRIBED;
      return;
    case 'unsubscribe':
    case 'channel-conn-count':
      out.kind = FrameKind.IGNORED;
      return;
    case 'error':
    case 'notice':
      out.kind = FrameKind.VENUE_ERROR;
      out.errorText = `${message.event} ${describe(message.code)}: ${describe(message.msg)}`;
      return;
    case 'channel-conn-count-error':
      out.kind = FrameKind.VENUE_ERROR;
      out.errorText = `channel-conn-count-error on ${describe(message.channel)}: ${describe(message.connCount)} connections`;
      return;
    default:
      unknownFrame(out, `unknown event ${describe(message.event)}`, text);
  }
}

function parseBooks(data: unknown[], instrumentId: number, isSnapshot: boolean, context: ParseContext, out: ParsedFrame): boolean {
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  for (const element of data) {
    if (!isRecord(element)) return false;
    const book = out.nextBook(instrumentId, isSnapshot);
    let sawAsks = false;
    let sawBids = false;
    let sawSequence = false;
    let sawPreviousSequence = false;
    for (const key of Object.keys(element)) {
      const value = element[key];
      switch (key) {
        case 'asks':
          if (!pushLevels(book, value, BookSide.ASK, priceDecimals, sizeDecimals)) return false;
          sawAsks = true;
          break;
        case 'bids':
          if (!pushLevels(book, value, BookSide.BID, priceDecimals, sizeDecimals)) return false;
          sawBids = true;
          break;
        case 'ts': {
          const milliseconds = epochMilliseconds(value);
          if (milliseconds < 0) return false;
          book.hasEventTime = true;
          book.eventSeconds = secondsOf(milliseconds);
          book.eventNanos = nanosOf(milliseconds);
          break;
        }
        case 'checksum':
          if (!isInt32(value)) return false;
          book.checksum = value | 0;
          break;
        case 'seqId':
          if (!Number.isSafeInteger(value)) return false;
          book.sequence = value as number;
          sawSequence = true;
          break;
        case 'prevSeqId':
          if (!Number.isSafeInteger(value)) return false;
          book.previousSequence = value as number;
          sawPreviousSequence = true;
          break;
        default:
          break;
      }
    }
    if (!sawAsks || !sawBids || !sawSequence || !sawPreviousSequence) return false;
  }
  return true;
}

function pushLevels(book: ParsedBook, value: unknown, side: BookSide, priceDecimals: number, sizeDecimals: number): boolean {
  if (!Array.isArray(value)) return false;
  for (const level of value) {
    if (!isLevel(level)) return false;
    const [priceText, sizeText] = level;
    const price = parseDecimal(priceText, priceDecimals);
    const size = parseDecimal(sizeText, sizeDecimals);
    book.pushLevel(side, price, size, textDecimalsOf(priceText), textDecimalsOf(sizeText));
  }
  return true;
}

function parseTrades(data: unknown[], instrumentId: number, context: ParseContext, out: ParsedFrame): boolean {
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  for (const element of data) {
    if (!isRecord(element)) return false;
    let tradeId: string | null = null;
    let priceText: string | null = null;
    let sizeText: string | null = null;
    let side: AggressorSide = AggressorSide.UNKNOWN;
    let milliseconds = -1;
    for (const key of Object.keys(element)) {
      const value = element[key];
      switch (key) {
        case 'tradeId':
          if (typeof value !== 'string' || value.length > TRADE_ID_MAX_BYTES || !PRINTABLE_ASCII.test(value)) return false;
          tradeId = value;
          break;
        case 'px':
          if (typeof value !== 'string') return false;
          priceText = value;
          break;
        case 'sz':
          if (typeof value !== 'string') return false;
          sizeText = value;
          break;
        case 'side':
          if (value === 'buy') side = AggressorSide.BUY;
          else if (value === 'sell') side = AggressorSide.SELL;
          else return false;
          break;
        case 'ts':
          milliseconds = epochMilliseconds(value);
          if (milliseconds < 0) return false;
          break;
        default:
          break;
      }
    }
    if (tradeId === null || priceText === null || sizeText === null || side === AggressorSide.UNKNOWN) return false;
    const price = parseDecimal(priceText, priceDecimals);
    const size = parseDecimal(sizeText, sizeDecimals);
    const hasEventTime = milliseconds >= 0;
    const index = out.trades.push(
      instrumentId,
      price,
      size,
      side,
      hasEventTime,
      hasEventTime ? secondsOf(milliseconds) : 0,
      hasEventTime ? nanosOf(milliseconds) : 0,
    );
    out.trades.setTradeIdString(index, tradeId);
  }
  return true;
}

function parseBestBidOffers(data: unknown[], instrumentId: number, context: ParseContext, out: ParsedFrame): boolean {
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  for (const element of data) {
    if (!isRecord(element)) return false;
    // undefined: member absent; null: present with no level (that side of the book is empty).
    let bid: [string, string, ...unknown[]] | null | undefined;
    let ask: [string, string, ...unknown[]] | null | undefined;
    let milliseconds = -1;
    for (const key of Object.keys(element)) {
      const value = element[key];
      switch (key) {
        case 'bids':
        case 'asks': {
          if (!Array.isArray(value) || value.length > 1) return false;
          const level: unknown = value.length === 0 ? null : value[0];
          if (level !== null && !isLevel(level)) return false;
          if (key === 'bids') bid = level;
          else ask = level;
          break;
        }
        case 'ts':
          milliseconds = epochMilliseconds(value);
          if (milliseconds < 0) return false;
          break;
        default:
          break;
      }
    }
    if (bid === undefined || ask === undefined) return false;
    const bidPrice = bid === null ? Number.NaN : parseDecimal(bid[0], priceDecimals);
    const bidSize = bid === null ? 0 : parseDecimal(bid[1], sizeDecimals);
    const askPrice = ask === null ? Number.NaN : parseDecimal(ask[0], priceDecimals);
    const askSize = ask === null ? 0 : parseDecimal(ask[1], sizeDecimals);
    const hasEventTime = milliseconds >= 0;
    out.bbos.push(
      instrumentId,
      bidPrice,
      bidSize,
      askPrice,
      askSize,
      hasEventTime,
      hasEventTime ? secondsOf(milliseconds) : 0,
      hasEventTime ? nanosOf(milliseconds) : 0,
    );
  }
  return true;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[price, size, ...]` with both first members strings (OKX sends every number in a level as text). */
function isLevel(value: unknown): value is [string, string, ...unknown[]] {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

function isInt32(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX;
}

/** Epoch milliseconds from OKX's digit text, or -1 when it is not digits or not a safe integer. */
function epochMilliseconds(value: unknown): number {
  if (typeof value !== 'string' || !DIGITS_ONLY.test(value)) return -1;
  const milliseconds = Number(value);
  return Number.isSafeInteger(milliseconds) ? milliseconds : -1;
}

function secondsOf(milliseconds: number): number {
  return (milliseconds - (milliseconds % MILLISECONDS_PER_SECOND)) / MILLISECONDS_PER_SECOND;
}

function nanosOf(milliseconds: number): number {
  return (milliseconds % MILLISECONDS_PER_SECOND) * NANOSECONDS_PER_MILLISECOND;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
}

function unknownFrame(out: ParsedFrame, reason: string, text: string): void {
  out.kind = FrameKind.UNKNOWN;
  out.bookCount = 0;
  out.trades.count = 0;
  out.bbos.count = 0;
  out.errorText = `${reason}: ${text.length > QUOTED_FRAME_CHARACTERS ? `${text.slice(0, QUOTED_FRAME_CHARACTERS)}…` : text}`;
}
