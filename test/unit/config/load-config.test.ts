// loadConfig: defaults, precedence (defaults < file < environment < flags), ZVT_CONFIG, derived store.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../../../src/config/config-defaults.js';
import { loadConfig } from '../../../src/config/load-config.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-config-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writeConfigFile(data: unknown, name = 'zvt.json'): string {
  const file = join(directory, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('loadConfig defaults', () => {
  it('resolves to exactly the documented defaults when nothing is set', () => {
    expect(loadConfig({ env: {} })).toEqual({
      dataDir: './data',
      log: { level: 'info' },
      hotpath: 'auto',
      store: 'duckdb:./data/zvt.duckdb',
      runtime: {
        mailbox: { capacityBytes: 1_048_576, spinIterations: 20_000, parkTimeoutMs: 100 },
        placement: {},
        defaultWorker: 'main-worker',
        supervisor: { maxRestarts: 5, windowMs: 60_000, backoffInitialMs: 100, backoffMaxMs: 5_000 },
      },
      venues: {},
    });
  });

  it('returns a new object, not the defaults constant', () => {
    const config = loadConfig({ env: {} });
    expect(config).not.toBe(CONFIG_DEFAULTS);
    expect(config.runtime).not.toBe(CONFIG_DEFAULTS.runtime);
  });

  it('keeps defaults for keys a file leaves out of a section it does set', () => {
    const file = writeConfigFile({ runtime: { mailbox: { spinIterations: 0 } } });
    const config = loadConfig({ file, env: {} });
    expect(config.runtime.mailbox).toEqual({ capacityBytes: 1_048_576, spinIterations: 0, parkTimeoutMs: 100 });
    expect(config.runtime.supervisor.maxRestarts).toBe(5);
  });

  it('fills venue entries with enabled: true unless they say otherwise', () => {
    const file = writeConfigFile({ venues: { binance: {}, okx: { enabled: false, wsUrl: 'wss://ws.okx.com:8443/ws/v5/public' } } });
    expect(loadConfig({ file, env: {} }).venues).toEqual({
      binance: { enabled: true },
      okx: { enabled: false, wsUrl: 'wss://ws.okx.com:8443/ws/v5/public' },
    });
  });
});

describe('loadConfig precedence: defaults < file < environment < flags', () => {
  const file = (): string =>
    writeConfigFile({
      dataDir: '/from/file',
      log: { level: 'warn' },
      hotpath: 'ts',
      store: 'duckdb:/from/file.duckdb',
      runtime: { mailbox: { capacityBytes: 65_536 }, defaultWorker: 'file-worker' },
    });

  it('file overrides defaults', () => {
    const config = loadConfig({ file: file(), env: {} });
    expect(config.dataDir).toBe('/from/file');
    expect(config.log.level).toBe('warn');
    expect(config.hotpath).toBe('ts');
    expect(config.store).toBe('duckdb:/from/file.duckdb');
    expect(config.runtime.mailbox.capacityBytes).toBe(65_536);
    expect(config.runtime.defaultWorker).toBe('file-worker');
  });

  it('environment overrides the file', () => {
    const config = loadConfig({
      file: file(),
      env: {
        ZVT_DATA_DIR: '/from/env',
        ZVT_LOG_LEVEL: 'debug',
        ZVT_HOTPATH: 'native',
        ZVT_STORE: 'questdb:http::addr=localhost:9000;',
        ZVT_MAILBOX_CAPACITY_BYTES: '8192',
        ZVT_DEFAULT_WORKER: 'env-worker',
      },
    });
    expect(config.dataDir).toBe('/from/env');
    expect(config.log.level).toBe('debug');
    expect(config.hotpath).toBe('native');
    expect(config.store).toBe('questdb:http::addr=localhost:9000;');
    expect(config.runtime.mailbox.capacityBytes).toBe(8192);
    expect(config.runtime.defaultWorker).toBe('env-worker');
  });

  it('flags override the environment', () => {
    const config = loadConfig({
      file: file(),
      env: { ZVT_DATA_DIR: '/from/env', ZVT_LOG_LEVEL: 'debug', ZVT_HOTPATH: 'native', ZVT_STORE: 'duckdb:/from/env.duckdb' },
      flags: { dataDir: '/from/flag', logLevel: 'trace', hotpath: 'auto', store: 'duckdb:/from/flag.duckdb' },
    });
    expect(config.dataDir).toBe('/from/flag');
    expect(config.log.level).toBe('trace');
    expect(config.hotpath).toBe('auto');
    expect(config.store).toBe('duckdb:/from/flag.duckdb');
  });

  it('layers apply key by key: an unset flag or variable leaves the lower layer in place', () => {
    const config = loadConfig({ file: file(), env: { ZVT_LOG_LEVEL: 'error' }, flags: { hotpath: 'native', store: undefined } });
    expect(config.dataDir).toBe('/from/file');
    expect(config.log.level).toBe('error');
    expect(config.hotpath).toBe('native');
    expect(config.store).toBe('duckdb:/from/file.duckdb');
  });

  it('treats an empty environment variable as unset', () => {
    const config = loadConfig({ file: file(), env: { ZVT_LOG_LEVEL: '', ZVT_MAILBOX_CAPACITY_BYTES: '' } });
    expect(config.log.level).toBe('warn');
    expect(config.runtime.mailbox.capacityBytes).toBe(65_536);
  });

  it('parses every integer environment variable into its key', () => {
    const config = loadConfig({
      env: {
        ZVT_MAILBOX_CAPACITY_BYTES: '4096',
        ZVT_MAILBOX_SPIN_ITERATIONS: '0',
        ZVT_MAILBOX_PARK_TIMEOUT_MS: '250',
        ZVT_SUPERVISOR_MAX_RESTARTS: '3',
        ZVT_SUPERVISOR_WINDOW_MS: '30000',
        ZVT_SUPERVISOR_BACKOFF_INITIAL_MS: '50',
        ZVT_SUPERVISOR_BACKOFF_MAX_MS: ' 1000 ',
      },
    });
    expect(config.runtime.mailbox).toEqual({ capacityBytes: 4096, spinIterations: 0, parkTimeoutMs: 250 });
    expect(config.runtime.supervisor).toEqual({ maxRestarts: 3, windowMs: 30_000, backoffInitialMs: 50, backoffMaxMs: 1000 });
  });

  it('reads the file named by ZVT_CONFIG, and --config wins over it', () => {
    const fromEnv = writeConfigFile({ hotpath: 'ts' }, 'env.json');
    const fromFlag = writeConfigFile({ hotpath: 'native' }, 'flag.json');
    expect(loadConfig({ env: { ZVT_CONFIG: fromEnv } }).hotpath).toBe('ts');
    expect(loadConfig({ file: fromFlag, env: { ZVT_CONFIG: fromEnv } }).hotpath).toBe('native');
  });

  it('merges placement records key by key across layers', () => {
    const file = writeConfigFile({ runtime: { placement: { 'venue:binance': 'venues', recorder: 'io' } } });
    expect(loadConfig({ file, env: {} }).runtime.placement).toEqual({ 'venue:binance': 'venues', recorder: 'io' });
  });
});

describe('loadConfig derived store', () => {
  it('puts the default DuckDB file inside dataDir when no layer sets store', () => {
    expect(loadConfig({ env: { ZVT_DATA_DIR: '/var/lib/zvt/' } }).store).toBe('duckdb:/var/lib/zvt/zvt.duckdb');
    expect(loadConfig({ env: {}, flags: { dataDir: 'relative/dir' } }).store).toBe('duckdb:relative/dir/zvt.duckdb');
  });

  it('leaves an explicit store alone whatever dataDir is', () => {
    const config = loadConfig({ env: { ZVT_DATA_DIR: '/var/lib/zvt', ZVT_STORE: 'duckdb:/elsewhere/db.duckdb' } });
    expect(config.store).toBe('duckdb:/elsewhere/db.duckdb');
  });
});
