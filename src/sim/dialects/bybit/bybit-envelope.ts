// The Bybit v5 REST envelope: {"retCode","retMsg","result","retExtInfo","time"}, HTTP 200 for application errors.
import type { SimHttpResponse } from '../../server/sim-dialect.js';
import type { BybitError } from './bybit-errors.js';

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json; charset=utf-8' });

/** A successful answer; `time` is the server's wall clock (ms) when it answered. */
export function bybitOk(result: unknown, timeMs: number, retMsg = 'OK'): SimHttpResponse {
  return { status: 200, headers: JSON_HEADERS, body: { retCode: 0, retMsg, result, retExtInfo: {}, time: timeMs } };
}

/** An application error: HTTP 200 with the retCode and an empty result, as Bybit answers. */
export function bybitFail(error: BybitError, timeMs: number, status = 200): SimHttpResponse {
  return { status, headers: JSON_HEADERS, body: { retCode: error.retCode, retMsg: error.retMsg, result: {}, retExtInfo: {}, time: timeMs } };
}
