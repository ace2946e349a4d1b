// The USDⓈ-M futures dialect: requests, connection plans on the futures stream host, heartbeat, lifetime and resync plan.
import { describe, expect, it } from 'vitest';
import { binanceFuturesDialect } from '../../../../src/actors/venues/binance-futures/dialect.js';
import { BINANCE_FUTURES_URLS } from '../../../../src/actors/venues/binance-futures/urls.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { exchangeInfoBody, futuresFixture } from './futures-fixture.js';

describe('binance-futures dialect', () => {
  it('asks for /fapi/v1/exchangeInfo when perpetuals or futures are wanted', () => {
    expect(binanceFuturesDialect.venue).toBe('binance-futures');
    expect(binanceFuturesDialect.instrumentRequests(['perpetual'])).toEqual(['/fapi/v1/exchangeInfo']);
    expect(binanceFuturesDialect.instrumentRequests(['future'])).toEqual(['/fapi/v1/exchangeInfo']);
    expect(binanceFuturesDialect.instrumentRequests(['spot'])).toEqual([]);
    expect(BINANCE_FUTURES_URLS.webSocketBaseUrl).toBe('wss://fstream.binance.com');
  });

  it('plans only its own venue, three streams per instrument, in the URL', () => {
    const fixture = futuresFixture();
    const spot = new InstrumentRegistry([{ venue: 'binance', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTCUSDT', tickSize: '0.01', lotSize: '0.00001' }]).all();
    const plans = binanceFuturesDialect.planConnections([...fixture.registry.all(), ...spot.map((instrument) => ({ ...instrument, numericId: 99 }))]);
    expect(plans).toEqual([
      {
        name: 'binance-futures:0',
        path: '/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@aggTrade/ethusdt@depth@100ms/ethusdt@bookTicker/ethusdt@aggTrade/bnbusdt@depth@100ms/bnbusdt@bookTicker/bnbusdt@aggTrade',
        instrumentIds: [fixture.btc.numericId, fixture.eth.numericId, fixture.bnb.numericId],
        subscribeFrames: [],
      },
    ]);
  });

  it('resyncs from /fapi/v1/depth with 1000 levels; server pings, 24 h rotation', () => {
    const registry = new InstrumentRegistry(binanceFuturesDialect.parseInstruments('/fapi/v1/exchangeInfo', exchangeInfoBody()));
    expect(binanceFuturesDialect.resyncPlan(registry.requireByNative('binance-futures', 'ETHUSDT_250926', 'future'))).toEqual({ kind: 'rest-snapshot', path: '/fapi/v1/depth?symbol=ETHUSDT_250926&limit=1000' });
    expect(binanceFuturesDialect.heartbeat).toEqual({ kind: 'none' });
    expect(binanceFuturesDialect.maxConnectionLifetimeMs).toBeLessThan(24 * 60 * 60 * 1000);
    expect(typeof binanceFuturesDialect.parseRestSnapshot).toBe('function');
  });
});
