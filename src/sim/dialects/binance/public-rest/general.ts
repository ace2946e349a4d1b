// GET /api/v3/ping and GET /api/v3/time.
import type { BinanceHandler } from '../binance-context.js';

/** "Test connectivity to the Rest API": `{}`. */
export const ping: BinanceHandler = (_request, params) => {
  params.acceptOnly([]);
  return { status: 200, body: {} };
};

/** "Check server time": `{"serverTime":<ms>}`, the clock signed requests are checked against (auth/authenticate.ts). */
export const time: BinanceHandler = (request, params) => {
  params.acceptOnly([]);
  return { status: 200, body: { serverTime: request.receivedMs } };
};
