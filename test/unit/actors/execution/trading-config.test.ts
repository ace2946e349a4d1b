// venues.<venue>.trading: the schema's rules through loadConfig, and reading the credentials from the environment variables it names.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZVT_ERR_EXECUTION_CREDENTIALS } from '../../../../src/actors/execution/errors.js';
import { readTradingCredentials } from '../../../../src/actors/execution/trading-credentials.js';
import { ZVT_ERR_CONFIG_INVALID } from '../../../../src/config/errors.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import { TRADING_RULES } from '../../../../src/config/trading-schema.js';
import { ZvtError } from '../../../../src/model/errors.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-trading-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function load(venues: unknown): ReturnType<typeof loadConfig> {
  const file = join(directory, 'zvt.json');
  writeFileSync(file, JSON.stringify({ venues }));
  return loadConfig({ file, env: {} });
}

function problemsOf(venues: unknown): { path: string; rule: string }[] {
  try {
    load(venues);
  } catch (error) {
    if (!(error instanceof ZvtError) || error.code !== ZVT_ERR_CONFIG_INVALID) throw error;
    return (error.details as { problems: { path: string; rule: string }[] }).problems.map(({ path, rule }) => ({ path, rule }));
  }
  throw new Error('the configuration loaded');
}

describe('venues.<venue>.trading', () => {
  it('is optional; given, it names environment variables and symbols, pollIntervalMs defaults to 1000', () => {
    expect(load({ binance: {} }).venues.binance?.trading).toBeUndefined();
    const config = load({ okx: { trading: { apiKeyEnv: 'OKX_KEY', secretEnv: 'OKX_SECRET', passwordEnv: 'OKX_PASS', symbols: ['BTC-USDT'] } } });
    expect(config.venues.okx?.trading).toEqual({ apiKeyEnv: 'OKX_KEY', secretEnv: 'OKX_SECRET', passwordEnv: 'OKX_PASS', symbols: ['BTC-USDT'], pollIntervalMs: 1000 });
  });

  it('refuses bad names, symbols, intervals and unknown keys (a secret pasted in the file is an unknown key)', () => {
    const problems = problemsOf({
      binance: { trading: { apiKeyEnv: '1KEY', secretEnv: 'BIN SECRET', symbols: ['btc/usdt', 'BTC-USDT'], pollIntervalMs: 5 } },
      okx: { trading: { apiKeyEnv: 'K', secretEnv: 'S', symbols: [], secret: 'abc' } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'venues.binance.trading.apiKeyEnv', rule: TRADING_RULES.envName },
        { path: 'venues.binance.trading.secretEnv', rule: TRADING_RULES.envName },
        { path: 'venues.binance.trading.symbols[0]', rule: TRADING_RULES.symbols },
        { path: 'venues.binance.trading.pollIntervalMs', rule: TRADING_RULES.pollIntervalMs },
        { path: 'venues.okx.trading.symbols', rule: TRADING_RULES.symbols },
      ]),
    );
    expect(problems.some((problem) => problem.path === 'venues.okx.trading.secret')).toBe(true);
  });
});

describe('readTradingCredentials', () => {
  const trading = { apiKeyEnv: 'ZK', secretEnv: 'ZS', passwordEnv: 'ZP', symbols: ['BTC-USDT'], pollIntervalMs: 1000 };

  it('reads the named variables', () => {
    expect(readTradingCredentials('okx', trading, { ZK: 'key', ZS: 'secret', ZP: 'pass' })).toEqual({ apiKey: 'key', secret: 'secret', password: 'pass' });
  });

  it('names every unset or empty variable, never a value', () => {
    let caught: unknown;
    try {
      readTradingCredentials('okx', trading, { ZK: 'key', ZS: '' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZvtError);
    expect((caught as ZvtError).code).toBe(ZVT_ERR_EXECUTION_CREDENTIALS);
    expect((caught as ZvtError).message).toBe('venues.okx.trading: secretEnv names ZS, which is unset or empty; passwordEnv names ZP, which is unset or empty');
  });

  it('OKX needs a passphrase variable', () => {
    expect(() => readTradingCredentials('okx', { apiKeyEnv: 'ZK', secretEnv: 'ZS', symbols: ['BTC-USDT'], pollIntervalMs: 1000 }, { ZK: 'k', ZS: 's' })).toThrow('passwordEnv is required');
  });
});
