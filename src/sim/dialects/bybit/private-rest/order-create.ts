// POST /v5/order/create: a spot or linear order through the matching engine, answered {"orderId","orderLinkId"} or with Bybit's error.
import { parseDecimal } from '../../../../model/fixed-point.js';
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec, SimOrderRequest, SimTimeInForce } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import type { BybitParams } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError, rejectError, type BybitError } from '../bybit-errors.js';
import { bybitOrderId, type BybitCategory } from '../bybit-ids.js';
import { parseBybitPrice, parseBybitSize } from '../bybit-text.js';
import type { BybitPrivateContext } from './private-context.js';
import { orderWriteTarget } from './private-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/order/create-order. Body fields read: category, symbol,
 * side (Buy|Sell), orderType (Market|Limit), qty, price (Limit), timeInForce (GTC default, IOC,
 * FOK, PostOnly; a Market order is IOC whatever is sent), orderLinkId (max 36 of letters, digits,
 * "-" and "_"), marketUnit (spot Market only: baseCoin|quoteCoin; the default is quoteCoin for a
 * Buy, baseCoin for a Sell, so a spot market buy's qty is the quote amount to spend). Other
 * fields (isLeverage, reduceOnly, positionIdx, tp/sl...) are accepted and not modelled.
 * Validation errors use the category's own codes (spot 170115-170117, linear 10001).
 */

const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{1,36}$/;

function fieldError(category: BybitCategory, field: 'side' | 'orderType' | 'timeInForce'): BybitError {
  if (category === 'spot') {
    if (field === 'side') return { retCode: 170117, retMsg: 'Invalid side.' };
    if (field === 'orderType') return { retCode: 170116, retMsg: 'Invalid orderType.' };
    return { retCode: 170115, retMsg: 'Invalid timeInForce.' };
  }
  return paramsError(`params error: ${field} invalid`);
}

/** A quote amount (spot market buy) as decimal text on the quote grid (tick × lot), or null. */
function quoteAmount(listing: SimListing, text: string): string | null {
  const instrument = listing.instrument;
  try {
    const mantissa = parseDecimal(text, instrument.priceDecimals + instrument.sizeDecimals);
    return mantissa > 0 ? text : null;
  } catch {
    return null;
  }
}

type Parsed = { readonly ok: true; readonly request: SimOrderRequest; readonly linkId: string | undefined } | { readonly ok: false; readonly error: BybitError };

function parseOrder(params: BybitParams, listing: SimListing, category: BybitCategory): Parsed {
  const side = params.text('side');
  if (side !== 'Buy' && side !== 'Sell') return { ok: false, error: fieldError(category, 'side') };
  const orderType = params.text('orderType');
  if (orderType !== 'Market' && orderType !== 'Limit') return { ok: false, error: fieldError(category, 'orderType') };
  const timeInForceText = params.text('timeInForce') ?? 'GTC';
  if (!['GTC', 'IOC', 'FOK', 'PostOnly'].includes(timeInForceText)) return { ok: false, error: fieldError(category, 'timeInForce') };
  if (orderType === 'Market' && timeInForceText === 'PostOnly') return { ok: false, error: fieldError(category, 'timeInForce') };
  const linkId = params.text('orderLinkId');
  if (linkId !== undefined && !LINK_ID_PATTERN.test(linkId)) return { ok: false, error: paramsError('params error: orderLinkId invalid') };

  const qty = params.text('qty');
  if (qty === undefined) return { ok: false, error: rejectError(category, 'invalid_size') };
  const base = {
    canonical: listing.instrument.canonical,
    clientOrderId: linkId,
    side: side === 'Buy' ? 'buy' : 'sell',
  } as const;
  if (orderType === 'Market') {
    const marketUnit = params.text('marketUnit') ?? (side === 'Buy' ? 'quoteCoin' : 'baseCoin');
    if (category === 'spot' && marketUnit === 'quoteCoin') {
      const quoteSize = quoteAmount(listing, qty);
      if (quoteSize === null) return { ok: false, error: { retCode: 170148, retMsg: 'Market order amount decimal too long' } };
      return { ok: true, linkId, request: { ...base, type: 'market', timeInForce: 'IOC', postOnly: false, quoteSize } };
    }
    if (marketUnit !== 'baseCoin' && marketUnit !== 'quoteCoin') return { ok: false, error: paramsError('params error: marketUnit invalid') };
    const sizeLots = parseBybitSize(listing, qty);
    if (sizeLots === null) return { ok: false, error: rejectError(category, 'invalid_size') };
    return { ok: true, linkId, request: { ...base, type: 'market', timeInForce: 'IOC', postOnly: false, sizeLots } };
  }
  const sizeLots = parseBybitSize(listing, qty);
  if (sizeLots === null) return { ok: false, error: rejectError(category, 'invalid_size') };
  const priceText = params.text('price');
  const priceTicks = priceText === undefined ? null : parseBybitPrice(listing, priceText);
  if (priceTicks === null) return { ok: false, error: rejectError(category, 'invalid_price') };
  const postOnly = timeInForceText === 'PostOnly';
  const timeInForce: SimTimeInForce = postOnly ? 'GTC' : (timeInForceText as SimTimeInForce);
  return { ok: true, linkId, request: { ...base, type: 'limit', timeInForce, postOnly, priceTicks, sizeLots } };
}

export function handleOrderCreate(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  const target = orderWriteTarget(request, context);
  if (!target.ok) return target.response;
  const { params, category, listing } = target;
  const parsed = parseOrder(params, listing, category);
  if (!parsed.ok) return bybitFail(parsed.error, nowMs);

  const result = context.state.placing(account.accountId, parsed.linkId, () => context.exchange.placeOrder(account.accountId, parsed.request));
  if (result.ok) {
    if (parsed.linkId !== undefined) context.state.markLinkIdSent(result.order.orderId);
    return bybitOk({ orderId: bybitOrderId(category, result.order.orderId), orderLinkId: parsed.linkId ?? '' }, nowMs);
  }
  if (result.reason === 'post_only_would_take') {
    const clientOrderId = parsed.linkId ?? '';
    const order = context.state.local.addPostOnlyCancelled(account.accountId, parsed.request, clientOrderId, listing.instrument.quote, context.exchange.nowMs());
    if (parsed.linkId !== undefined) context.state.markLinkIdSent(order.orderId);
    context.onLocalOrder(order);
    return bybitOk({ orderId: bybitOrderId(category, order.orderId), orderLinkId: clientOrderId }, nowMs);
  }
  return bybitFail(rejectError(category, result.reason), nowMs);
}
