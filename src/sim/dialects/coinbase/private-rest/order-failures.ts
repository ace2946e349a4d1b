// Why an order was not created, in Coinbase's codes: error (NewOrderFailureReason), preview_failure_reason, message.
import type { SimRejectReason } from '../../../matching/matching-types.js';
import type { CoinbaseOrderFailure } from './order-request.js';

/*
 * Codes from the Advanced Trade enums (NewOrderFailureReason, PreviewFailureReason), as SDKs and
 * ccxt list them: INSUFFICIENT_FUND (+ PREVIEW_INSUFFICIENT_FUND, message "Insufficient balance in
 * source account", which ccxt matches), INVALID_LIMIT_PRICE_POST_ONLY, INVALID_SIZE_PRECISION,
 * INVALID_PRICE_PRECISION, INVALID_PRODUCT_ID, INVALID_NO_LIQUIDITY, UNSUPPORTED_ORDER_CONFIGURATION.
 * Orders below the minimum size or notional fail with error UNKNOWN_FAILURE_REASON and the preview
 * reason PREVIEW_INVALID_BASE_SIZE_TOO_SMALL / PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL, the pattern
 * ccxt's coinbase.js records for preview failures. Messages other than the insufficient-funds one
 * are the simulator's wording.
 */

export interface CoinbaseFailureText {
  readonly error: string;
  readonly previewFailureReason: string;
  readonly message: string;
}

const FAILURES: Readonly<Record<CoinbaseOrderFailure | SimRejectReason, CoinbaseFailureText>> = Object.freeze({
  insufficient_balance: { error: 'INSUFFICIENT_FUND', previewFailureReason: 'PREVIEW_INSUFFICIENT_FUND', message: 'Insufficient balance in source account' },
  post_only_would_take: {
    error: 'INVALID_LIMIT_PRICE_POST_ONLY',
    previewFailureReason: 'PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY',
    message: 'Post only order would cross the book',
  },
  invalid_price: { error: 'INVALID_PRICE_PRECISION', previewFailureReason: 'PREVIEW_INVALID_PRICE_PRECISION', message: 'Invalid price precision' },
  invalid_size: { error: 'INVALID_SIZE_PRECISION', previewFailureReason: 'PREVIEW_INVALID_SIZE_PRECISION', message: 'Invalid size precision' },
  below_min_size: { error: 'UNKNOWN_FAILURE_REASON', previewFailureReason: 'PREVIEW_INVALID_BASE_SIZE_TOO_SMALL', message: 'Order size is too small' },
  below_min_notional: { error: 'UNKNOWN_FAILURE_REASON', previewFailureReason: 'PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL', message: 'Order value is too small' },
  no_liquidity: { error: 'INVALID_NO_LIQUIDITY', previewFailureReason: 'PREVIEW_INVALID_NO_LIQUIDITY', message: 'No liquidity to fill the order' },
  unknown_instrument: { error: 'INVALID_PRODUCT_ID', previewFailureReason: 'PREVIEW_INVALID_PRODUCT_ID', message: 'Invalid product_id' },
  unknown_order: { error: 'UNKNOWN_FAILURE_REASON', previewFailureReason: 'UNKNOWN_PREVIEW_FAILURE_REASON', message: 'Unknown order' },
  duplicate_client_order_id: { error: 'UNKNOWN_FAILURE_REASON', previewFailureReason: 'UNKNOWN_PREVIEW_FAILURE_REASON', message: 'Duplicate client_order_id' },
  INVALID_PRODUCT_ID: { error: 'INVALID_PRODUCT_ID', previewFailureReason: 'PREVIEW_INVALID_PRODUCT_ID', message: 'Invalid product_id' },
  UNSUPPORTED_ORDER_CONFIGURATION: {
    error: 'UNSUPPORTED_ORDER_CONFIGURATION',
    previewFailureReason: 'PREVIEW_INVALID_ORDER_CONFIG',
    message: 'Unsupported order configuration',
  },
  INVALID_SIZE_PRECISION: { error: 'INVALID_SIZE_PRECISION', previewFailureReason: 'PREVIEW_INVALID_SIZE_PRECISION', message: 'Invalid size precision' },
  INVALID_PRICE_PRECISION: { error: 'INVALID_PRICE_PRECISION', previewFailureReason: 'PREVIEW_INVALID_PRICE_PRECISION', message: 'Invalid price precision' },
  INVALID_LIMIT_PRICE: { error: 'INVALID_LIMIT_PRICE', previewFailureReason: 'PREVIEW_INVALID_LIMIT_PRICE', message: 'Invalid limit price' },
});

export function failureText(reason: CoinbaseOrderFailure | SimRejectReason): CoinbaseFailureText {
  return FAILURES[reason];
}
