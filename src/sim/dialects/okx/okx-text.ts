// OKX wire text of the simulator's integers: price/size strings, book levels, the signed CRC32 checksum, epoch-ms strings.
import { crc32 } from '../../../hotpath/crc32.js';
import type { SimInstrument, SimLevel } from '../../market/sim-market-types.js';
import { priceText, sizeText } from '../../market/sim-instrument.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 * A level is [price, size, "0" (deprecated), order count], all strings; prices and sizes are
 * canonical decimals ("65000.1", "0.5"). Checksum: "use the first 25 bids and asks, price and size
 * joined by ':', bid and ask alternately (bid[price:size]:ask[price:size]:...); when one side has
 * fewer levels the missing ones are skipped; CRC32 as a signed 32-bit integer", over the exact text
 * sent. The order count is not modelled by the simulator (it has no order queue per level): it is
 * a deterministic 1..5 derived from the level, never "0" for a live level.
 */

export type OkxLevel = [price: string, size: string, deprecated: '0', orderCount: string];

const CHECKSUM_LEVELS = 25;
const encoder = new TextEncoder();

/** Synthetic order count of a live level (1..5), stable for the same price and size. */
export function orderCountOf(level: SimLevel): number {
  return level.sizeLots === 0 ? 0 : 1 + (((level.priceTicks % 5) + (level.sizeLots % 3)) % 5);
}

export function okxLevel(instrument: SimInstrument, level: SimLevel): OkxLevel {
  return [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots), '0', String(orderCountOf(level))];
}

/** OKX's checksum of a book given as the level text it sends (best first per side). */
export function okxChecksum(bids: readonly OkxLevel[], asks: readonly OkxLevel[]): number {
  const parts: string[] = [];
  for (let row = 0; row < CHECKSUM_LEVELS; row++) {
    const bid = bids[row];
    const ask = asks[row];
    if (bid !== undefined) parts.push(bid[0], bid[1]);
    if (ask !== undefined) parts.push(ask[0], ask[1]);
  }
  const bytes = encoder.encode(parts.join(':'));
  return crc32(bytes, 0, bytes.length) | 0;
}

/** Epoch ms as the string OKX sends ("1597026383085"). */
export function msText(ms: number): string {
  return String(Math.trunc(ms));
}
