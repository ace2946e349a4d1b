// Bybit v5 public topic names: orderbook.{depth}.{symbol}, publicTrade.{symbol}, tickers.{symbol}, kline.{interval}.{symbol}.
import type { PublicCategory } from './public-frames.js';

/*
 * Depths per category (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook):
 * linear 1, 50, 200, 500 and 1000 (500 is the depth GET /v5/market/orderbook's u follows for
 * contracts; 1000 replaced it in newer docs, both are served), spot 1, 50, 200 and 1000. Kline
 * intervals: 1 3 5 15 30 60 120 240 360 720 D W M.
 */

export const ORDERBOOK_DEPTHS: Readonly<Record<PublicCategory, readonly number[]>> = {
  linear: [1, 50, 200, 500, 1000],
  spot: [1, 50, 200, 1000],
};

export const KLINE_INTERVALS = ['1', '3', '5', '15', '30', '60', '120', '240', '360', '720', 'D', 'W', 'M'] as const;
export type KlineInterval = (typeof KLINE_INTERVALS)[number];

export type PublicTopic =
  | { readonly kind: 'orderbook'; readonly depth: number; readonly symbol: string }
  | { readonly kind: 'publicTrade'; readonly symbol: string }
  | { readonly kind: 'tickers'; readonly symbol: string }
  | { readonly kind: 'kline'; readonly interval: KlineInterval; readonly symbol: string };

/** The topic's parts, or null when the category has no such channel (Bybit: "handler not found"). The symbol is not checked here. */
export function parsePublicTopic(category: PublicCategory, topic: string): PublicTopic | null {
  const parts = topic.split('.');
  if (parts[0] === 'orderbook' && parts.length === 3) {
    const depth = /^[0-9]{1,4}$/.test(parts[1]!) ? Number(parts[1]) : NaN;
    return ORDERBOOK_DEPTHS[category].includes(depth) && parts[2] !== '' ? { kind: 'orderbook', depth, symbol: parts[2]! } : null;
  }
  if (parts[0] === 'kline' && parts.length === 3) {
    const interval = KLINE_INTERVALS.find((candidate) => candidate === parts[1]);
    return interval !== undefined && parts[2] !== '' ? { kind: 'kline', interval, symbol: parts[2]! } : null;
  }
  if ((parts[0] === 'publicTrade' || parts[0] === 'tickers') && parts.length === 2 && parts[1] !== '') {
    return { kind: parts[0], symbol: parts[1]! };
  }
  return null;
}
