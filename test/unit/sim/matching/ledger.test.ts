// SimLedger: free/locked moves at 18 decimals, refused or thrown when they would go negative, changes reported once.
import { describe, expect, it } from 'vitest';
import { SimLedger } from '../../../../src/sim/matching/ledger.js';
import { feeCeil, feeRateOf, ledgerUnitsOf, notionalOf } from '../../../../src/sim/matching/ledger-units.js';
import { TEST_BTC_USDT } from '../../../helpers/sim-static-book.js';

const E18 = 10n ** 18n;

function ledger(): SimLedger {
  return new SimLedger([{ accountId: 'a', apiKey: 'k', secret: 's', passphrase: null, balances: { USDT: '100.5', BTC: '0.000000000000000001' } }]);
}

describe('SimLedger', () => {
  it('starts from the spec balances and renders canonical decimal text', () => {
    const book = ledger();
    expect(book.balances('a')).toEqual([
      { asset: 'USDT', free: '100.5', locked: '0' },
      { asset: 'BTC', free: '0.000000000000000001', locked: '0' },
    ]);
    expect(book.render('a', 'ETH')).toEqual({ asset: 'ETH', free: '0', locked: '0' });
  });

  it('lock refuses more than free and moves nothing then', () => {
    const book = ledger();
    expect(book.lock('a', 'USDT', 101n * E18)).toBe(false);
    expect(book.lock('a', 'USDT', -1n)).toBe(false);
    expect(book.lock('a', 'USDT', 100n * E18)).toBe(true);
    expect(book.render('a', 'USDT')).toEqual({ asset: 'USDT', free: '0.5', locked: '100' });
    expect(book.lock('a', 'USDT', E18)).toBe(false);
  });

  it('release, spendLocked, spendFree throw past what there is; credit adds to free', () => {
    const book = ledger();
    book.lock('a', 'USDT', 10n * E18);
    expect(() => book.release('a', 'USDT', 11n * E18)).toThrow(/cannot release/);
    expect(() => book.spendLocked('a', 'USDT', 11n * E18)).toThrow(/cannot spend locked/);
    expect(() => book.spendFree('a', 'USDT', 91n * E18)).toThrow(/cannot spend free/);
    expect(() => book.credit('a', 'USDT', -1n)).toThrow(/Negative credit/);
    book.spendLocked('a', 'USDT', 4n * E18);
    book.release('a', 'USDT', 6n * E18);
    book.credit('a', 'ETH', 3n);
    expect(book.balances('a')).toEqual([
      { asset: 'USDT', free: '96.5', locked: '0' },
      { asset: 'BTC', free: '0.000000000000000001', locked: '0' },
      { asset: 'ETH', free: '0.000000000000000003', locked: '0' },
    ]);
  });

  it('reports changed assets once, and not an asset that moved back', () => {
    const book = ledger();
    book.lock('a', 'USDT', E18);
    book.release('a', 'USDT', E18);
    book.credit('a', 'BTC', 1n);
    expect(book.takeChanges()).toEqual(new Map([['a', new Set(['BTC'])]]));
    expect(book.takeChanges()).toEqual(new Map());
  });

  it('unknown accounts and duplicate or negative specs throw', () => {
    expect(() => ledger().free('b', 'USDT')).toThrow(/Unknown account b/);
    const spec = { accountId: 'a', apiKey: 'k', secret: 's', passphrase: null, balances: {} };
    expect(() => new SimLedger([spec, spec])).toThrow(/Duplicate account/);
    expect(() => new SimLedger([{ ...spec, balances: { USDT: '-1' } }])).toThrow(/negative/);
  });
});

describe('ledger units and fees', () => {
  it('a tick·lot of 0.01 × 0.00001 is 10^-7 quote; fees round up at the 18th decimal', () => {
    const units = ledgerUnitsOf(TEST_BTC_USDT);
    expect(units.quotePerTickLot).toBe(10n ** 11n);
    expect(units.basePerLot).toBe(10n ** 13n);
    expect(units.minNotional).toBe(5n * E18);
    expect(notionalOf(units, 6_500_000, 100_000)).toBe(65_000n * E18);
    expect(feeCeil(1n, feeRateOf(10)!)).toBe(1n);
    expect(feeCeil(10_000n, feeRateOf(10)!)).toBe(10n);
    expect(feeCeil(10_001n, feeRateOf(10)!)).toBe(11n);
    expect(feeCeil(1_000_000n, feeRateOf(7.5)!)).toBe(750n);
  });

  it('fee rates: 0..10000 bps with at most two decimals', () => {
    expect(feeRateOf(0)).toBe(0n);
    expect(feeRateOf(7.25)).toBe(725n);
    expect(feeRateOf(-1)).toBeNull();
    expect(feeRateOf(10_001)).toBeNull();
    expect(feeRateOf(0.001)).toBeNull();
    expect(feeRateOf(Number.NaN)).toBeNull();
  });

  it('refuses an instrument whose tick × lot needs more than 18 decimals', () => {
    expect(() => ledgerUnitsOf({ ...TEST_BTC_USDT, tickSize: '0.0000000001', priceDecimals: 10, lotSize: '0.000000001', sizeDecimals: 9 })).toThrow(
      /exceed the ledger/,
    );
  });
});
