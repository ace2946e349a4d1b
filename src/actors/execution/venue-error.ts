// Sorts what ccxt throws for an order request into what the handler does about it: refuse with a reason, retry, or treat as "no such order".
import ccxt from 'ccxt';

/** Why a venue refused an order, in the order-entry contract's words (the gateway maps them 1:1; venue_refused → unsupported). */
export type VenueRefusalReason =
  | 'insufficient_balance'
  | 'post_only_would_take'
  | 'duplicate_client_order_id'
  | 'invalid_price'
  | 'invalid_quantity'
  | 'below_minimum'
  | 'unknown_symbol'
  | 'venue_refused';

export type VenueErrorKind =
  /** The venue answered and refused: the request had no effect. */
  | { readonly kind: 'refused'; readonly reason: VenueRefusalReason; readonly text: string }
  /** The venue says the order does not exist (fetch, cancel). */
  | { readonly kind: 'not_found'; readonly text: string }
  /** Rate limited (429/418): the request had no effect; wait retryAfterMs when the venue said. */
  | { readonly kind: 'rate_limited'; readonly text: string }
  /** Timeout, dropped connection, 5xx: the request may or may not have had an effect. */
  | { readonly kind: 'uncertain'; readonly text: string };

/**
 * "binance -2010: Account has insufficient balance ..." from ccxt's message, which is the venue
 * id and the raw body: Binance {"code","msg"}, OKX {"code","msg","data":[{"sCode","sMsg"}]}, Bybit {"retCode","retMsg"},
 * Coinbase {"success":false,"error_response":{"error","message",...}}.
 */
export function venueMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const space = message.indexOf(' ');
  const venue = space > 0 ? message.slice(0, space) : '';
  const body = space > 0 ? message.slice(space + 1) : message;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const item = Array.isArray(parsed.data) ? (parsed.data[0] as Record<string, unknown> | undefined) : undefined;
    const failure = typeof parsed.error_response === 'object' && parsed.error_response !== null ? (parsed.error_response as Record<string, unknown>) : undefined;
    const code = item?.sCode ?? parsed.code ?? parsed.retCode ?? failure?.error;
    const text = item?.sMsg ?? parsed.msg ?? parsed.retMsg ?? failure?.message;
    if ((typeof code === 'string' || typeof code === 'number') && typeof text === 'string') return `${venue} ${String(code)}: ${text}`;
  } catch {
    // Not a JSON body (a network error, a timeout): the message as it is.
  }
  // ccxt's own wording of a venue answer ("binance Account has insufficient balance ..."): keep the venue's words.
  if (error instanceof ccxt.ExchangeError && venue !== '') return `${venue}: ${body.slice(0, 300)}`;
  const kind = error instanceof Error ? error.constructor.name : 'Error';
  return `${kind}: ${message.slice(0, 300)}`;
}

function refusalReason(error: unknown, text: string): VenueRefusalReason {
  if (error instanceof ccxt.InsufficientFunds) return 'insufficient_balance';
  if (error instanceof ccxt.OrderImmediatelyFillable || /would immediately match|post.?only/i.test(text)) return 'post_only_would_take';
  if (error instanceof ccxt.DuplicateOrderId || /duplicate/i.test(text)) return 'duplicate_client_order_id';
  if (error instanceof ccxt.BadSymbol) return 'unknown_symbol';
  if (/insufficient balance/i.test(text)) return 'insufficient_balance';
  if (/notional|minimum|lower limit|too small|min_?qty|min.?sz/i.test(text)) return 'below_minimum';
  if (/price|tick|\bpx\b/i.test(text)) return 'invalid_price';
  if (/quantity|qty|lot|size|\bsz\b/i.test(text)) return 'invalid_quantity';
  return 'venue_refused';
}

export function classifyVenueError(error: unknown): VenueErrorKind {
  const text = venueMessage(error);
  if (error instanceof ccxt.OrderNotFound) return { kind: 'not_found', text };
  // RateLimitExceeded (429) and DDoSProtection (418) are NetworkErrors in ccxt: check them first.
  if (error instanceof ccxt.DDoSProtection || error instanceof ccxt.RateLimitExceeded) return { kind: 'rate_limited', text };
  // NetworkError (timeouts, 5xx, dropped connections) and BadResponse (an unreadable answer) are OperationFailed.
  if (error instanceof ccxt.OperationFailed) return { kind: 'uncertain', text };
  if (error instanceof ccxt.AuthenticationError) return { kind: 'refused', reason: 'venue_refused', text: `the venue refused our API credentials (${text})` };
  if (error instanceof ccxt.BaseError) return { kind: 'refused', reason: refusalReason(error, text), text };
  // Not a ccxt error (a bug, an aborted socket outside ccxt's wrapping): the effect is unknown.
  return { kind: 'uncertain', text };
}
