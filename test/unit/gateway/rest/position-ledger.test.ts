// PositionLedger and rationals: opening, adding, reducing, flipping and closing positions with exact average entry and realised PnL; rounding at display.
import { describe, expect, it } from 'vitest';
import { midPrice, PositionLedger, positionText, type LedgerFill } from '../../../../src/gateway/rest/position-ledger.js';
import { formatRational, parseRational, rational } from '../../../../src/gateway/rest/rational.js';

const fill = (side: 'buy' | 'sell', price: string, quantity: string, fee = '0', feeAsset = 'USDT'): LedgerFill => ({ symbol: 'BTC-USDT', side, price, quantity, fee, feeAsset });

function text(ledger: PositionLedger, mark: string | null = null): ReturnType<typeof positionText> {
  return positionText(ledger.all()[0]!, mark === null ? null : parseRational(mark));
}

describe('rational', () => {
  it('parses decimal text exactly and formats half away from zero with trailing zeros trimmed', () => {
    expect(formatRational(parseRational('65000.10'), 18)).toBe('65000.1');
    expect(formatRational(parseRational('-0.000000000000000001'), 18)).toBe('-0.000000000000000001');
    expect(formatRational(rational(1n, 3n), 4)).toBe('0.3333');
    expect(formatRational(rational(2n, 3n), 4)).toBe('0.6667');
    expect(formatRational(rational(-1n, 8n), 2)).toBe('-0.13');
    expect(formatRational(rational(-1n, 1000n), 2)).toBe('0');
    expect(formatRational(rational(5n, 2n), 0)).toBe('3');
    expect(formatRational(parseRational('1e3'), 2)).toBe('1000');
  });
});

describe('PositionLedger', () => {
  it('averages entries over adds, keeps the average on reduces and realises the difference', () => {
    const ledger = new PositionLedger();
    ledger.apply(fill('buy', '100', '1', '0.1'));
    ledger.apply(fill('buy', '103', '2', '0.206'));
    // (100 × 1 + 103 × 2) / 3 = 102
    expect(text(ledger, '101.5')).toEqual({
      symbol: 'BTC-USDT',
      quoteAsset: 'USDT',
      quantity: '3',
      averageEntryPrice: '102',
      markPrice: '101.5',
      realizedPnl: '0',
      unrealizedPnl: '-1.5',
      fees: { USDT: '0.306' },
    });
    ledger.apply(fill('sell', '104.5', '1.5', '0.0001', 'BNB'));
    expect(text(ledger, '105')).toMatchObject({ quantity: '1.5', averageEntryPrice: '102', realizedPnl: '3.75', unrealizedPnl: '4.5', fees: { USDT: '0.306', BNB: '0.0001' } });
  });

  it('a fill through zero realises the closed part and opens the other side at its price', () => {
    const ledger = new PositionLedger();
    ledger.apply(fill('buy', '10', '2'));
    ledger.apply(fill('sell', '12', '5'));
    expect(text(ledger, '11')).toMatchObject({ quantity: '-3', averageEntryPrice: '12', realizedPnl: '4', unrealizedPnl: '3' });
    ledger.apply(fill('buy', '13', '3'));
    expect(text(ledger, '11')).toMatchObject({ quantity: '0', averageEntryPrice: null, realizedPnl: '1', unrealizedPnl: '0' });
  });

  it('keeps a repeating average exact internally and rounds only for display', () => {
    const ledger = new PositionLedger();
    ledger.apply(fill('buy', '1', '1'));
    ledger.apply(fill('buy', '2', '1'));
    ledger.apply(fill('buy', '2', '1'));
    // 5/3 = 1.666..., shown at 18 digits; selling all at 2 realises exactly 3 × (2 − 5/3) = 1.
    expect(text(ledger).averageEntryPrice).toBe('1.666666666666666667');
    ledger.apply(fill('sell', '2', '3'));
    expect(text(ledger)).toMatchObject({ quantity: '0', realizedPnl: '1', unrealizedPnl: null, markPrice: null });
  });

  it('stays exact far beyond 2^53 (bigint)', () => {
    const ledger = new PositionLedger();
    ledger.apply(fill('buy', '123456789012.12345678', '9876543210.987654321'));
    ledger.apply(fill('sell', '123456789013.12345678', '9876543210.987654321'));
    expect(text(ledger).realizedPnl).toBe('9876543210.987654321');
  });

  it('marks at the exact mid of bid and ask', () => {
    expect(formatRational(midPrice('65000.12', '65000.5'), 18)).toBe('65000.31');
    expect(formatRational(midPrice('0.01', '0.02'), 18)).toBe('0.015');
  });
});
