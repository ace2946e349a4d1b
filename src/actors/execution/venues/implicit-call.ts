// Calls one of ccxt's signed implicit API methods by name (v3PrivatePostBrokerageOrders, privateGetV5OrderRealtime): typed on the venue classes, not on Exchange.
import type { Exchange } from 'ccxt';
import { ZvtError } from '../../../model/errors.js';
import { ZVT_ERR_EXECUTION_RESPONSE } from '../errors.js';
import { rawObject, type RawObject } from '../raw-fields.js';

/** ccxt signs, sends and checks the answer (handleErrors) exactly as for its unified methods. */
export async function implicitCall(exchange: Exchange, method: string, params: Readonly<Record<string, unknown>>): Promise<RawObject> {
  const call = (exchange as unknown as Record<string, unknown>)[method];
  if (typeof call !== 'function') throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${exchange.id}: ccxt has no API method ${method}`);
  const answer: unknown = await (call as (this: Exchange, params: object) => Promise<unknown>).call(exchange, params);
  return rawObject(exchange.id, `${method} answer`, answer);
}
