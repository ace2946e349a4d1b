// FIX order flow with jspurefix as the initiator against the simulated Binance: fills with exact quantities and prices, replace, status, OCO.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sizeText } from '../../../../src/sim/market/sim-instrument.js';
import type { JspurefixClient, ReceivedMessage } from './jspurefix-client.js';
import { COUNTERPARTY, FixTestVenue, TRADER } from './fix-test-venue.js';

let venue: FixTestVenue;
let client: JspurefixClient;

beforeEach(async () => {
  venue = await FixTestVenue.start();
  client = venue.client();
  await client.ready;
});

afterEach(async () => {
  await client.logout();
  await venue.close();
});

function reports(clientOrderId: string): ReceivedMessage[] {
  return client.received.filter((message) => message.msgType === '8' && message.fields.get(11) === clientOrderId);
}

function pick(message: ReceivedMessage, tags: readonly number[]): Record<number, string | undefined> {
  return Object.fromEntries(tags.map((tag) => [tag, message.fields.get(tag)]));
}

function limitOrder(clientOrderId: string, side: '1' | '2', quantity: string, price: string): Record<string, unknown> {
  return {
    ClOrdID: clientOrderId,
    Instrument: { Symbol: 'BTC-USDT' },
    Side: side,
    TransactTime: new Date(),
    OrderQtyData: { OrderQty: Number(quantity) },
    OrdType: '2',
    Price: Number(price),
    TimeInForce: '1',
  };
}

describe('FIX acceptor orders', () => {
  it('fills a marketable order across two levels with ExecutionReports that add up', async () => {
    const instrument = venue.exchange.listing('BTCUSDT')!.instrument;
    const asks = venue.exchange.snapshot('BTCUSDT', 2).asks;
    const { price } = venue.touch();
    const lots = asks[0]!.sizeLots + 2;
    const quantity = sizeText(instrument, lots);
    client.send('D', limitOrder('take-1', '1', quantity, price(asks[1]!.priceTicks)));

    await client.waitFor((message) => message.fields.get(11) === 'take-1' && message.fields.get(39) === '2');
    const [accepted, first, second] = reports('take-1');
    expect(pick(accepted!, [150, 39, 14, 151])).toEqual({ 150: '0', 39: '0', 14: '0', 151: quantity });
    expect(pick(first!, [150, 39, 31, 32, 14, 151])).toEqual({
      150: 'F',
      39: '1',
      31: price(asks[0]!.priceTicks),
      32: sizeText(instrument, asks[0]!.sizeLots),
      14: sizeText(instrument, asks[0]!.sizeLots),
      151: sizeText(instrument, 2),
    });
    expect(pick(second!, [150, 39, 31, 32, 14, 151])).toEqual({ 150: 'F', 39: '2', 31: price(asks[1]!.priceTicks), 32: sizeText(instrument, 2), 14: quantity, 151: '0' });
    // AvgPx = (p1 × q1 + p2 × q2) / q, exactly, to 10 decimals.
    const numerator = BigInt(asks[0]!.priceTicks) * BigInt(asks[0]!.sizeLots) + BigInt(asks[1]!.priceTicks) * 2n;
    const scaled = (numerator * 10n ** 8n * 2n + BigInt(lots)) / (2n * BigInt(lots));
    expect(second!.fields.get(6)!.replace('.', '')).toBe(scaled.toString().replace(/0+$/, ''));
    // Commission of each fill as the venue charged it.
    const fills = venue.exchange.fills(TRADER.accountId);
    expect([first!.fields.get(12), second!.fields.get(12)]).toEqual(fills.map((fill) => fill.fee));
    expect(first!.fields.get(479)).toBe('USDT');
  });

  it('replaces a resting order (cancel + new under the new ClOrdID) and reports its status', async () => {
    const { bid, price } = venue.touch();
    client.send('D', limitOrder('rest-1', '1', '0.002', price(bid - 50_000)));
    const accepted = await client.waitFor((message) => message.fields.get(11) === 'rest-1' && message.fields.get(150) === '0');

    client.send('G', {
      OrigClOrdID: 'rest-1',
      ClOrdID: 'rest-2',
      Instrument: { Symbol: 'BTC-USDT' },
      Side: '1',
      TransactTime: new Date(),
      OrderQtyData: { OrderQty: 0.003 },
      OrdType: '2',
      Price: Number(price(bid - 60_000)),
      TimeInForce: '1',
    });
    const replaced = await client.waitFor((message) => message.fields.get(11) === 'rest-2' && message.fields.get(150) === '5');
    expect(pick(replaced, [39, 41, 38, 44, 151, 14])).toEqual({ 39: '0', 41: 'rest-1', 38: '0.003', 44: price(bid - 60_000), 151: '0.003', 14: '0' });
    expect(replaced.fields.get(37)).not.toBe(accepted.fields.get(37));
    const open = venue.exchange.openOrders(TRADER.accountId);
    expect(open.map((order) => [order.clientOrderId, String(order.orderId)])).toEqual([['rest-2', replaced.fields.get(37)]]);

    client.send('H', { ClOrdID: 'rest-2', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', OrdStatusReqID: 'status-1' });
    const status = await client.waitFor((message) => message.fields.get(790) === 'status-1');
    expect(pick(status, [150, 39, 11, 37, 151])).toEqual({ 150: 'I', 39: '0', 11: 'rest-2', 37: replaced.fields.get(37), 151: '0.003' });

    // Cancelling by the replaced (old) ClOrdID is refused: the order now answers to rest-2.
    client.send('F', { OrigClOrdID: 'rest-2', ClOrdID: 'rest-2', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.003 } });
    const duplicate = await client.waitFor((message) => message.msgType === '9');
    expect(pick(duplicate, [434, 102, 39])).toEqual({ 434: '1', 102: '6', 39: '0' });
  });

  it('cancels the other order of an OCO list once one leg trades', async () => {
    const { ask, price } = venue.touch();
    client.send('E', {
      ListID: 'list-1',
      BidType: 3,
      TotNoOrders: 2,
      ContingencyType: 1,
      ListOrdGrp: {
        NoOrders: [
          { ClOrdID: 'tp', ListSeqNo: 1, Instrument: { Symbol: 'BTC-USDT' }, Side: '2', OrderQtyData: { OrderQty: 0.002 }, OrdType: '2', Price: Number(price(ask - 1)), TimeInForce: '1' },
          { ClOrdID: 'far', ListSeqNo: 2, Instrument: { Symbol: 'BTC-USDT' }, Side: '2', OrderQtyData: { OrderQty: 0.002 }, OrdType: '2', Price: Number(price(ask + 500_000)), TimeInForce: '1' },
        ],
      },
    });
    await client.waitFor((message) => message.fields.get(11) === 'far' && message.fields.get(150) === '0');
    expect(reports('tp')[0]!.fields.get(66)).toBe('list-1');

    // Another account buys 0.001 at the first leg's price: it is the best ask, so it trades first.
    const result = venue.exchange.placeOrder(COUNTERPARTY.accountId, { canonical: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, priceTicks: ask - 1, sizeLots: 100 });
    expect(result.ok).toBe(true);
    const canceled = await client.waitFor((message) => message.fields.get(11) === 'far' && message.fields.get(150) === '4');
    expect(canceled.fields.get(58)).toBe('OCO: the other order of the list executed');
    const trade = reports('tp').find((message) => message.fields.get(150) === 'F')!;
    expect(pick(trade, [39, 31, 32, 14, 151])).toEqual({ 39: '1', 31: price(ask - 1), 32: '0.001', 14: '0.001', 151: '0.001' });
    expect(venue.exchange.openOrders(TRADER.accountId).map((order) => order.clientOrderId)).toEqual(['tp']);
  });

  it('rejects an order the venue cannot take and one this venue does not trade', async () => {
    client.send('D', limitOrder('too-big', '1', '100', '60000'));
    client.send('D', { ...limitOrder('stop', '1', '0.001', '60000'), OrdType: '3', StopPx: 60000 });
    client.send('D', limitOrder('nowhere', '1', '0.001', '60000.001'));
    const nowhere = await client.waitFor((message) => message.fields.get(11) === 'nowhere');
    const [tooBig] = reports('too-big');
    const [stop] = reports('stop');
    expect(pick(tooBig!, [150, 39, 103, 37])).toEqual({ 150: '8', 39: '8', 103: '3', 37: 'NONE' });
    expect(pick(stop!, [150, 39, 103, 58])).toEqual({ 150: '8', 39: '8', 103: '11', 58: 'OrdType 3 is not supported (1 market, 2 limit)' });
    expect(pick(nowhere, [150, 103, 58])).toEqual({ 150: '8', 103: '99', 58: 'Price 60000.001 is not a positive multiple of the tick size 0.01' });
  });
});
