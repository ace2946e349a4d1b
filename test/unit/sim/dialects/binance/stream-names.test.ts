// Binance market stream names: the channels served, their speeds, and the names refused as invalid streams.
import { describe, expect, it } from 'vitest';
import { parseBinanceStream } from '../../../../../src/sim/dialects/binance/public-ws/stream-names.js';

describe('Binance stream names', () => {
  it('parses every served channel', () => {
    expect(parseBinanceStream('btcusdt@depth@100ms')).toEqual({ kind: 'depth', symbol: 'BTCUSDT', speedMs: 100 });
    expect(parseBinanceStream('btcusdt@depth')).toEqual({ kind: 'depth', symbol: 'BTCUSDT', speedMs: 1000 });
    expect(parseBinanceStream('ethusdt@depth20@100ms')).toEqual({ kind: 'partialDepth', symbol: 'ETHUSDT', levels: 20, speedMs: 100 });
    expect(parseBinanceStream('ethusdt@depth5')).toEqual({ kind: 'partialDepth', symbol: 'ETHUSDT', levels: 5, speedMs: 1000 });
    expect(parseBinanceStream('solusdt@bookTicker')).toEqual({ kind: 'bookTicker', symbol: 'SOLUSDT' });
    expect(parseBinanceStream('solusdt@aggTrade')).toEqual({ kind: 'aggTrade', symbol: 'SOLUSDT' });
    expect(parseBinanceStream('solusdt@trade')).toEqual({ kind: 'trade', symbol: 'SOLUSDT' });
    // A symbol Binance does not list is still a well-formed stream (it simply carries nothing).
    expect(parseBinanceStream('dogeusdt@trade')).toEqual({ kind: 'trade', symbol: 'DOGEUSDT' });
  });

  it('refuses other shapes', () => {
    for (const name of ['btcusdt', '@trade', 'btcusdt@depth15', 'btcusdt@depth@10ms', 'btcusdt@booksticker', 'BTCUSDT@trade', 'btc usdt@trade', '0', 'btcusdt@kline_1m']) {
      expect(parseBinanceStream(name), name).toBeNull();
    }
  });
});
