// Byte scanner for USDⓈ-M depth, bookTicker and aggTrade frames (shared with spot, futures rules).
import type { ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { BinanceMarket } from '../binance/market.js';
import { scanBinanceFrame } from '../binance/scan.js';

export function parseFast(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void {
  scanBinanceFrame(bytes, length, context, out, BinanceMarket.USD_M_FUTURES);
}
