// Bybit-shaped ids round-trip and keep their shapes; wire text per category; cursors; the 24 h change ratio.
import { describe, expect, it } from 'vitest';
import { bybitConnectionId, bybitMessageId, bybitOrderId, bybitTradeId, parseBybitOrderId } from '../../../../../src/sim/dialects/bybit/bybit-ids.js';
import { bybitPrice, bybitSize, parseBybitPrice, parseBybitSize } from '../../../../../src/sim/dialects/bybit/bybit-text.js';
import { changeRatioText } from '../../../../../src/sim/dialects/bybit/market-stats.js';
import { cursorOffset, offsetCursor } from '../../../../../src/sim/dialects/bybit/private-rest/private-request.js';
import { cursorLast, pageCursor } from '../../../../../src/sim/dialects/bybit/public-rest/instruments-info.js';
import { simListings } from '../../../../../src/sim/market/sim-catalog.js';

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('order ids: UUIDs on linear, 19-digit decimals on spot, each parsing back to the exchange id', () => {
    for (const id of [1, 1_000_000_123, 2 ** 40, 2 ** 48 - 1]) {
      const linear = bybitOrderId('linear', id);
      expect(linear).toMatch(UUID4);
      expect(parseBybitOrderId('linear', linear)).toBe(id);
      const spot = bybitOrderId('spot', id);
      expect(spot).toMatch(/^[1-9][0-9]{18}$/);
      expect(parseBybitOrderId('spot', spot)).toBe(id);
    }
    expect(bybitOrderId('linear', 5)).not.toBe(bybitOrderId('linear', 6));
  });

  it('refuses ids this simulator never issued', () => {
    const real = bybitOrderId('linear', 77);
    expect(parseBybitOrderId('linear', `0${real.slice(1)}`)).toBeNull();
    expect(parseBybitOrderId('linear', '06086022-7d56-4d96-953a-355530f5e009')).toBeNull();
    expect(parseBybitOrderId('spot', '1321003749386327552')).toBeNull();
    expect(parseBybitOrderId('spot', 'abc')).toBeNull();
  });

  it('trade ids: version-5 UUIDs on linear (as recorded), 19 digits on spot', () => {
    expect(bybitTradeId('linear', 28_333_333_000_001)).toMatch(UUID5);
    expect(bybitTradeId('spot', 28_333_333_000_001)).toMatch(/^229[0-9]{16}$/);
  });

  it('connection and message ids in Bybit shapes, distinct per sequence number', () => {
    const ids = new Set([1, 2, 3].map((sequence) => bybitConnectionId(sequence, 11)));
    expect(ids.size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-v]{20}-[0-9a-z]{5}$/);
    expect(bybitMessageId(1, 11)).toMatch(/^[0-9a-f]{14}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('text', () => {
  const [spot, , linear] = simListings('bybit');

  it('linear pads prices and sizes to the tick and step decimals, spot writes canonical text', () => {
    expect(bybitPrice(linear!, 651_142)).toBe('65114.2');
    expect(bybitPrice(linear!, 651_140)).toBe('65114.0');
    expect(bybitSize(linear!, 2)).toBe('0.002');
    expect(bybitSize(linear!, 1000)).toBe('1.000');
    expect(bybitPrice(spot!, 6_514_000)).toBe('65140');
    expect(bybitSize(spot!, 100_000)).toBe('1');
  });

  it('parses order prices and sizes on the grid only, never zero', () => {
    expect(parseBybitPrice(linear!, '65114.20')).toBe(651_142);
    expect(parseBybitPrice(linear!, '65114.25')).toBeNull();
    expect(parseBybitPrice(linear!, '0')).toBeNull();
    expect(parseBybitSize(spot!, '0.00001')).toBe(1);
    expect(parseBybitSize(spot!, '0.000001')).toBeNull();
    expect(parseBybitSize(spot!, '1e-5')).toBe(1);
    expect(parseBybitSize(spot!, 'abc')).toBeNull();
  });

  it('change ratio at 6 or 4 decimals, rounded half away from zero', () => {
    expect(changeRatioText(651_143, 650_087, 6)).toBe('0.001624');
    expect(changeRatioText(99, 100, 4)).toBe('-0.01');
    expect(changeRatioText(100, 100, 6)).toBe('0');
    expect(changeRatioText(1, 3, 4)).toBe('-0.6667');
  });
});

describe('cursors', () => {
  it('instruments: first/last text, accepted raw or encoded again', () => {
    const cursor = pageCursor('BTCUSDT', 'ETHUSDT');
    expect(cursor).toBe('first%3DBTCUSDT%26last%3DETHUSDT');
    expect(cursorLast(cursor)).toBe('ETHUSDT');
    expect(cursorLast(decodeURIComponent(cursor))).toBe('ETHUSDT');
    expect(cursorLast(encodeURIComponent(cursor))).toBe('ETHUSDT');
    expect(cursorLast('garbage')).toBeNull();
  });

  it('order lists: page offsets', () => {
    expect(cursorOffset(offsetCursor(40))).toBe(40);
    expect(cursorOffset(undefined)).toBe(0);
    expect(cursorOffset('page_args=x')).toBeNull();
  });
});
