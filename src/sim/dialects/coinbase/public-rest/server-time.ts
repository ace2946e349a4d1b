// GET /api/v3/brokerage/time: the server's clock in three forms.
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-server-time:
 * {"iso":"2024-02-27T03:37:14Z","epochSeconds":"1709005034","epochMillis":"1709005034333"}
 * (numbers as strings; iso to the second, as ccxt's captured example). The clock is the simulation's.
 */

export const serverTime: CoinbaseRestHandler = (_request, _params, context) => {
  const nowMs = context.exchange.nowMs();
  const seconds = Math.floor(nowMs / 1000);
  return { status: 200, body: { iso: goRfc3339(seconds * 1000), epochSeconds: String(seconds), epochMillis: String(nowMs) } };
};
