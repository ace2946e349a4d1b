// The instrument board's state from decoded feed messages: BBO sides, status, update times, consolidated best-side holders.
import { describe, expect, it } from 'vitest';
import type { DecodedFeedMessage } from '../../../../src/gateway/feed/feed-decoder.js';
import { MarketBoard, samePrice } from '../../../../src/gateway/dashboard/client/market-board.js';

const header = { topicId: 0, seq: 1n, tsEventNs: 0n, tsRecvNs: 1n };

function bbo(bid: [bigint, bigint], ask: [bigint, bigint]): DecodedFeedMessage {
  return { type: 'bbo', ...header, bid: { price: bid[0], size: bid[1] }, ask: { price: ask[0], size: ask[1] } };
}

describe('MarketBoard', () => {
  it('tracks venue quotes and names the venues at the consolidated best bid and ask', () => {
    const board = new MarketBoard();
    board.setInstruments([
      { instrument: 'binance:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 },
      { instrument: 'okx:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 },
      { instrument: 'all:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 },
      { instrument: 'coinbase:BTC-USD', priceDecimals: 2, sizeDecimals: 8 },
    ]);
    expect(board.onMessage('bbo.binance:BTC-USDT', bbo([100n, 1n], [105n, 1n]), 10)).toBe(true);
    board.onMessage('bbo.okx:BTC-USDT', bbo([101n, 2n], [105n, 3n]), 11);
    board.onMessage('bbo.all:BTC-USDT', bbo([101n, 2n], [105n, 4n]), 12);
    board.onMessage('status.okx:BTC-USDT', { type: 'status', ...header, status: 'resyncing' }, 13);
    expect(board.onMessage('bbo.kraken:BTC-USDT', bbo([1n, 1n], [2n, 1n]), 14)).toBe(false);

    const [usd, usdt] = board.groups();
    expect(usd!.canonical).toBe('BTC-USD');
    expect(usd!.consolidated).toBeNull();
    expect(usdt!.bidHolders).toEqual(['okx:BTC-USDT']);
    expect(usdt!.askHolders).toEqual(['binance:BTC-USDT', 'okx:BTC-USDT']);
    const okx = usdt!.venues.find((quote) => quote.venue === 'okx')!;
    expect(okx).toMatchObject({ status: 'resyncing', lastUpdateMs: 13, bid: { price: 101n, size: 2n } });
  });

  it('treats a side with size 0 as no quote and keeps state across a new instrument list', () => {
    const board = new MarketBoard();
    board.setInstruments([{ instrument: 'binance:ETH-USDT', priceDecimals: 2, sizeDecimals: 4 }]);
    board.onMessage('bbo.binance:ETH-USDT', bbo([0n, 0n], [300n, 1n]), 5);
    board.setInstruments([
      { instrument: 'binance:ETH-USDT', priceDecimals: 2, sizeDecimals: 4 },
      { instrument: 'bybit:ETH-USDT', priceDecimals: 2, sizeDecimals: 4 },
    ]);
    const [group] = board.groups();
    expect(group!.venues.map((quote) => [quote.instrument, quote.bid, quote.ask?.price])).toEqual([
      ['binance:ETH-USDT', null, 300n],
      ['bybit:ETH-USDT', null, undefined],
    ]);
  });

  it('compares prices across scales exactly', () => {
    expect(samePrice(1001n, 1, 100100n, 3)).toBe(true);
    expect(samePrice(1001n, 1, 100101n, 3)).toBe(false);
    expect(samePrice(null, 1, 0n, 1)).toBe(false);
  });
});
