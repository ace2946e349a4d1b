// GET /api/v5/market/books: the listing's book, best `sz` levels per side (default 1, at most 400), as its WebSocket subscribers hold it.
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { INSTRUMENT_NOT_FOUND, okxDataResponse, okxErrorResponse, parameterError } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { msText, okxLevel } from '../okx-text.js';
import { requiredParam } from './query-params.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-order-book
 * Response {"asks":[[px,sz,"0",count]...],"bids":[...],"ts":"..."}; "sz: Order book depth per
 * side. Maximum 400 ... Default returns to 1 depth data". OKX gives no sequence number here (books
 * resynchronise over the WebSocket), so none is sent.
 */

const MAX_DEPTH = 400;
const DIGITS = /^\d{1,6}$/;

export function handleBooks(context: OkxContext, request: SimHttpRequest): SimHttpResponse {
  const instId = requiredParam(request.query, 'instId');
  if (!instId.ok) return okxErrorResponse(instId.error);
  const listing = context.listing(instId.value);
  const mirror = listing === undefined ? undefined : context.hub.mirrorOf(listing.native);
  if (listing === undefined || mirror === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  const sizeText = request.query.get('sz');
  let depth = 1;
  if (sizeText !== null && sizeText !== '') {
    if (!DIGITS.test(sizeText) || Number(sizeText) === 0) return okxErrorResponse(parameterError('sz'));
    depth = Math.min(Number(sizeText), MAX_DEPTH);
  }
  const instrument = listing.instrument;
  return okxDataResponse([
    {
      asks: mirror.top('ask', depth).map((level) => okxLevel(instrument, level)),
      bids: mirror.top('bid', depth).map((level) => okxLevel(instrument, level)),
      ts: msText(mirror.tsMs),
    },
  ]);
}
