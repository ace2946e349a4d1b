// The Bybit and Coinbase execution dialects read venue JSON as exact text, map statuses (Bybit's post-only accept-and-cancel, IOC remainders) and refuse shapes zvt never places.
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ZVT_ERR_EXECUTION_RESPONSE } from '../../../../src/actors/execution/errors.js';
import { classifyVenueError } from '../../../../src/actors/execution/venue-error.js';
import { BYBIT_EXECUTION } from '../../../../src/actors/execution/venues/bybit-execution.js';
import { COINBASE_EXECUTION } from '../../../../src/actors/execution/venues/coinbase-execution.js';

const bybitOrder = (fields: Record<string, unknown>) => ({ orderId: '1', orderLinkId: 'zvtabc', orderStatus: 'New', cancelType: 'UNKNOWN', rejectReason: 'EC_NoError', qty: '0.0100', cumExecQty: '0', price: '50000.10', orderType: 'Limit', marketUnit: '', ...fields });
const coinbaseOrder = (fields: Record<string, unknown>) => ({
  order_id: 'u-1',
  client_order_id: 'zvtabc',
  status: 'OPEN',
  filled_size: '0',
  order_configuration: { limit_limit_gtc: { base_size: '0.010', limit_price: '50000.10', post_only: false } },
  ...fields,
});

describe('Bybit dialect', () => {
  it('reads an order in canonical exact text, a market order without price', () => {
    expect(BYBIT_EXECUTION.readOrder(bybitOrder({}))).toEqual({ orderId: '1', clientOrderId: 'zvtabc', status: 'open', quantity: '0.01', filled: '0', price: '50000.1' });
    expect(BYBIT_EXECUTION.readOrder(bybitOrder({ orderType: 'Market', price: '0', marketUnit: 'baseCoin', orderStatus: 'Filled', cumExecQty: '0.01' }))).toMatchObject({ status: 'filled', price: null, filled: '0.01' });
  });

  it('maps ends: user cancel, venue-ended remainder, post-only accept-and-cancel, rejected', () => {
    const statusOf = (fields: Record<string, unknown>) => BYBIT_EXECUTION.readOrder(bybitOrder(fields)).status;
    expect(statusOf({ orderStatus: 'Cancelled', cancelType: 'CancelByUser' })).toBe('canceled');
    expect(statusOf({ orderStatus: 'PartiallyFilledCanceled', cancelType: 'CancelByUser' })).toBe('canceled');
    expect(statusOf({ orderStatus: 'Cancelled', rejectReason: 'EC_NoImmediateQtyToFill' })).toBe('expired');
    expect(statusOf({ orderStatus: 'Cancelled', rejectReason: 'EC_PostOnlyWillTakeLiquidity' })).toBe('post_only_refused');
    expect(statusOf({ orderStatus: 'Rejected' })).toBe('rejected');
    expect(() => statusOf({ orderStatus: 'Weird' })).toThrow(expect.objectContaining({ code: ZVT_ERR_EXECUTION_RESPONSE }));
  });

  it('refuses a quote-sized market order (never ours) rather than reading quote as quantity', () => {
    expect(() => BYBIT_EXECUTION.readOrder(bybitOrder({ orderType: 'Market', marketUnit: 'quoteCoin', qty: '500' }))).toThrow(/quote-sized/);
  });

  it('reads an execution and the instrument grid', () => {
    expect(BYBIT_EXECUTION.readFill({ execId: '9', orderId: '1', execPrice: '50000.10', execQty: '0.0050', execFee: '0.25', feeCurrency: 'USDT', isMaker: true })).toEqual({
      tradeId: '9',
      orderId: '1',
      price: '50000.1',
      quantity: '0.005',
      fee: '0.25',
      feeAsset: 'USDT',
      liquidity: 'maker',
    });
    expect(BYBIT_EXECUTION.marketRules({ priceFilter: { tickSize: '0.01' }, lotSizeFilter: { basePrecision: '0.000001', minOrderQty: '0.000048', minOrderAmt: '1' } })).toEqual({
      tickSize: '0.01',
      lotSize: '0.000001',
      minQuantity: '0.000048',
      minNotional: '1',
    });
  });

  it("keeps the venue's retCode and retMsg in a refusal's text", () => {
    const kind = classifyVenueError(new ccxt.InsufficientFunds('bybit {"retCode":170131,"retMsg":"Insufficient balance.","result":{}}'));
    expect(kind).toEqual({ kind: 'refused', reason: 'insufficient_balance', text: 'bybit 170131: Insufficient balance.' });
  });
});

describe('Coinbase dialect', () => {
  it('reads an order from its configuration in exact text; statuses', () => {
    expect(COINBASE_EXECUTION.readOrder(coinbaseOrder({}))).toEqual({ orderId: 'u-1', clientOrderId: 'zvtabc', status: 'open', quantity: '0.01', filled: '0', price: '50000.1' });
    const market = coinbaseOrder({ status: 'FILLED', filled_size: '0.01', order_configuration: { market_market_ioc: { base_size: '0.01' } } });
    expect(COINBASE_EXECUTION.readOrder(market)).toMatchObject({ status: 'filled', price: null });
    expect(COINBASE_EXECUTION.readOrder(coinbaseOrder({ status: 'EXPIRED' })).status).toBe('expired');
    expect(COINBASE_EXECUTION.readOrder(coinbaseOrder({ status: 'CANCELLED' })).status).toBe('canceled');
    expect(COINBASE_EXECUTION.readOrder(coinbaseOrder({ status: 'FAILED' })).status).toBe('rejected');
  });

  it('refuses a quote-sized market order and a quote-sized fill (never ours)', () => {
    expect(() => COINBASE_EXECUTION.readOrder(coinbaseOrder({ order_configuration: { market_market_ioc: { quote_size: '100' } } }))).toThrow(/no base_size/);
    expect(() => COINBASE_EXECUTION.readFill({ trade_id: '1', order_id: 'u-1', price: '1', size: '100', commission: '0', product_id: 'BTC-USD', liquidity_indicator: 'TAKER', size_in_quote: true })).toThrow(/sized in quote/);
  });

  it('reads a fill with the fee in the quote currency', () => {
    expect(COINBASE_EXECUTION.readFill({ trade_id: '7', order_id: 'u-1', price: '50000.10', size: '0.0100', commission: '0.5000', product_id: 'BTC-USD', liquidity_indicator: 'MAKER', size_in_quote: false })).toEqual({
      tradeId: '7',
      orderId: 'u-1',
      price: '50000.1',
      quantity: '0.01',
      fee: '0.5',
      feeAsset: 'USD',
      liquidity: 'maker',
    });
  });

  it("keeps Coinbase's error code and message in a refusal's text", () => {
    const body = JSON.stringify({ success: false, error_response: { error: 'INVALID_LIMIT_PRICE_POST_ONLY', message: 'Post only order would cross the book' } });
    expect(classifyVenueError(new ccxt.ExchangeError(`coinbase ${body}`))).toEqual({ kind: 'refused', reason: 'post_only_would_take', text: 'coinbase INVALID_LIMIT_PRICE_POST_ONLY: Post only order would cross the book' });
  });
});
