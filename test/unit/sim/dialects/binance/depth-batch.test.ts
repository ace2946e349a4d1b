// One depth interval's updates folded into one depthUpdate: U = first id, u = last id, each level once with its final size.
import { describe, expect, it } from 'vitest';
import { DepthBatch } from '../../../../../src/sim/dialects/binance/public-ws/depth-batch.js';

describe('DepthBatch', () => {
  it('folds consecutive updates and resets', () => {
    const batch = new DepthBatch();
    expect(batch.take()).toBeNull();
    batch.add({ native: 'BTCUSDT', updateId: 41, tsMs: 1000, changes: [{ side: 'bid', priceTicks: 100, sizeLots: 5 }, { side: 'ask', priceTicks: 103, sizeLots: 2 }] });
    batch.add({ native: 'BTCUSDT', updateId: 42, tsMs: 1100, changes: [{ side: 'bid', priceTicks: 100, sizeLots: 0 }, { side: 'bid', priceTicks: 101, sizeLots: 7 }, { side: 'ask', priceTicks: 102, sizeLots: 1 }] });
    expect(batch.take()).toEqual({
      firstUpdateId: 41,
      finalUpdateId: 42,
      eventMs: 1100,
      levels: {
        bids: [
          { priceTicks: 101, sizeLots: 7 },
          { priceTicks: 100, sizeLots: 0 },
        ],
        asks: [
          { priceTicks: 102, sizeLots: 1 },
          { priceTicks: 103, sizeLots: 2 },
        ],
      },
    });
    expect(batch.empty).toBe(true);
    batch.add({ native: 'BTCUSDT', updateId: 43, tsMs: 1200, changes: [{ side: 'ask', priceTicks: 102, sizeLots: 3 }] });
    expect(batch.take()).toMatchObject({ firstUpdateId: 43, finalUpdateId: 43, levels: { bids: [], asks: [{ priceTicks: 102, sizeLots: 3 }] } });
  });
});
