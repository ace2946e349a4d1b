// Bybit tickers of one listing: the linear snapshot-then-deltas shared by all subscribers, spot snapshots at most once a second.
import { SPOT_STREAM_OMITTED_FIELDS } from '../market-stats.js';
import type { ListingFeed, PublicClient } from './listing-feed.js';
import { tickerFrame } from './public-frames.js';

/*
 * https://bybit-exchange.github.io/docs/v5/websocket/public/ticker: "This topic utilises the
 * snapshot field and delta field. If a response param is not found in the message, then its value
 * has not changed" (linear, "Derivatives - 100ms"; here after each book update or trade). Spot
 * sends snapshots only, without book fields (as recorded), about once a second.
 */

const SPOT_TICKER_INTERVAL_MS = 1000;

function streamFields(feed: ListingFeed, nowMs: number): Record<string, string> {
  const fields = feed.stats.tickerFields(nowMs, feed.mirror.top('bid', 1)[0], feed.mirror.top('ask', 1)[0]);
  if (feed.category === 'spot') for (const field of SPOT_STREAM_OMITTED_FIELDS) delete fields[field];
  return fields;
}

/** After a book update or trade at tsMs: the tickers frame the listing's subscribers get, if any. */
export function pushTickers(feed: ListingFeed, tsMs: number): void {
  const topic = `tickers.${feed.symbol}`;
  if (!feed.hasSubscribers(topic)) {
    feed.lastTicker = undefined;
    return;
  }
  if (feed.category === 'spot') {
    if (tsMs - feed.spotTickerPushedMs < SPOT_TICKER_INTERVAL_MS) return;
    feed.spotTickerPushedMs = tsMs;
    feed.broadcast(topic, tickerFrame(feed.listing, topic, 'snapshot', streamFields(feed, tsMs), feed.seq, tsMs), 'trade');
    return;
  }
  const fields = streamFields(feed, tsMs);
  const previous = feed.lastTicker;
  feed.lastTicker = fields;
  if (previous === undefined) return;
  const changed: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(fields)) {
    if (previous[name] !== value) {
      changed[name] = value;
      count++;
    }
  }
  if (count > 0) feed.broadcast(topic, tickerFrame(feed.listing, topic, 'delta', changed, feed.seq, tsMs), 'trade');
}

/** A new subscriber's snapshot. Linear deltas are shared, so the current subscribers are first brought up to now. */
export function sendTickerSnapshot(feed: ListingFeed, topic: string, client: PublicClient, nowMs: number): void {
  if (feed.category === 'spot') {
    client.send(tickerFrame(feed.listing, topic, 'snapshot', streamFields(feed, nowMs), feed.seq, nowMs), 'trade', feed.symbol);
    return;
  }
  pushTickers(feed, nowMs);
  const fields = feed.lastTicker ?? streamFields(feed, nowMs);
  feed.lastTicker = fields;
  client.send(tickerFrame(feed.listing, topic, 'snapshot', fields, feed.seq, nowMs), 'trade', feed.symbol);
}
