// Bybit v5 public connections: one set per category (linear, spot), topics batched within the documented limits.
import { ZvtError } from '../../../model/errors.js';
import type { Instrument } from '../../../model/instrument.js';
import type { ConnectionPlan } from '../common/venue-dialect.js';
import { ZVT_ERR_BYBIT_PLAN } from './errors.js';
import type { BybitRequest } from './messages.js';
import { BYBIT_URLS } from './urls.js';

/*
 * Limits (https://bybit-exchange.github.io/docs/v5/ws/connect, "Public channel - Args limits"):
 * "for one public connection, you cannot have length of "args" array over 21,000 characters" and
 * "Spot can input up to 10 args for each subscription request sent to one connection" (linear has
 * no per-request limit; 10 is used for both, which costs nothing). An instrument's topics always
 * share one connection, because that connection's symbol resolver must cover it.
 *
 * Categories never share a connection: Bybit serves them on different URLs, and the native symbol
 * BTCUSDT names both the perpetual and the spot pair, so one resolver per category keeps every
 * symbol unambiguous. Topics: `orderbook.200` (books), `publicTrade` (trades) and, on linear only,
 * `tickers` for best bid/offer (spot tickers carry no bid/ask fields, so subscribing would only
 * add ignored traffic).
 */

/** Depth of the book topic: 200 levels every 100 ms (linear and spot). */
export const BYBIT_BOOK_DEPTH = 200;
/** Documented: at most 10 args per spot subscribe request. */
export const BYBIT_ARGS_PER_REQUEST = 10;
/** Documented: the args of one public connection total at most 21,000 characters. */
export const BYBIT_ARGS_CHARACTERS_PER_CONNECTION = 21_000;

export function bybitBookTopic(native: string): string {
  return `orderbook.${BYBIT_BOOK_DEPTH}.${native}`;
}

type Category = 'linear' | 'spot';

function categoryOf(instrument: Instrument): Category {
  if (instrument.venue !== 'bybit') {
    throw new ZvtError(ZVT_ERR_BYBIT_PLAN, `${instrument.id} is not a Bybit instrument`, { id: instrument.id });
  }
  return instrument.kind === 'spot' ? 'spot' : 'linear';
}

function topicsOf(instrument: Instrument, category: Category): string[] {
  const topics = [bybitBookTopic(instrument.native), `publicTrade.${instrument.native}`];
  if (category === 'linear') topics.push(`tickers.${instrument.native}`);
  return topics;
}

/** `{"op":...,"args":[...]}` frames of at most BYBIT_ARGS_PER_REQUEST args each. */
export function bybitRequestFrames(operation: BybitRequest['op'], topics: readonly string[]): string[] {
  const frames: string[] = [];
  for (let start = 0; start < topics.length; start += BYBIT_ARGS_PER_REQUEST) {
    const request: BybitRequest = { op: operation, args: topics.slice(start, start + BYBIT_ARGS_PER_REQUEST) };
    frames.push(JSON.stringify(request));
  }
  return frames;
}

/** Characters the topics add to a connection's args array as JSON: quotes and a separating comma each. */
function argsCharacters(topics: readonly string[]): number {
  let characters = 0;
  for (const topic of topics) characters += JSON.stringify(topic).length + 1;
  return characters;
}

export function planBybitConnections(instruments: readonly Instrument[]): ConnectionPlan[] {
  const plans: ConnectionPlan[] = [];
  for (const category of ['linear', 'spot'] as const) {
    const path = category === 'linear' ? BYBIT_URLS.linearStreamPath : BYBIT_URLS.spotStreamPath;
    let instrumentIds: number[] = [];
    let topics: string[] = [];
    // "[" and "]" of the array; each topic then adds its quoted text and one comma (one too many: safe side).
    let characters = 2;
    const close = (): void => {
      if (instrumentIds.length === 0) return;
      plans.push({ name: `bybit:${category}:${plans.filter((plan) => plan.path === path).length}`, path, instrumentIds, subscribeFrames: bybitRequestFrames('subscribe', topics) });
      instrumentIds = [];
      topics = [];
      characters = 2;
    };
    for (const instrument of instruments) {
      if (categoryOf(instrument) !== category) continue;
      const own = topicsOf(instrument, category);
      const ownCharacters = argsCharacters(own);
      if (2 + ownCharacters > BYBIT_ARGS_CHARACTERS_PER_CONNECTION) {
        throw new ZvtError(ZVT_ERR_BYBIT_PLAN, `the topics of ${instrument.id} alone pass the args limit of one connection`, { id: instrument.id });
      }
      if (characters + ownCharacters > BYBIT_ARGS_CHARACTERS_PER_CONNECTION) close();
      instrumentIds.push(instrument.numericId);
      topics.push(...own);
      characters += ownCharacters;
    }
    close();
  }
  return plans;
}
