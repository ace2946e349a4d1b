// FIX recovery with jspurefix: reports produced while the client is away come back as PossDup resends with gap fills for admin messages; an acceptor restart keeps the numbering.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNTERPARTY, FixTestVenue, TRADER } from './fix-test-venue.js';

let venue: FixTestVenue;

beforeEach(async () => {
  venue = await FixTestVenue.start();
});

afterEach(async () => {
  await venue.close();
});

function seq(message: { fields: ReadonlyMap<number, string> }): number {
  return Number(message.fields.get(34));
}

describe('FIX acceptor recovery', () => {
  it('resends the ExecutionReports a dropped client missed, with PossDupFlag and gap fills for admin messages', async () => {
    const { bid, price } = venue.touch();
    const first = venue.client();
    await first.ready;
    // One tick above the best bid: the best bid, first in line for a seller.
    first.send('D', {
      ClOrdID: 'bid-1',
      Instrument: { Symbol: 'BTC-USDT' },
      Side: '1',
      TransactTime: new Date(),
      OrderQtyData: { OrderQty: 0.002 },
      OrdType: '2',
      Price: Number(price(bid + 1)),
      TimeInForce: '1',
    });
    const accepted = await first.waitFor((message) => message.fields.get(11) === 'bid-1');
    await first.drop();
    await waitUntil(() => venue.acceptor.stats().openConnections === 0);

    // While the client is away another account sells into its bid: two fills, numbered and stored.
    const sell = (lots: number): void => {
      const result = venue.exchange.placeOrder(COUNTERPARTY.accountId, { canonical: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'IOC', postOnly: false, priceTicks: bid + 1, sizeLots: lots });
      expect(result.ok).toBe(true);
    };
    sell(50);
    sell(150);
    const numbers = venue.acceptor.sequenceNumbers(TRADER.senderCompId)!;
    expect(numbers.nextSender).toBe(seq(accepted) + 3);

    // The same client (its own store keeps its numbers) logs on again without a reset.
    const second = venue.client({ resetSeqNum: false });
    await second.ready;
    const filled = await second.waitFor((message) => message.msgType === '8' && message.fields.get(39) === '2');
    // jspurefix persists the last sequence number it received asynchronously, so it may ask from the
    // ExecutionReport New as well: whatever it asked for comes again as a PossDup.
    const resent = second.received.filter((message) => message.msgType === '8');
    expect(resent.every((message) => message.fields.get(43) === 'Y' && message.fields.get(122) !== undefined)).toBe(true);
    expect(resent.filter((message) => message.fields.get(150) === 'F').map((message) => [seq(message), message.fields.get(43), message.fields.get(150), message.fields.get(14)])).toEqual([
      [seq(accepted) + 1, 'Y', 'F', '0.0005'],
      [seq(accepted) + 2, 'Y', 'F', '0.002'],
    ]);
    expect(filled.fields.get(122)).toMatch(/^\d{8}-\d{2}:\d{2}:\d{2}\.\d{3}$/);
    // The Logon that answered the reconnect came after the fills; the resend replaces it with a gap fill.
    const logon = second.received.find((message) => message.msgType === 'A')!;
    expect(seq(logon)).toBe(seq(accepted) + 3);
    const gapFill = second.received.find((message) => message.msgType === '4' && seq(message) === seq(logon))!;
    expect([seq(gapFill), gapFill.fields.get(123), gapFill.fields.get(36), gapFill.fields.get(43)]).toEqual([seq(logon), 'Y', String(seq(logon) + 1), 'Y']);

    // Asking for everything from 1: the first Logon becomes a gap fill, the application messages come again.
    const from = second.received.length;
    second.send('2', { BeginSeqNo: 1, EndSeqNo: 0 });
    await second.waitFor((message) => message.msgType === '4' && seq(message) === seq(logon), 5_000, from + 1);
    const replay = second.received.slice(from).map((message) => [message.msgType, seq(message), message.fields.get(36) ?? message.fields.get(150)]);
    expect(replay).toEqual([
      ['4', 1, String(seq(accepted))],
      ['8', seq(accepted), '0'],
      ['8', seq(accepted) + 1, 'F'],
      ['8', seq(accepted) + 2, 'F'],
      ['4', seq(logon), String(seq(logon) + 1)],
    ]);
    await second.logout();
  });

  it('continues the sequence numbers after an acceptor restart', async () => {
    const { bid, price } = venue.touch();
    const first = venue.client();
    await first.ready;
    first.send('D', {
      ClOrdID: 'before-restart',
      Instrument: { Symbol: 'BTC-USDT' },
      Side: '1',
      TransactTime: new Date(),
      OrderQtyData: { OrderQty: 0.001 },
      OrdType: '2',
      Price: Number(price(bid - 100_000)),
      TimeInForce: '1',
    });
    await first.waitFor((message) => message.fields.get(11) === 'before-restart');
    await first.logout();
    const before = venue.acceptor.sequenceNumbers(TRADER.senderCompId)!;

    await venue.acceptor.close();
    await venue.startAcceptor();
    expect(venue.acceptor.sequenceNumbers(TRADER.senderCompId)).toEqual(before);

    const second = venue.client({ resetSeqNum: false });
    await second.ready;
    const logon = second.received.find((message) => message.msgType === 'A')!;
    expect(seq(logon)).toBe(before.nextSender);
    expect(logon.fields.get(141)).toBeUndefined();
    second.send('H', { ClOrdID: 'before-restart', Instrument: { Symbol: 'BTC-USDT' }, Side: '1' });
    const status = await second.waitFor((message) => message.msgType === '8' && message.fields.get(150) === 'I');
    expect(status.fields.get(39)).toBe('0');
    expect(seq(status)).toBeGreaterThan(seq(logon));
    // jspurefix persists what it received lazily and may ask for messages again; anything resent is marked PossDup.
    const again = second.received.filter((message) => seq(message) < before.nextSender && message.msgType !== '4');
    expect(again.every((message) => message.fields.get(43) === 'Y')).toBe(true);
    await second.logout();
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
