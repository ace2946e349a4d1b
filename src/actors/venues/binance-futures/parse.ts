// https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams — USDⓈ-M frames to ParsedFrame (reference).
import type { ParsedBook, ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { BinanceMarket } from '../binance/market.js';
import { parseBinanceDepthSnapshot, parseBinanceFrame } from '../binance/parse.js';

/*
 * The parser is shared with spot (../binance/parse.ts, which documents the normalisation); the
 * USDⓈ-M differences it applies: depthUpdate must carry `pu` (→ previousSequence) and its time is
 * `T` (transaction time), bookTicker carries `e` and `T`, the REST snapshot carries `T`.
 */

export function parseReference(text: string, context: ParseContext, out: ParsedFrame): void {
  parseBinanceFrame(text, context, out, BinanceMarket.USD_M_FUTURES);
}

/** `/fapi/v1/depth` body → snapshot book (sequence = lastUpdateId, time = T). */
export function parseRestSnapshot(body: string, instrumentId: number, context: ParseContext, out: ParsedBook): void {
  parseBinanceDepthSnapshot(body, instrumentId, context, out, BinanceMarket.USD_M_FUTURES);
}
