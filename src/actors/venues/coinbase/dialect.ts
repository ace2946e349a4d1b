// The Coinbase Advanced Trade VenueDialect: endpoints, subscriptions, parsers and sync rules for the shared feed.
import { ZvtError } from '../../../model/errors.js';
import type { Instrument } from '../../../model/instrument.js';
import type { InstrumentKind } from '../../../model/instrument-kind.js';
import type { ConnectionPlan, ResyncPlan, VenueDialect } from '../common/venue-dialect.js';
import { ZVT_ERR_COINBASE_ARGUMENT } from './errors.js';
import { parseCoinbaseProducts } from './instruments.js';
import type { CoinbaseSubscribeRequest, CoinbaseSubscriptionChannel } from './messages.js';
import { parseReference } from './parse.js';
import { parseFast } from './scan.js';
import { CoinbaseBookSync } from './sync.js';
import { COINBASE_URLS } from './urls.js';

/*
 * Limits, from https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview,
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-rate-limits and
 * https://docs.cloud.coinbase.com/advanced-trade-api/docs/ws-best-practices:
 * - one channel per subscribe message, so a connection sends one frame per channel;
 * - unauthenticated client messages: 8 per second per IP; connections: 8 per second per IP on one
 *   docs page, 750 on another; pacing is the feed's job (a ConnectionPlan has no timing field);
 * - no documented cap on products per message or per connection, but the best-practice page asks
 *   to spread subscriptions over several connections, and a gap on a connection's sequence_num
 *   resyncs every book on it: PRODUCTS_PER_CONNECTION keeps both small;
 * - no forced disconnect is documented: no planned rotation;
 * - quiet channels close after 60-90 s without updates: subscribing to `heartbeats` (one message a
 *   second) keeps them open, so the client sends no pings and the feed's stale timer covers silence.
 */

/** Products per connection: our choice within the undocumented limit, see above. */
export const PRODUCTS_PER_CONNECTION = 10;

/** Channels each connection subscribes to, heartbeats first so the connection stays open. */
const CHANNELS: readonly CoinbaseSubscriptionChannel[] = ['heartbeats', 'level2', 'market_trades', 'ticker'];

export const coinbaseDialect: VenueDialect = {
  venue: 'coinbase',

  instrumentRequests(kinds: readonly InstrumentKind[]): readonly string[] {
    // Coinbase Advanced Trade spot only (its FCM futures are not part of this venue id).
    return kinds.includes('spot') ? [COINBASE_URLS.productsPath] : [];
  },

  parseInstruments(path: string, body: string) {
    if (path !== COINBASE_URLS.productsPath) throw new ZvtError(ZVT_ERR_COINBASE_ARGUMENT, `Coinbase lists instruments at ${COINBASE_URLS.productsPath}, not ${path}`);
    return parseCoinbaseProducts(body);
  },

  planConnections(instruments: readonly Instrument[]): ConnectionPlan[] {
    for (const instrument of instruments) requireCoinbaseSpot(instrument);
    const plans: ConnectionPlan[] = [];
    for (let first = 0; first < instruments.length; first += PRODUCTS_PER_CONNECTION) {
      const batch = instruments.slice(first, first + PRODUCTS_PER_CONNECTION);
      const productIds = batch.map((instrument) => instrument.native);
      plans.push({
        name: `coinbase:${plans.length}`,
        path: COINBASE_URLS.webSocketPath,
        instrumentIds: batch.map((instrument) => instrument.numericId),
        subscribeFrames: CHANNELS.map((channel) => subscriptionFrame('subscribe', channel, productIds)),
      });
    }
    return plans;
  },

  heartbeat: { kind: 'none' },
  maxConnectionLifetimeMs: null,
  parseReference,
  parseFast,

  createSync() {
    return new CoinbaseBookSync();
  },

  resyncPlan(instrument: Instrument): ResyncPlan {
    requireCoinbaseSpot(instrument);
    // Unsubscribe then subscribe level2 for this product alone: the server answers with a fresh snapshot.
    return {
      kind: 'resubscribe',
      frames: [subscriptionFrame('unsubscribe', 'level2', [instrument.native]), subscriptionFrame('subscribe', 'level2', [instrument.native])],
    };
  },
};

function subscriptionFrame(type: CoinbaseSubscribeRequest['type'], channel: CoinbaseSubscriptionChannel, productIds: string[]): string {
  const request: CoinbaseSubscribeRequest = { type, product_ids: productIds, channel };
  return JSON.stringify(request);
}

function requireCoinbaseSpot(instrument: Instrument): void {
  if (instrument.venue !== 'coinbase' || instrument.kind !== 'spot') {
    throw new ZvtError(ZVT_ERR_COINBASE_ARGUMENT, `${instrument.id} is not a Coinbase spot instrument`, { instrument: instrument.id });
  }
}
