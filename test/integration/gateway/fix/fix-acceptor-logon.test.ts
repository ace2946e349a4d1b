// FIX acceptor with jspurefix as the initiator: Logon with a good and a bad signature, resting order cancelled, one session per SenderCompID.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixTestVenue } from './fix-test-venue.js';

let venue: FixTestVenue;

beforeEach(async () => {
  venue = await FixTestVenue.start();
});

afterEach(async () => {
  await venue.close();
});

describe('FIX acceptor logon', () => {
  it('logs a client with a valid signature on and answers a resting order and its cancel', async () => {
    const client = venue.client();
    await client.ready;
    const logon = client.received.find((message) => message.msgType === 'A')!;
    expect(logon.fields.get(49)).toBe('ZVT');
    expect(logon.fields.get(56)).toBe('TRADER1');
    expect(logon.fields.get(141)).toBe('Y');

    // 1000 USDT under the best bid: it rests.
    const { bid, price } = venue.touch();
    const restingPrice = price(bid - 100_000);
    client.send('D', {
      ClOrdID: 'order-1',
      Instrument: { Symbol: 'BTC-USDT' },
      Side: '1',
      TransactTime: new Date(),
      OrderQtyData: { OrderQty: 0.001 },
      OrdType: '2',
      Price: Number(restingPrice),
      TimeInForce: '1',
    });
    const accepted = await client.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'order-1');
    expect(Object.fromEntries([150, 39, 55, 54, 38, 44, 151, 14, 6].map((tag) => [tag, accepted.fields.get(tag)]))).toEqual({
      150: '0',
      39: '0',
      55: 'BTC-USDT',
      54: '1',
      38: '0.001',
      44: restingPrice,
      151: '0.001',
      14: '0',
      6: '0',
    });

    client.send('F', { OrigClOrdID: 'order-1', ClOrdID: 'cancel-1', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.001 } });
    const canceled = await client.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'cancel-1');
    expect(canceled.fields.get(150)).toBe('4');
    expect(canceled.fields.get(39)).toBe('4');
    expect(canceled.fields.get(41)).toBe('order-1');
    expect(canceled.fields.get(37)).toBe(accepted.fields.get(37));
    expect(venue.exchange.openOrders('binance-demo')).toHaveLength(0);
    await client.logout();
  });

  it('refuses a Logon with a bad signature with a Logout that says why', async () => {
    const client = venue.client({ secret: 'not-the-secret' });
    await client.ended;
    const logout = client.received.find((message) => message.msgType === '5');
    expect(logout?.fields.get(58)).toBe('Invalid signature');
    expect(venue.acceptor.stats().logonsRefused).toBe(1);
  });

  it('refuses a second Logon of the same SenderCompID and keeps the first session running', async () => {
    const first = venue.client();
    await first.ready;
    const second = venue.client({ storeDirectory: `${venue.directory}/second-client-store` });
    await second.ended;
    expect(second.received.find((message) => message.msgType === '5')?.fields.get(58)).toBe('SenderCompID TRADER1 already has a session logged on');

    first.send('H', { ClOrdID: 'nothing', Instrument: { Symbol: 'BTC-USDT' }, Side: '1' });
    const status = await first.waitFor((message) => message.msgType === '8' && message.fields.get(150) === 'I');
    expect(status.fields.get(39)).toBe('8');
    await first.logout();
  });
});
