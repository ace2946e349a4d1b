// GET /v5/market/time: the server's clock as timeSecond and timeNano text (https://bybit-exchange.github.io/docs/v5/market/time).
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { bybitOk } from '../bybit-envelope.js';

/** The wall clock at the request (what clients sync their request timestamps with), not the simulation time. */
export function handleMarketTime(request: SimHttpRequest): SimHttpResponse {
  const nowMs = request.receivedMs;
  return bybitOk({ timeSecond: String(Math.floor(nowMs / 1000)), timeNano: (BigInt(nowMs) * 1_000_000n).toString() }, nowMs);
}
