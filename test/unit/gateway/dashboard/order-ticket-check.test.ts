// The order ticket's price and quantity checks agree with the simulator handler's grid check (checkOrderNumbers) on plain decimal text, and refuse other forms with clear words.
import { describe, expect, it } from 'vitest';
import { checkTicket, isPositiveMultiple } from '../../../../src/gateway/dashboard/client/order-ticket-check.js';
import { checkOrderNumbers } from '../../../../src/gateway/orders/sim-order-checks.js';
import { simListings } from '../../../../src/sim/market/sim-catalog.js';

const PRICES = ['65000', '65000.1', '65000.01', '65000.001', '65000.010', '0', '0.00', '0.01', '0.005', '32500.5', '00065000.25', '1', '99999999.99'];
const QUANTITIES = ['1', '0.001', '0.00001', '0.000015', '0.000010', '0', '0.00000', '2.5', '0.1234567', '10'];

describe('checkTicket', () => {
  for (const listing of [...simListings('binance'), ...simListings('okx')]) {
    const grid = { tickSize: listing.instrument.tickSize, lotSize: listing.instrument.lotSize };
    it(`agrees with the server's grid check on ${listing.native} (tick ${grid.tickSize}, lot ${grid.lotSize})`, () => {
      for (const quantity of QUANTITIES) {
        for (const price of PRICES) {
          const page = checkTicket(grid, 'limit', price, quantity);
          const server = checkOrderNumbers(listing, 'limit', price, quantity);
          expect(page.ok, `limit ${quantity} @ ${price}`).toBe(server.ok);
          if (!page.ok && !server.ok) expect(page.field === 'price' ? 'invalid_price' : 'invalid_quantity', `${quantity} @ ${price}`).toBe(server.reason);
        }
        expect(checkTicket(grid, 'market', '', quantity).ok, `market ${quantity}`).toBe(checkOrderNumbers(listing, 'market', null, quantity).ok);
      }
    });
  }

  it('says what is wrong, in the server words for the grid', () => {
    const grid = { tickSize: '0.01', lotSize: '0.00001' };
    expect(checkTicket(grid, 'limit', '65000.005', '0.001')).toEqual({ ok: false, field: 'price', message: 'Price 65000.005 is not a positive multiple of the tick size 0.01' });
    expect(checkTicket(grid, 'limit', '65000', '0.000001')).toEqual({ ok: false, field: 'quantity', message: 'Quantity 0.000001 is not a positive multiple of the lot size 0.00001' });
    expect(checkTicket(grid, 'limit', '', '0.001')).toEqual({ ok: false, field: 'price', message: 'A limit order needs a price' });
    expect(checkTicket(grid, 'limit', '65000', ' ')).toEqual({ ok: false, field: 'quantity', message: 'Enter a quantity' });
    expect(checkTicket(grid, 'market', 'ignored', ' 0.001 ')).toEqual({ ok: true, price: null, quantity: '0.001' });
    expect(checkTicket(grid, 'limit', ' 65000.10 ', '0.001')).toEqual({ ok: true, price: '65000.10', quantity: '0.001' });
  });

  it('refuses what is not plain decimal text (signs, exponents, grouping, a bare point) before any grid check', () => {
    const grid = { tickSize: '0.01', lotSize: '0.00001' };
    for (const text of ['-1', '+1', '1e3', '6.5E4', '65,000', '1.', '.5', '0x10', 'NaN', '1 000', '١٢']) {
      const price = checkTicket(grid, 'limit', text, '0.001');
      expect(price.ok, text).toBe(false);
      if (!price.ok) expect(price.message, text).toMatch(/not plain decimal text/);
      expect(checkTicket(grid, 'market', '', text).ok, text).toBe(false);
    }
  });

  it('without a grid checks syntax and sign only', () => {
    expect(checkTicket(null, 'limit', '65000.123456789', '0.000000001')).toEqual({ ok: true, price: '65000.123456789', quantity: '0.000000001' });
    expect(checkTicket(null, 'limit', '0.000', '1')).toEqual({ ok: false, field: 'price', message: 'Price 0.000 is not positive' });
    expect(checkTicket(null, 'market', '', '0')).toEqual({ ok: false, field: 'quantity', message: 'Quantity 0 is not positive' });
  });

  it('isPositiveMultiple is exact beyond double precision', () => {
    expect(isPositiveMultiple('123456789012345678901234567890.01', '0.01')).toBe(true);
    expect(isPositiveMultiple('0.30000000000000000001', '0.1')).toBe(false);
    expect(isPositiveMultiple('0.3', '0.1')).toBe(true);
  });
});
