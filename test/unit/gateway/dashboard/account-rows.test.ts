// The trading panel's reading of GET /v1/orders and GET /v1/positions bodies: fields as text, incomplete rows skipped rather than guessed.
import { describe, expect, it } from 'vitest';
import { parseOrders, parsePositions } from '../../../../src/gateway/dashboard/client/account-rows.js';

const order = {
  orderId: '17',
  clientOrderId: 'dash-1',
  origClientOrderId: null,
  listId: null,
  owner: 'rest:k',
  accountId: 'binance-demo',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  timeInForce: 'GTC',
  postOnly: true,
  price: '32500.01',
  quantity: '0.001',
  cumulativeQuantity: '0',
  leavesQuantity: '0.001',
  averagePrice: '0',
  status: 'new',
  updatedMs: 1_700_000_000_000,
};

describe('parseOrders', () => {
  it('keeps the fields the table shows, decimals as text', () => {
    expect(parseOrders({ orders: [order, { ...order, clientOrderId: 'dash-2', origClientOrderId: 'dash-0', type: 'market', price: null, postOnly: false, status: 'filled', cumulativeQuantity: '0.001', averagePrice: '65000.12' }] })).toEqual([
      { clientOrderId: 'dash-1', origClientOrderId: null, symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: true, price: '32500.01', quantity: '0.001', cumulativeQuantity: '0', averagePrice: '0', status: 'new', updatedMs: 1_700_000_000_000 },
      { clientOrderId: 'dash-2', origClientOrderId: 'dash-0', symbol: 'BTC-USDT', side: 'buy', type: 'market', timeInForce: 'GTC', postOnly: false, price: null, quantity: '0.001', cumulativeQuantity: '0.001', averagePrice: '65000.12', status: 'filled', updatedMs: 1_700_000_000_000 },
    ]);
  });

  it('skips rows without a needed field or with a number where text belongs, and bodies that are not lists', () => {
    const { status: _status, ...withoutStatus } = order;
    expect(parseOrders({ orders: [withoutStatus, { ...order, quantity: 0.001 }, null, 'x'] })).toEqual([]);
    expect(parseOrders({ orders: 'none' })).toEqual([]);
    expect(parseOrders(null)).toEqual([]);
  });
});

describe('parsePositions', () => {
  it('reads the account and its positions', () => {
    const body = { accountId: 'binance-demo', positions: [{ symbol: 'BTC-USDT', quoteAsset: 'USDT', quantity: '0.001', averageEntryPrice: '65000.12', markPrice: null, realizedPnl: '0', unrealizedPnl: null, fees: {} }, { symbol: 'X' }] };
    expect(parsePositions(body)).toEqual({
      accountId: 'binance-demo',
      positions: [{ symbol: 'BTC-USDT', quoteAsset: 'USDT', quantity: '0.001', averageEntryPrice: '65000.12', markPrice: null, realizedPnl: '0', unrealizedPnl: null }],
    });
    expect(parsePositions('x')).toEqual({ accountId: null, positions: [] });
  });
});
