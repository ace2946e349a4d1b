// https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels — JSON.parse reference parser: the definition of what a Coinbase frame means.
import { parseDecimal, textDecimalsOf } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide, SEQUENCE_NONE } from '../../../model/record-types.js';
import { FrameKind, TRADE_ID_MAX_BYTES, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { parseIsoTimestamp, ParsedTimestamp } from './iso-timestamp.js';
import type {
  CoinbaseEnvelope,
  CoinbaseErrorMessage,
  CoinbaseLevel2Event,
  CoinbaseLevel2Update,
  CoinbaseMarketTrade,
  CoinbaseMarketTradesEvent,
  CoinbaseTicker,
  CoinbaseTickerEvent,
  Unverified,
} from './messages.js';

/*
 * What a frame means (docs/venues/coinbase.md has the reasons):
 * - Every message's `sequence_num` goes to `connectionSequence`: the connection-wide counter that
 *   BookSync checks (any channel's message could be the lost one). One exception: an `l2_data`
 *   frame this parser cannot read keeps SEQUENCE_NONE, so the next frame shows a gap and the books
 *   resync instead of silently missing an update.
 * - `l2_data` events → one ParsedBook per event of ours (sequence = the message's sequence_num,
 *   event time = the latest `event_time` of its levels: the matching engine's time of the change,
 *   docs/normalization.md; none for an event without levels); `new_quantity` is the level's new
 *   size, "0" deletes.
 * - `market_trades` `update` events → trades. `side` on Coinbase public trades is the maker's side
 *   (the recorded session shows BUY trades printing at the best bid, SELL at the best ask), so the
 *   taker is the opposite side. `snapshot` events (history replayed on subscribe) are not emitted:
 *   a TRADE record cannot say "history", and every reconnect would repeat them.
 * - `ticker` → BBO from best_bid/best_bid_quantity/best_ask/best_ask_quantity, only when all four
 *   are sent (no invented sizes); event time = the message's `timestamp`.
 * - `heartbeats` → HEARTBEAT, `subscriptions` → SUBSCRIBED, `candles`/`ticker_batch`/`status` →
 *   IGNORED, `{"type":"error"}` → VENUE_ERROR, anything else → UNKNOWN (never guessed at).
 * - Products not on this connection's resolver are not ours: skipped, never an error.
 * - A price or size that does not fit the instrument's scale throws ZVT_ERR_DECIMAL_* (DESIGN §3:
 *   fail loudly); malformed shapes are UNKNOWN, not exceptions.
 *
 * Checks run in document order of the recorded frames (envelope, then each event, each level:
 * side, event time, price, size; each trade: product, id, price, size, time, side), which the byte scanner in
 * scan.ts mirrors so that both raise the same error on the same frame.
 */

const time = new ParsedTimestamp();
const tradeTime = new ParsedTimestamp();
const levelTime = new ParsedTimestamp();

/** Parses one text frame into `out` (reset first). */
export function parseReference(text: string, context: ParseContext, out: ParsedFrame): void {
  out.reset();
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    markUnknown(out, 'not valid JSON');
    return;
  }
  if (!isObject(message)) {
    markUnknown(out, 'not a JSON object');
    return;
  }
  const envelope = message as Unverified<CoinbaseEnvelope<'l2_data', unknown>> & Unverified<CoinbaseErrorMessage>;
  if (envelope.type === 'error') {
    out.kind = FrameKind.VENUE_ERROR;
    if (isSequence(envelope.sequence_num)) out.connectionSequence = envelope.sequence_num;
    const reason = typeof envelope.reason === 'string' && envelope.reason !== '' ? `: ${envelope.reason}` : '';
    out.errorText = typeof envelope.message === 'string' ? `${envelope.message}${reason}` : text;
    return;
  }
  const channel = envelope.channel;
  if (typeof channel !== 'string') {
    markUnknown(out, 'no channel');
    return;
  }
  parseEnvelope(envelope, channel, context, out);
  // An order-book message we could not read is as good as lost: leave the connection sequence
  // unset so the next message shows the gap and every book on the connection resyncs.
  if (out.kind === FrameKind.UNKNOWN && channel === 'l2_data') out.connectionSequence = SEQUENCE_NONE;
}

function parseEnvelope(envelope: Unverified<CoinbaseEnvelope<'l2_data', unknown>>, channel: string, context: ParseContext, out: ParsedFrame): void {
  const sequence = envelope.sequence_num;
  if (!isSequence(sequence)) {
    markUnknown(out, `${channel}: sequence_num is not a non-negative integer`);
    return;
  }
  out.connectionSequence = sequence;
  if (typeof envelope.timestamp !== 'string' || !parseIsoTimestamp(envelope.timestamp, time)) {
    markUnknown(out, `${channel}: timestamp is not an RFC 3339 UTC time`);
    return;
  }
  const events = envelope.events;
  if (!Array.isArray(events)) {
    markUnknown(out, `${channel}: events is not an array`);
    return;
  }
  switch (channel) {
    case 'l2_data':
      parseLevel2(events, sequence, context, out);
      return;
    case 'market_trades':
      parseMarketTrades(events, context, out);
      return;
    case 'ticker':
      parseTickers(events, context, out);
      return;
    case 'heartbeats':
      out.kind = FrameKind.HEARTBEAT;
      return;
    case 'subscriptions':
      out.kind = FrameKind.SUBSCRIBED;
      return;
    case 'candles':
    case 'ticker_batch':
    case 'status':
      out.kind = FrameKind.IGNORED;
      return;
    default:
      markUnknown(out, `unknown channel ${JSON.stringify(channel)}`);
  }
}

function parseLevel2(events: unknown[], sequence: number, context: ParseContext, out: ParsedFrame): void {
  for (const value of events) {
    if (!isObject(value)) return markUnknown(out, 'l2_data: an event is not an object');
    const event = value as Unverified<CoinbaseLevel2Event>;
    const type = event.type;
    if (type !== 'snapshot' && type !== 'update') return markUnknown(out, `l2_data: event type ${JSON.stringify(type)}`);
    if (typeof event.product_id !== 'string') return markUnknown(out, 'l2_data: product_id is not a string');
    const instrumentId = context.symbols.byString(event.product_id);
    if (instrumentId < 0) continue;
    const updates = event.updates;
    if (!Array.isArray(updates)) return markUnknown(out, 'l2_data: updates is not an array');
    const book = out.nextBook(instrumentId, type === 'snapshot');
    book.sequence = sequence;
    const priceDecimals = context.priceDecimals[instrumentId]!;
    const sizeDecimals = context.sizeDecimals[instrumentId]!;
    for (const levelValue of updates) {
      if (!isObject(levelValue)) return markUnknown(out, 'l2_data: an update is not an object');
      const level = levelValue as Unverified<CoinbaseLevel2Update>;
      const side = level.side === 'bid' ? BookSide.BID : level.side === 'offer' ? BookSide.ASK : -1;
      if (side === -1) return markUnknown(out, `l2_data: side ${JSON.stringify(level.side)}`);
      if (typeof level.event_time !== 'string' || !parseIsoTimestamp(level.event_time, levelTime)) return markUnknown(out, 'l2_data: event_time is not an RFC 3339 UTC time');
      // The book is as of its latest change (all levels of an event share one time in practice).
      if (!book.hasEventTime || levelTime.seconds > book.eventSeconds || (levelTime.seconds === book.eventSeconds && levelTime.nanos > book.eventNanos)) {
        book.hasEventTime = true;
        book.eventSeconds = levelTime.seconds;
        book.eventNanos = levelTime.nanos;
      }
      const priceText = level.price_level;
      if (typeof priceText !== 'string') return markUnknown(out, 'l2_data: price_level is not a string');
      const price = parseDecimal(priceText, priceDecimals);
      if (price < 0) return markUnknown(out, `l2_data: negative price_level ${priceText}`);
      const sizeText = level.new_quantity;
      if (typeof sizeText !== 'string') return markUnknown(out, 'l2_data: new_quantity is not a string');
      const size = parseDecimal(sizeText, sizeDecimals);
      if (size < 0) return markUnknown(out, `l2_data: negative new_quantity ${sizeText}`);
      book.pushLevel(side, price, size, textDecimalsOf(priceText), textDecimalsOf(sizeText));
    }
  }
  out.kind = out.bookCount > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
}

function parseMarketTrades(events: unknown[], context: ParseContext, out: ParsedFrame): void {
  for (const value of events) {
    if (!isObject(value)) return markUnknown(out, 'market_trades: an event is not an object');
    const event = value as Unverified<CoinbaseMarketTradesEvent>;
    const type = event.type;
    if (type !== 'snapshot' && type !== 'update') return markUnknown(out, `market_trades: event type ${JSON.stringify(type)}`);
    const trades = event.trades;
    if (!Array.isArray(trades)) return markUnknown(out, 'market_trades: trades is not an array');
    // History replayed on subscribe: not emitted (see the module comment).
    if (type === 'snapshot') continue;
    for (const tradeValue of trades) {
      if (!isObject(tradeValue)) return markUnknown(out, 'market_trades: a trade is not an object');
      const trade = tradeValue as Unverified<CoinbaseMarketTrade>;
      if (typeof trade.product_id !== 'string') return markUnknown(out, 'market_trades: product_id is not a string');
      const instrumentId = context.symbols.byString(trade.product_id);
      if (instrumentId < 0) continue;
      const tradeId = trade.trade_id;
      if (typeof tradeId !== 'string' || !isTradeId(tradeId)) return markUnknown(out, `market_trades: trade_id ${JSON.stringify(tradeId)}`);
      if (typeof trade.price !== 'string') return markUnknown(out, 'market_trades: price is not a string');
      const price = parseDecimal(trade.price, context.priceDecimals[instrumentId]!);
      if (price < 0) return markUnknown(out, `market_trades: negative price ${trade.price}`);
      if (typeof trade.size !== 'string') return markUnknown(out, 'market_trades: size is not a string');
      const size = parseDecimal(trade.size, context.sizeDecimals[instrumentId]!);
      if (size < 0) return markUnknown(out, `market_trades: negative size ${trade.size}`);
      if (typeof trade.time !== 'string' || !parseIsoTimestamp(trade.time, tradeTime)) return markUnknown(out, 'market_trades: time is not an RFC 3339 UTC time');
      // The maker's side is sent; the taker took the other side.
      const aggressor = trade.side === 'BUY' ? AggressorSide.SELL : trade.side === 'SELL' ? AggressorSide.BUY : -1;
      if (aggressor === -1) return markUnknown(out, `market_trades: side ${JSON.stringify(trade.side)}`);
      const index = out.trades.push(instrumentId, price, size, aggressor, true, tradeTime.seconds, tradeTime.nanos);
      out.trades.setTradeIdString(index, tradeId);
    }
  }
  out.kind = out.trades.count > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
}

function parseTickers(events: unknown[], context: ParseContext, out: ParsedFrame): void {
  for (const value of events) {
    if (!isObject(value)) return markUnknown(out, 'ticker: an event is not an object');
    const event = value as Unverified<CoinbaseTickerEvent>;
    const type = event.type;
    if (type !== 'snapshot' && type !== 'update') return markUnknown(out, `ticker: event type ${JSON.stringify(type)}`);
    const tickers = event.tickers;
    if (!Array.isArray(tickers)) return markUnknown(out, 'ticker: tickers is not an array');
    for (const tickerValue of tickers) {
      if (!isObject(tickerValue)) return markUnknown(out, 'ticker: a ticker is not an object');
      const ticker = tickerValue as Unverified<CoinbaseTicker>;
      if (typeof ticker.product_id !== 'string') return markUnknown(out, 'ticker: product_id is not a string');
      const instrumentId = context.symbols.byString(ticker.product_id);
      if (instrumentId < 0) continue;
      const { best_bid: bidText, best_ask: askText, best_bid_quantity: bidSizeText, best_ask_quantity: askSizeText } = ticker;
      // All four or no BBO: a missing size is never filled in.
      if (!isNonEmptyString(bidText) || !isNonEmptyString(askText) || !isNonEmptyString(bidSizeText) || !isNonEmptyString(askSizeText)) continue;
      const priceDecimals = context.priceDecimals[instrumentId]!;
      const sizeDecimals = context.sizeDecimals[instrumentId]!;
      const bidPrice = parseDecimal(bidText, priceDecimals);
      const askPrice = parseDecimal(askText, priceDecimals);
      const bidSize = parseDecimal(bidSizeText, sizeDecimals);
      const askSize = parseDecimal(askSizeText, sizeDecimals);
      if (bidPrice < 0 || askPrice < 0 || bidSize < 0 || askSize < 0) return markUnknown(out, 'ticker: a negative best bid/ask value');
      out.bbos.push(instrumentId, bidPrice, bidSize, askPrice, askSize, true, time.seconds, time.nanos);
    }
  }
  out.kind = out.bbos.count > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
}

/** Not understood: nothing of the frame is used (the connection sequence stays as read). */
function markUnknown(out: ParsedFrame, reason: string): void {
  out.kind = FrameKind.UNKNOWN;
  out.errorText = reason;
  out.bookCount = 0;
  out.trades.count = 0;
  out.bbos.count = 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSequence(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** 1..TRADE_ID_MAX_BYTES printable ASCII characters: what a TRADE record can hold unchanged. */
function isTradeId(id: string): boolean {
  if (id.length === 0 || id.length > TRADE_ID_MAX_BYTES) return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
