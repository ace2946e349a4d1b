// Public market-data handlers: instruments from the registry, books from the BookProvider, trades and candles read from the Store.
import { isTimeframe, TIMEFRAMES } from '../../model/timeframe.js';
import { ZVT_ERR_REST_STORE_UNAVAILABLE, ZVT_ERR_REST_UNKNOWN_INSTRUMENT } from '../errors.js';
import { instrumentJson, requireInstrument } from './instrument-lookup.js';
import { json, type RestHandler } from './rest-call.js';
import type { RestContext } from './rest-context.js';
import { RestError } from './rest-error.js';
import type { ResolvedRestOptions } from './rest-options.js';
import { badRequest, epochMsQuery, integerQuery, requiredQuery } from './rest-params.js';

const CONSOLIDATED_PREFIX = 'all:';
const NS_PER_MS = 1_000_000n;

export interface MarketDataHandlers {
  listInstruments: RestHandler;
  getInstrument: RestHandler;
  getBook: RestHandler;
  listTrades: RestHandler;
  listCandles: RestHandler;
}

export function marketDataHandlers(context: RestContext, options: ResolvedRestOptions): MarketDataHandlers {
  const registry = context.instruments;

  /** [from, to) in ns from the `from`/`to` ms query parameters (open ends left out): the store applies it, with the newest `limit` rows. */
  const rangeNs = (query: URLSearchParams): { fromNs?: bigint; toNs?: bigint } => {
    const fromMs = epochMsQuery(query, 'from');
    const toMs = epochMsQuery(query, 'to');
    if (fromMs !== null && toMs !== null && toMs <= fromMs) throw badRequest(`Query parameter to (${toMs}) must be after from (${fromMs})`);
    return { ...(fromMs === null ? {} : { fromNs: BigInt(fromMs) * NS_PER_MS }), ...(toMs === null ? {} : { toNs: BigInt(toMs) * NS_PER_MS }) };
  };

  return {
    listInstruments: ({ query }) => {
      const venue = query.get('venue');
      const canonical = query.get('canonical');
      const instruments = registry
        .all()
        .filter((instrument) => (venue === null || instrument.venue === venue) && (canonical === null || instrument.canonical === canonical))
        .map(instrumentJson);
      return json(200, { instruments });
    },

    getInstrument: ({ params }) => json(200, instrumentJson(requireInstrument(registry, params.instrument!))),

    getBook: ({ params, query }) => {
      const id = params.instrument!;
      const depth = integerQuery(query, 'depth', options.defaultDepth, 1, options.maxDepth);
      if (id.startsWith(CONSOLIDATED_PREFIX)) {
        const book = context.books.consolidatedBook(id.slice(CONSOLIDATED_PREFIX.length), depth);
        if (book === undefined) throw new RestError(404, ZVT_ERR_REST_UNKNOWN_INSTRUMENT, `No consolidated book ${JSON.stringify(id)}`);
        return json(200, book);
      }
      const instrument = requireInstrument(registry, id);
      const book = context.books.venueBook(instrument.id, depth);
      if (book === undefined) throw new RestError(404, ZVT_ERR_REST_UNKNOWN_INSTRUMENT, `No book is kept for ${instrument.id}`);
      return json(200, book);
    },

    listTrades: async ({ query }) => {
      const instrument = requireInstrument(registry, requiredQuery(query, 'instrument'));
      const range = rangeNs(query);
      const limit = integerQuery(query, 'limit', options.defaultLimit, 1, options.maxLimit);
      const rows = await storeRead(() => context.store.read('trades', { venue: instrument.venue, symbol: instrument.canonical, ...range, limit, newest: true }));
      const trades = rows.map((row) => ({ tradeId: row.tradeId, price: row.price, size: row.size, side: row.side, tsEventNs: row.tsEventNs, tsRecvNs: row.tsRecvNs }));
      return json(200, { instrument: instrument.id, trades });
    },

    listCandles: async ({ query }) => {
      const instrument = requireInstrument(registry, requiredQuery(query, 'instrument'));
      const timeframe = requiredQuery(query, 'timeframe');
      if (!isTimeframe(timeframe)) throw badRequest(`Query parameter timeframe must be one of ${TIMEFRAMES.join(', ')} (got ${JSON.stringify(timeframe)})`);
      const range = rangeNs(query);
      const limit = integerQuery(query, 'limit', options.defaultLimit, 1, options.maxLimit);
      const rows = await storeRead(() => context.store.read('candles', { venue: instrument.venue, symbol: instrument.canonical, timeframe, ...range, limit, newest: true }));
      const candles = rows.map((row) => ({ tsOpenNs: row.tsOpenNs, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, tradeCount: row.tradeCount }));
      return json(200, { instrument: instrument.id, timeframe, candles });
    },
  };
}

/** A store call; its failure is 503 ZVT_ERR_REST_STORE_UNAVAILABLE with the store's code. */
export async function storeRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
    throw new RestError(503, ZVT_ERR_REST_STORE_UNAVAILABLE, 'The store did not answer; retry later', code === null ? {} : { storeCode: code });
  }
}
