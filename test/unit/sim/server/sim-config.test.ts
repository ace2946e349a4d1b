// resolveSimulatorOptions: defaults, venues with and without dialects, ports, and the exact message of each invalid option.
import { describe, expect, it } from 'vitest';
import { isZvtError } from '../../../../src/model/errors.js';
import { ZVT_ERR_SIM_CONFIG } from '../../../../src/sim/errors.js';
import { resolveSimulatorOptions, simVenuePort } from '../../../../src/sim/sim-config.js';

const ALL = ['binance', 'okx', 'bybit', 'coinbase'] as const;

describe('resolveSimulatorOptions', () => {
  it('defaults: seed 1, loopback, free ports, every venue that has a dialect', () => {
    expect(resolveSimulatorOptions({}, ALL)).toEqual({
      seed: 1,
      venues: ['binance', 'okx', 'bybit', 'coinbase'],
      host: '127.0.0.1',
      portBase: 0,
      tickIntervalMs: undefined,
      originMs: undefined,
      fees: {},
      accounts: {},
      rateLimits: {},
      faults: {},
      warnings: [],
    });
    expect(resolveSimulatorOptions(undefined, ['okx']).venues).toEqual(['okx']);
  });

  it('skips venues without a dialect with a warning when none were named', () => {
    const resolved = resolveSimulatorOptions({}, ['bybit', 'binance']);
    expect(resolved.venues).toEqual(['binance', 'bybit']);
    expect(resolved.warnings).toEqual(['okx: no dialect yet, not simulated', 'coinbase: no dialect yet, not simulated']);
  });

  it('keeps the venues named, in the simulator order, and the per-venue options', () => {
    const resolved = resolveSimulatorOptions(
      {
        seed: 42,
        venues: ['coinbase', 'binance'],
        portBase: 20_000,
        tickIntervalMs: 50,
        originMs: 0,
        fees: { binance: { makerBps: -1, takerBps: 7.5 } },
        accounts: { okx: [{ accountId: 'a', apiKey: 'k', secret: 's', passphrase: 'p', balances: { USDT: '10.5' } }] },
        rateLimits: { binance: { REQUEST_WEIGHT: { limit: 100 } } },
        faults: { binance: { websocket: { drop: [{ probability: 0.1 }] } } },
      },
      ALL,
    );
    expect(resolved).toMatchObject({
      seed: 42,
      venues: ['binance', 'coinbase'],
      portBase: 20_000,
      tickIntervalMs: 50,
      originMs: 0,
      fees: { binance: { makerBps: -1, takerBps: 7.5 } },
      accounts: { okx: [{ accountId: 'a', apiKey: 'k', secret: 's', passphrase: 'p', balances: { USDT: '10.5' } }] },
      rateLimits: { binance: { REQUEST_WEIGHT: { limit: 100 } } },
      faults: { binance: { websocket: { drop: [{ probability: 0.1 }] } } },
    });
  });

  it('places the venues on portBase + their index, or all on free ports', () => {
    expect(ALL.map((venue) => simVenuePort(9000, venue))).toEqual([9000, 9001, 9002, 9003]);
    expect(ALL.map((venue) => simVenuePort(0, venue))).toEqual([0, 0, 0, 0]);
  });

  it.each([
    [{ sed: 1 }, 'simulator.sed is not a known option (allowed: seed, venues, host, portBase, tickIntervalMs, originMs, fees, accounts, rateLimits, faults)'],
    [{ seed: -1 }, 'simulator.seed must be an integer in [0, 4294967295] (got -1)'],
    [{ seed: '7' }, 'simulator.seed must be an integer in [0, 4294967295] (got "7")'],
    [{ venues: [] }, 'simulator.venues must be a non-empty array of venues (got [])'],
    [{ venues: ['binance', 'kraken'] }, 'simulator.venues[1] must be one of binance, okx, bybit, coinbase (got "kraken")'],
    [{ venues: ['okx', 'okx'] }, 'simulator.venues[1] repeats okx'],
    [{ venues: ['coinbase'] }, 'simulator.venues[0] coinbase has no dialect yet (available: binance, okx, bybit)'],
    [{ portBase: 80 }, 'simulator.portBase must be 0 or an integer in [1024, 65532] (got 80)'],
    [{ portBase: 65_533 }, 'simulator.portBase must be 0 or an integer in [1024, 65532] (got 65533)'],
    [{ host: '' }, 'simulator.host must be a non-empty string (got "")'],
    [{ tickIntervalMs: 0 }, 'simulator.tickIntervalMs must be an integer in [1, 60000] (got 0)'],
    [{ originMs: 1.5 }, 'simulator.originMs must be an integer in [0, 9007199254740991] (got 1.5)'],
    [{ fees: { kraken: {} } }, 'simulator.fees.kraken is not a known option (allowed: binance, okx, bybit, coinbase)'],
    [{ fees: { okx: { makerBps: 1 } } }, 'simulator.fees.okx.takerBps must be a number of basis points in [-1000, 1000] (got undefined)'],
    [{ accounts: { okx: [] } }, 'simulator.accounts.okx must be a non-empty array of accounts (got [])'],
    [{ accounts: { okx: [{ accountId: 'a', apiKey: 'k', secret: 's', balances: { BTC: '-1' } }] } }, 'simulator.accounts.okx[0].balances.BTC must be a non-negative decimal string (got "-1")'],
    [{ rateLimits: { binance: { W: { limt: 1 } } } }, 'simulator.rateLimits.binance.W.limt is not a known option (allowed: limit, windowMs, banAfterRefusals, banMs, countRefused)'],
    [{ faults: { okx: { websocket: { drop: [{ probability: 2 }] } } } }, 'simulator.faults.okx.websocket.drop[0].probability must be a number in [0, 1] (got 2)'],
  ])('rejects %j: %s', (options, message) => {
    try {
      resolveSimulatorOptions(options, ['binance', 'okx', 'bybit']);
      expect.unreachable();
    } catch (error: unknown) {
      expect(isZvtError(error, ZVT_ERR_SIM_CONFIG)).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });

  it('fails when no venue has a dialect at all', () => {
    expect(() => resolveSimulatorOptions({}, [])).toThrow('simulator.venues is empty: no venue has a dialect yet');
  });
});
