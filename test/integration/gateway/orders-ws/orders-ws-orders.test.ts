// /v1/orders order flow against the simulated Binance: rest and cancel, fills equal to the venue's, replace, status, OCO, refusals; the same outcomes as FIX.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrdersWsClient } from '../../../../src/gateway/orders-ws/orders-ws-client.js';
import type { OrdersWsFrame, WsResponseBody } from '../../../../src/gateway/orders-ws/orders-ws-frames.js';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import { orderAckLatencySource, WS_ORDER_ACK_LATENCY } from '../../../../src/gateway/metrics/latency-histogram-source.js';
import { ordersWsCounterSource } from '../../../../src/gateway/orders-ws/orders-ws-stats.js';
import { sizeText } from '../../../../src/sim/market/sim-instrument.js';
import { COUNTERPARTY, OrdersWsTestVenue, TRADER } from './orders-ws-test-venue.js';

type Report = Extract<WsResponseBody, { kind: 'executionReport' }>;

let venue: OrdersWsTestVenue;
let client: OrdersWsClient;

beforeEach(async () => {
  venue = await OrdersWsTestVenue.start();
  client = await venue.client();
});

afterEach(async () => {
  await venue.close();
});

function reports(clientOrderId: string): Report[] {
  return client.received.flatMap((frame) => (frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === clientOrderId ? [frame.body] : []));
}

function report(clientOrderId: string, execType: Report['execType']): Promise<OrdersWsFrame> {
  return client.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === clientOrderId && frame.body.execType === execType);
}

describe('/v1/orders orders', () => {
  it('rests a limit order (New answering its request id), then cancels it', async () => {
    const { bid, price } = venue.venue.touch();
    const requestId = client.placeOrder(venue.limit('rest-1', 'buy', '0.002', price(bid - 50_000)));
    const accepted = await report('rest-1', 'new');
    expect(accepted.requestId).toBe(requestId);
    expect(accepted.seq).toBe(2n);
    const order = (accepted.body as Report).order;
    expect(order).toMatchObject({
      clientOrderId: 'rest-1',
      accountId: TRADER.accountId,
      symbol: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      timeInForce: 'GTC',
      price: price(bid - 50_000),
      quantity: '0.002',
      cumulativeQuantity: '0',
      leavesQuantity: '0.002',
      averagePrice: '0',
      status: 'new',
    });
    const venueOrders = venue.exchange.openOrders(TRADER.accountId);
    expect(venueOrders.map((open) => [open.clientOrderId, String(open.orderId)])).toEqual([['rest-1', order.orderId]]);

    const cancelId = client.cancel({ clientOrderId: 'cancel-1', origClientOrderId: 'rest-1', symbol: 'BTC-USDT', side: 'buy' });
    const canceled = await client.waitFor((frame) => frame.requestId === cancelId);
    expect(canceled.body).toMatchObject({ kind: 'executionReport', execType: 'canceled', order: { clientOrderId: 'cancel-1', origClientOrderId: 'rest-1', status: 'canceled', leavesQuantity: '0' } });
    expect(venue.exchange.openOrders(TRADER.accountId)).toEqual([]);
  });

  it('fills a marketable order across two levels with Trade reports equal to the simulator fills', async () => {
    const instrument = venue.exchange.listing('BTCUSDT')!.instrument;
    const asks = venue.exchange.snapshot('BTCUSDT', 2).asks;
    const { price } = venue.venue.touch();
    const lots = asks[0]!.sizeLots + 2;
    const quantity = sizeText(instrument, lots);
    client.placeOrder(venue.limit('take-1', 'buy', quantity, price(asks[1]!.priceTicks)));
    await client.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === 'take-1' && frame.body.order.status === 'filled');

    const [accepted, first, second] = reports('take-1');
    expect(accepted).toMatchObject({ execType: 'new', order: { status: 'new', cumulativeQuantity: '0', leavesQuantity: quantity } });
    const fills = venue.exchange.fills(TRADER.accountId);
    expect(fills).toHaveLength(2);
    for (const [index, trade] of [first!, second!].entries()) {
      const fill = fills[index]!;
      expect(trade.execType).toBe('trade');
      expect(trade.fill).toEqual({
        price: price(fill.priceTicks),
        quantity: sizeText(instrument, fill.sizeLots),
        fee: fill.fee,
        feeAsset: fill.feeAsset,
        liquidity: fill.liquidity,
        tradeId: `BTC-USDT:${fill.tradeId}`,
      });
    }
    expect(first!.fill!.price).toBe(price(asks[0]!.priceTicks));
    expect(first!.order).toMatchObject({ status: 'partially_filled', cumulativeQuantity: sizeText(instrument, asks[0]!.sizeLots), leavesQuantity: sizeText(instrument, 2) });
    expect(second!.order).toMatchObject({ status: 'filled', cumulativeQuantity: quantity, leavesQuantity: '0' });
    // AvgPx = (p1 × q1 + p2 × q2) / q, exactly, as the FIX test checks it.
    const numerator = BigInt(asks[0]!.priceTicks) * BigInt(asks[0]!.sizeLots) + BigInt(asks[1]!.priceTicks) * 2n;
    const scaled = (numerator * 10n ** 8n * 2n + BigInt(lots)) / (2n * BigInt(lots));
    expect(second!.order.averagePrice.replace('.', '')).toBe(scaled.toString().replace(/0+$/, ''));
  });

  it('replaces a resting order, reports its status, and refuses a cancel under the retired id', async () => {
    const { bid, price } = venue.venue.touch();
    client.placeOrder(venue.limit('rest-1', 'buy', '0.002', price(bid - 50_000)));
    const accepted = (await report('rest-1', 'new')).body as Report;
    client.replace({ ...venue.limit('rest-2', 'buy', '0.003', price(bid - 60_000)), origClientOrderId: 'rest-1' });
    const replaced = (await report('rest-2', 'replaced')).body as Report;
    expect(replaced.order).toMatchObject({ status: 'new', origClientOrderId: 'rest-1', quantity: '0.003', price: price(bid - 60_000), leavesQuantity: '0.003', cumulativeQuantity: '0' });
    expect(replaced.order.orderId).not.toBe(accepted.order.orderId);

    const statusId = client.status({ clientOrderId: 'rest-2', symbol: 'BTC-USDT', side: 'buy', statusRequestId: 'status-1' });
    const status = await client.waitFor((frame) => frame.requestId === statusId);
    expect(status.body).toMatchObject({ kind: 'executionReport', execType: 'status', statusRequestId: 'status-1', order: { clientOrderId: 'rest-2', orderId: replaced.order.orderId, leavesQuantity: '0.003', status: 'new' } });

    const unknownId = client.status({ clientOrderId: 'never', symbol: 'BTC-USDT', side: 'sell' });
    const unknown = await client.waitFor((frame) => frame.requestId === unknownId);
    expect(unknown.body).toMatchObject({ kind: 'executionReport', execType: 'status', text: 'Unknown order', order: { clientOrderId: 'never', status: 'unknown', type: null, leavesQuantity: '0' } });

    const cancelId = client.cancel({ clientOrderId: 'rest-2', origClientOrderId: 'rest-2', symbol: 'BTC-USDT', side: 'buy' });
    const refused = await client.waitFor((frame) => frame.requestId === cancelId);
    expect(refused.body).toMatchObject({ kind: 'cancelReject', responseTo: 'cancel', reason: 'duplicate_client_order_id', order: { status: 'new' } });
  });

  it('cancels the other order of an OCO list once one leg trades', async () => {
    const { ask, price } = venue.venue.touch();
    client.placeList('list-1', [venue.limit('tp', 'sell', '0.002', price(ask - 1)), venue.limit('far', 'sell', '0.002', price(ask + 500_000))]);
    await report('far', 'new');
    expect(reports('tp')[0]!.order.listId).toBe('list-1');

    const result = venue.exchange.placeOrder(COUNTERPARTY.accountId, { canonical: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, priceTicks: ask - 1, sizeLots: 100 });
    expect(result.ok).toBe(true);
    const canceled = await report('far', 'canceled');
    // Caused by another account's order, not by a request of this session.
    expect(canceled.requestId).toBe(0n);
    expect((canceled.body as Report).text).toBe('OCO: the other order of the list executed');
    const trade = reports('tp').find((body) => body.execType === 'trade')!;
    expect(trade.fill).toMatchObject({ price: price(ask - 1), quantity: '0.001', liquidity: 'maker' });
    expect(trade.order).toMatchObject({ status: 'partially_filled', cumulativeQuantity: '0.001', leavesQuantity: '0.001' });
    expect(venue.exchange.openOrders(TRADER.accountId).map((order) => order.clientOrderId)).toEqual(['tp']);
  });

  it('rejects a duplicate client order id, an unaffordable order and a price off the tick grid with ExecutionReport Rejected', async () => {
    const { bid, price } = venue.venue.touch();
    client.placeOrder(venue.limit('dup', 'buy', '0.001', price(bid - 50_000)));
    await report('dup', 'new');
    const duplicateId = client.placeOrder(venue.limit('dup', 'buy', '0.001', price(bid - 60_000)));
    const duplicate = await client.waitFor((frame) => frame.requestId === duplicateId);
    expect(duplicate.body).toMatchObject({ kind: 'executionReport', execType: 'rejected', rejectReason: 'duplicate_client_order_id', order: { status: 'rejected' } });

    client.placeOrder(venue.limit('too-big', 'buy', '100', '60000'));
    client.placeOrder(venue.limit('nowhere', 'buy', '0.001', '60000.001'));
    const nowhere = (await report('nowhere', 'rejected')).body as Report;
    expect(reports('too-big')[0]).toMatchObject({ execType: 'rejected', rejectReason: 'insufficient_balance', order: { orderId: null } });
    expect(nowhere).toMatchObject({ rejectReason: 'invalid_price', text: 'Price 60000.001 is not a positive multiple of the tick size 0.01' });
    // One open order: the first "dup".
    expect(venue.exchange.openOrders(TRADER.accountId).map((order) => order.clientOrderId)).toEqual(['dup']);
    // Four NewOrders, each answered once (accepted or rejected): four order-ack latencies, none pending.
    const ack = venue.gateway.orders!.orderAckLatency;
    expect(ack.snapshot().count).toBe(4);
    expect(ack.pendingCount).toBe(0);
    // As /metrics shows them (the histogram family and the route's counters).
    const metrics = new GatewayMetrics({ processMetrics: false });
    metrics.addHistogramSource(orderAckLatencySource(ack, WS_ORDER_ACK_LATENCY));
    metrics.addCounterSource(ordersWsCounterSource(venue.gateway.orders!));
    const text = await metrics.render();
    expect(text).toMatch(/^zvt_ws_order_ack_latency_seconds_count 4$/m);
    expect(text).toMatch(/^zvt_orders_ws_requests_total\{kind="newOrder"\} 4$/m);
  });

  it('numbers every frame of the session consecutively', async () => {
    const { bid, price } = venue.venue.touch();
    for (let index = 0; index < 5; index++) client.placeOrder(venue.limit(`seq-${index}`, 'buy', '0.001', price(bid - 50_000 - index)));
    client.ping();
    await client.waitFor((frame) => frame.body.kind === 'heartbeat');
    expect(client.received.map((frame) => frame.seq)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
  });
});
