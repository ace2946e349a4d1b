// OKX instruments REST → InstrumentDefinition: the documented SPOT example, synthetic SWAP/FUTURES entries, the registry's view.
import { describe, expect, it } from 'vitest';
import { okxInstrumentRequests, parseOkxInstruments } from '../../../../src/actors/venues/okx/instruments.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { readFixture } from './okx-test-kit.js';

const spot = readFixture<{ response: { data: Record<string, unknown>[] } }>('rest-instruments-spot.json').response;
const derivatives = readFixture<{ response: { data: Record<string, unknown>[] } }>('rest-instruments-derivatives.synthetic.json').response;

describe('OKX instruments', () => {
  it('the documented SPOT response example → BTC-USDT with its tick and lot size as sent', () => {
    expect(parseOkxInstruments(JSON.stringify(spot))).toEqual([
      { venue: 'okx', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTC-USDT', tickSize: '0.1', lotSize: '0.00000001' },
    ]);
  });

  it('SWAP and FUTURES: base/quote from instFamily (or uly), settle, contract size ctVal × ctMult, expiry from expTime; only live ones', () => {
    expect(parseOkxInstruments(JSON.stringify(derivatives))).toEqual([
      { venue: 'okx', kind: 'perpetual', base: 'BTC', quote: 'USDT', settle: 'USDT', native: 'BTC-USDT-SWAP', tickSize: '0.1', lotSize: '0.01', contractSize: '0.01' },
      { venue: 'okx', kind: 'perpetual', base: 'BTC', quote: 'USD', settle: 'BTC', native: 'BTC-USD-SWAP', tickSize: '0.1', lotSize: '1', contractSize: '100' },
      { venue: 'okx', kind: 'perpetual', base: 'ETH', quote: 'USDT', settle: 'USDT', native: 'ETH-USDT-SWAP', tickSize: '0.01', lotSize: '0.1', contractSize: '1' },
      { venue: 'okx', kind: 'future', base: 'BTC', quote: 'USD', settle: 'BTC', native: 'BTC-USD-250328', tickSize: '0.1', lotSize: '1', contractSize: '100', expiry: '2025-03-28' },
      { venue: 'okx', kind: 'future', base: 'BTC', quote: 'USDT', settle: 'USDT', native: 'BTC-USDT-250328', tickSize: '0.1', lotSize: '0.1', contractSize: '0.01', expiry: '2025-03-28' },
    ]);
  });

  it('the registry accepts them and names them per DESIGN §3 (BASE-QUOTE, BASE-QUOTE-PERP, BASE-QUOTE-YYYYMMDD)', () => {
    const registry = new InstrumentRegistry([...parseOkxInstruments(JSON.stringify(spot)), ...parseOkxInstruments(JSON.stringify(derivatives))]);
    expect(registry.all().map((instrument) => [instrument.id, instrument.native])).toEqual([
      ['okx:BTC-USDT', 'BTC-USDT'],
      ['okx:BTC-USDT-PERP', 'BTC-USDT-SWAP'],
      ['okx:BTC-USD-PERP', 'BTC-USD-SWAP'],
      ['okx:ETH-USDT-PERP', 'ETH-USDT-SWAP'],
      ['okx:BTC-USD-20250328', 'BTC-USD-250328'],
      ['okx:BTC-USDT-20250328', 'BTC-USDT-250328'],
    ]);
    expect(registry.requireById('okx:BTC-USDT').priceDecimals).toBe(1);
    expect(registry.requireById('okx:BTC-USDT').sizeDecimals).toBe(8);
  });

  it('MARGIN and OPTION entries and asset codes that cannot form a canonical symbol are left out', () => {
    const body = JSON.stringify({
      code: '0',
      msg: '',
      data: [
        { ...spot.data[0], instType: 'MARGIN' },
        { ...spot.data[0], instType: 'OPTION' },
        { ...spot.data[0], instId: 'btc-usdt', baseCcy: 'btc' },
        { ...derivatives.data[0], instFamily: 'BTC-USDT', settleCcy: 'usdt' },
      ],
    });
    expect(parseOkxInstruments(body)).toEqual([]);
  });

  it.each([
    ['a non-zero code', JSON.stringify({ code: '50011', msg: 'Rate limit reached', data: [] }), 'code 50011: Rate limit reached'],
    ['not JSON', '<html>', 'not JSON'],
    ['no data array', JSON.stringify({ code: '0', msg: '' }), 'no data array'],
    ['a live entry without tickSz', JSON.stringify({ code: '0', msg: '', data: [{ ...spot.data[0], tickSz: '' }] }), 'without tickSz'],
    ['a live swap without ctVal', JSON.stringify({ code: '0', msg: '', data: [{ ...derivatives.data[0], ctVal: '' }] }), 'without ctVal'],
    ['a live swap with a family that is not BASE-QUOTE', JSON.stringify({ code: '0', msg: '', data: [{ ...derivatives.data[0], instFamily: 'BTC', uly: '' }] }), 'not BASE-QUOTE'],
    ['a future with an expTime that is not epoch ms', JSON.stringify({ code: '0', msg: '', data: [{ ...derivatives.data[4], expTime: '2025-03-28' }] }), 'not epoch milliseconds'],
  ])('%s throws ZVT_ERR_OKX_INSTRUMENTS_RESPONSE', (_name, body, message) => {
    expect(() => parseOkxInstruments(body)).toThrow(expect.objectContaining({ code: 'ZVT_ERR_OKX_INSTRUMENTS_RESPONSE', message: expect.stringContaining(message) as unknown }));
  });

  it('requests: one path per instType, each kind once', () => {
    expect(okxInstrumentRequests(['spot', 'perpetual', 'future', 'spot'])).toEqual([
      '/api/v5/public/instruments?instType=SPOT',
      '/api/v5/public/instruments?instType=SWAP',
      '/api/v5/public/instruments?instType=FUTURES',
    ]);
    expect(okxInstrumentRequests([])).toEqual([]);
  });
});
