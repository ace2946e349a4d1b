// Bybit kline topics of one listing: the forming bar at most once a second, the finished bar (confirm true) when the next one starts.
import { klineEndMs, klinesBetween, klineStartMs } from '../bybit-klines.js';
import { klineBar } from './kline-bar.js';
import type { ListingFeed, PublicClient } from './listing-feed.js';
import { klineFrame } from './public-frames.js';
import { parsePublicTopic, type KlineInterval } from './public-topics.js';

/*
 * https://bybit-exchange.github.io/docs/v5/websocket/public/kline: "Push frequency: 1-60s"; "If
 * confirm=true, this means that the candle has closed". Bars come from the market history (the
 * same candles GET /v5/market/kline serves), so participant fills are not in them.
 */

const KLINE_PUSH_INTERVAL_MS = 1000;

function frameOf(feed: ListingFeed, topic: string, interval: KlineInterval, fromMs: number, toMs: number, nowMs: number): string | undefined {
  const bar = klinesBetween(feed.stats.historyOf(), interval, fromMs, toMs, nowMs)[0];
  return bar === undefined ? undefined : klineFrame(feed.listing, topic, klineBar(feed.listing, interval, bar, nowMs), nowMs);
}

/** A new subscriber's first frame: the forming bar, when the bar has any trade yet. */
export function sendKlineSnapshot(feed: ListingFeed, topic: string, interval: KlineInterval, client: PublicClient, nowMs: number): void {
  const text = frameOf(feed, topic, interval, klineStartMs(interval, nowMs), klineEndMs(interval, nowMs), nowMs);
  if (text !== undefined) client.send(text, 'trade', feed.symbol);
}

/** After a trade at tsMs: the kline frames of every subscribed interval. */
export function pushKlines(feed: ListingFeed, tsMs: number): void {
  for (const topic of feed.subscribers.keys()) {
    if (!topic.startsWith('kline.') || !feed.hasSubscribers(topic)) continue;
    const parsed = parsePublicTopic(feed.category, topic);
    if (parsed === null || parsed.kind !== 'kline') continue;
    const interval = parsed.interval;
    const barStartMs = klineStartMs(interval, tsMs);
    let state = feed.klines.get(interval);
    if (state === undefined) {
      state = { barStartMs, pushedMs: Number.NEGATIVE_INFINITY };
      feed.klines.set(interval, state);
    }
    if (state.barStartMs !== barStartMs) {
      const finished = frameOf(feed, topic, interval, state.barStartMs, barStartMs, tsMs);
      if (finished !== undefined) feed.broadcast(topic, finished, 'trade');
      state.barStartMs = barStartMs;
      state.pushedMs = Number.NEGATIVE_INFINITY;
    }
    if (tsMs - state.pushedMs < KLINE_PUSH_INTERVAL_MS) continue;
    state.pushedMs = tsMs;
    // nowMs one past the trade: the forming bar includes it.
    const forming = frameOf(feed, topic, interval, barStartMs, klineEndMs(interval, tsMs), tsMs + 1);
    if (forming !== undefined) feed.broadcast(topic, forming, 'trade');
  }
}
