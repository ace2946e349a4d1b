// POST / PUT / DELETE /api/v3/userDataStream: listenKeys for the user data stream (USER_STREAM: API key, no signature).
import { authenticateApiKey } from '../auth/authenticate.js';
import type { BinanceHandler } from '../binance-context.js';
import { BinanceErrors } from '../errors.js';
import { reject } from '../request-params.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream: POST takes no
 * parameters and answers {"listenKey": "..."}; PUT and DELETE take `listenKey` and answer {};
 * an unknown (or expired) key is -1125 "This listenKey does not exist.".
 */

export const createListenKey: BinanceHandler = (request, params, context) => {
  params.acceptOnly([]);
  const account = authenticateApiKey(request, context.exchange);
  return { status: 200, body: { listenKey: context.listenKeys.create(account.accountId) } };
};

export const keepAliveListenKey: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['listenKey']);
  const account = authenticateApiKey(request, context.exchange);
  if (!context.listenKeys.keepAlive(params.requiredText('listenKey'), account.accountId)) reject(BinanceErrors.invalidListenKey());
  return { status: 200, body: {} };
};

export const closeListenKey: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['listenKey']);
  const account = authenticateApiKey(request, context.exchange);
  if (!context.listenKeys.close(params.requiredText('listenKey'), account.accountId)) reject(BinanceErrors.invalidListenKey());
  return { status: 200, body: {} };
};
