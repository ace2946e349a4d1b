// Binance number text: at least 8 fraction digits, never a dropped digit, exact for any size.
import { describe, expect, it } from 'vitest';
import { binancePrice, binanceQuantity, binanceQuote, fixedText, padFraction } from '../../../../../src/sim/dialects/binance/binance-text.js';
import { SIM_INSTRUMENTS } from '../../../../../src/sim/market/sim-catalog.js';

describe('Binance number text', () => {
  it('pads to 8 fraction digits and keeps finer digits', () => {
    expect(fixedText(0, 2)).toBe('0.00000000');
    expect(fixedText(1, 2)).toBe('0.01000000');
    expect(fixedText(650000123, 2)).toBe('6500001.23000000');
    expect(fixedText(5, 0)).toBe('5.00000000');
    expect(fixedText(123, 10)).toBe('0.0000000123');
    expect(fixedText(1n, 8)).toBe('0.00000001');
    expect(fixedText(9007199254740991, 2)).toBe('90071992547409.91000000');
    expect(fixedText(123456789012345678901234567890n, 7)).toBe('12345678901234567890123.45678900');
    expect(padFraction('5')).toBe('5.00000000');
    expect(padFraction('0.123456789')).toBe('0.123456789');
  });

  it('prices, quantities and quote amounts of an instrument', () => {
    const btc = SIM_INSTRUMENTS['BTC-USDT']!;
    expect(binancePrice(btc, 6_500_001)).toBe('65000.01000000');
    expect(binanceQuantity(btc, 123)).toBe('0.00123000');
    // 65000.01 × 0.00123 = 79.9500123
    expect(binanceQuote(btc, 6_500_001n * 123n)).toBe('79.95001230');
  });
});
