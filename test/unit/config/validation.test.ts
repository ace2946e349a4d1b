// Every configuration rule with its exact message, unknown keys, sources, and unreadable files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigEnvironment } from '../../../src/config/environment-bindings.js';
import { ZVT_ERR_CONFIG_FILE, ZVT_ERR_CONFIG_INVALID } from '../../../src/config/errors.js';
import { loadConfig, type LoadConfigOptions } from '../../../src/config/load-config.js';
import { ZvtError } from '../../../src/model/errors.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-config-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writeText(text: string, name = 'zvt.json'): string {
  const file = join(directory, name);
  writeFileSync(file, text);
  return file;
}

function thrownBy(options: LoadConfigOptions): ZvtError {
  try {
    loadConfig(options);
  } catch (error: unknown) {
    if (error instanceof ZvtError) return error;
    throw error;
  }
  throw new Error('loadConfig did not throw');
}

interface Problem {
  path: string;
  rule: string;
  message: string;
  source?: string;
}

/** The problems reported for a config file holding `data` (and optionally environment/flags). */
function problemsFor(data: unknown, env: ConfigEnvironment = {}): Problem[] {
  const error = thrownBy({ file: writeText(JSON.stringify(data)), env });
  expect(error.code).toBe(ZVT_ERR_CONFIG_INVALID);
  return error.details?.problems as Problem[];
}

/** The single problem message for a config file holding `data`. */
function messageFor(data: unknown): string {
  const problems = problemsFor(data);
  expect(problems).toHaveLength(1);
  return problems[0]!.message;
}

function accepts(data: unknown): void {
  expect(() => loadConfig({ file: writeText(JSON.stringify(data)), env: {} })).not.toThrow();
}

describe('configuration rules, one exact message each', () => {
  it('dataDir', () => {
    expect(messageFor({ dataDir: '' })).toBe('dataDir: must be a non-empty string (got "")');
    expect(messageFor({ dataDir: 5 })).toBe('dataDir: must be a non-empty string (got 5)');
  });

  it('log.level', () => {
    expect(messageFor({ log: { level: 'verbose' } })).toBe(
      'log.level: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) accepts({ log: { level } });
  });

  it('hotpath', () => {
    expect(messageFor({ hotpath: 'fast' })).toBe('hotpath: must be one of auto, native, ts (got "fast")');
    expect(messageFor({ hotpath: null })).toBe('hotpath: must be one of auto, native, ts (got null)');
  });

  it('store', () => {
    const rule =
      'store: must be "duckdb:<path>" or "questdb:<client config string>" with protocol http, https, tcp or tcps ' +
      '(e.g. "questdb:http::addr=localhost:9000;")';
    expect(messageFor({ store: 'sqlite:zvt.db' })).toBe(`${rule} (got "sqlite:zvt.db")`);
    expect(messageFor({ store: 'duckdb:' })).toBe(`${rule} (got "duckdb:")`);
    expect(messageFor({ store: 'questdb:localhost:9000' })).toBe(`${rule} (got "questdb:localhost:9000")`);
    accepts({ store: 'duckdb:/var/lib/zvt/zvt.duckdb' });
    accepts({ store: 'questdb:http::addr=localhost:9000;' });
    accepts({ store: 'questdb:tcps::addr=questdb.internal:9009;username=zvt;' });
  });

  it('runtime.mailbox.capacityBytes', () => {
    const rule = 'runtime.mailbox.capacityBytes: must be a power of two between 4096 and 1073741824';
    expect(messageFor({ runtime: { mailbox: { capacityBytes: 5000 } } })).toBe(`${rule} (got 5000)`);
    expect(messageFor({ runtime: { mailbox: { capacityBytes: 2048 } } })).toBe(`${rule} (got 2048)`);
    expect(messageFor({ runtime: { mailbox: { capacityBytes: 2_147_483_648 } } })).toBe(`${rule} (got 2147483648)`);
    expect(messageFor({ runtime: { mailbox: { capacityBytes: 4096.5 } } })).toBe(`${rule} (got 4096.5)`);
    expect(messageFor({ runtime: { mailbox: { capacityBytes: '1MiB' } } })).toBe(`${rule} (got "1MiB")`);
    accepts({ runtime: { mailbox: { capacityBytes: 4096 } } });
    accepts({ runtime: { mailbox: { capacityBytes: 1_073_741_824 } } });
  });

  it('runtime.mailbox.spinIterations', () => {
    expect(messageFor({ runtime: { mailbox: { spinIterations: -1 } } })).toBe(
      'runtime.mailbox.spinIterations: must be an integer >= 0 (got -1)',
    );
    expect(messageFor({ runtime: { mailbox: { spinIterations: 1.5 } } })).toBe(
      'runtime.mailbox.spinIterations: must be an integer >= 0 (got 1.5)',
    );
    accepts({ runtime: { mailbox: { spinIterations: 0 } } });
  });

  it('runtime.mailbox.parkTimeoutMs', () => {
    const rule = 'runtime.mailbox.parkTimeoutMs: must be an integer between 1 and 60000';
    expect(messageFor({ runtime: { mailbox: { parkTimeoutMs: 0 } } })).toBe(`${rule} (got 0)`);
    expect(messageFor({ runtime: { mailbox: { parkTimeoutMs: 60_001 } } })).toBe(`${rule} (got 60001)`);
    accepts({ runtime: { mailbox: { parkTimeoutMs: 1 } } });
    accepts({ runtime: { mailbox: { parkTimeoutMs: 60_000 } } });
  });

  it('runtime.placement keys are actor ids and values worker names', () => {
    expect(messageFor({ runtime: { placement: { 'Venue Binance': 'venues' } } })).toBe(
      'runtime.placement["Venue Binance"]: must be an actor id such as "recorder", "venue:binance" or "instrument:BTC-USDT" (got "Venue Binance")',
    );
    expect(messageFor({ runtime: { placement: { 'venue:binance': 'Main_Worker' } } })).toBe(
      'runtime.placement["venue:binance"]: must be a worker name: lowercase letters, digits and dashes, starting with a letter (e.g. "main-worker") (got "Main_Worker")',
    );
    accepts({
      runtime: {
        placement: {
          recorder: 'io',
          'venue:binance-futures': 'venues-1',
          'instrument:BTC-USDT': 'books',
          'instrument:bybit:BTC-USDT-PERP': 'books',
        },
      },
    });
  });

  it('runtime.defaultWorker', () => {
    expect(messageFor({ runtime: { defaultWorker: '1st' } })).toBe(
      'runtime.defaultWorker: must be a worker name: lowercase letters, digits and dashes, starting with a letter (e.g. "main-worker") (got "1st")',
    );
  });

  it('runtime.supervisor', () => {
    expect(messageFor({ runtime: { supervisor: { maxRestarts: -1 } } })).toBe(
      'runtime.supervisor.maxRestarts: must be an integer >= 0 (got -1)',
    );
    expect(messageFor({ runtime: { supervisor: { windowMs: 0 } } })).toBe('runtime.supervisor.windowMs: must be an integer >= 1 (got 0)');
    expect(messageFor({ runtime: { supervisor: { backoffInitialMs: -5 } } })).toBe(
      'runtime.supervisor.backoffInitialMs: must be an integer >= 0 (got -5)',
    );
    expect(messageFor({ runtime: { supervisor: { backoffMaxMs: 1.5 } } })).toBe(
      'runtime.supervisor.backoffMaxMs: must be an integer >= 0 (got 1.5)',
    );
    expect(messageFor({ runtime: { supervisor: { backoffInitialMs: 200, backoffMaxMs: 100 } } })).toBe(
      'runtime.supervisor.backoffMaxMs: must be >= runtime.supervisor.backoffInitialMs (200) (got 100)',
    );
    accepts({ runtime: { supervisor: { backoffInitialMs: 100, backoffMaxMs: 100 } } });
  });

  it('venues', () => {
    expect(messageFor({ venues: { bybit: { enabled: 'yes' } } })).toBe('venues.bybit.enabled: must be true or false (got "yes")');
    expect(messageFor({ venues: { okx: { restUrl: 'ftp://www.okx.com' } } })).toBe(
      'venues.okx.restUrl: must be an http:// or https:// URL (got "ftp://www.okx.com")',
    );
    expect(messageFor({ venues: { okx: { restUrl: 'www.okx.com' } } })).toBe(
      'venues.okx.restUrl: must be an http:// or https:// URL (got "www.okx.com")',
    );
    expect(messageFor({ venues: { coinbase: { wsUrl: 'https://advanced-trade-ws.coinbase.com' } } })).toBe(
      'venues.coinbase.wsUrl: must be a ws:// or wss:// URL (got "https://advanced-trade-ws.coinbase.com")',
    );
    expect(messageFor({ venues: { binanse: {} } })).toBe('venues.binanse: unknown key (did you mean "binance"?)');
    accepts({ venues: { sim: { restUrl: 'http://127.0.0.1:8080', wsUrl: 'ws://127.0.0.1:8080/ws' } } });
  });

  it('sections must be objects', () => {
    expect(messageFor({ runtime: 5 })).toBe('runtime: must be an object (got 5)');
    expect(messageFor({ venues: [] })).toBe('venues: must be an object (got [])');
  });
});

describe('unknown keys', () => {
  it('are rejected at every level, with a suggestion when one is close', () => {
    expect(problemsFor({ runtime: { mailbox: { capcityBytes: 4096 } } }).map((problem) => problem.message)).toEqual([
      'runtime.mailbox.capcityBytes: unknown key (did you mean "capacityBytes"?)',
    ]);
    expect(messageFor({ hotPath: 'ts' })).toBe('hotPath: unknown key (did you mean "hotpath"?)');
    expect(messageFor({ metrics: { port: 9090 } })).toBe('metrics: unknown key');
    expect(messageFor({ venues: { okx: { apiKey: 'k' } } })).toBe('venues.okx.apiKey: unknown key');
  });

  it('a "__proto__" key is an unknown key, not a prototype', () => {
    const error = thrownBy({ file: writeText('{"__proto__": {"polluted": true}, "runtime": {"__proto__": {"x": 1}}}'), env: {} });
    expect((error.details?.problems as Problem[]).map((problem) => problem.message)).toEqual([
      'runtime.__proto__: unknown key',
      '__proto__: unknown key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('problems are collected and name their source', () => {
  it('reports every problem at once, in one ZvtError with a line per problem', () => {
    const file = writeText(JSON.stringify({ hotpath: 'fast', runtime: { mailbox: { capacityBytes: 5000 } }, typo: 1 }));
    const error = thrownBy({
      file,
      env: { ZVT_LOG_LEVEL: 'verbose', ZVT_MAILBOX_SPIN_ITERATIONS: 'lots' },
      flags: { store: 'sqlite:x' },
    });
    expect(error.code).toBe(ZVT_ERR_CONFIG_INVALID);
    const problems = error.details?.problems as Problem[];
    expect(problems.map((problem) => [problem.path, problem.source])).toEqual([
      ['log.level', 'environment variable ZVT_LOG_LEVEL'],
      ['hotpath', `config file ${file}`],
      ['store', 'flag --store'],
      ['runtime.mailbox.capacityBytes', `config file ${file}`],
      ['runtime.mailbox.spinIterations', 'environment variable ZVT_MAILBOX_SPIN_ITERATIONS'],
      ['typo', `config file ${file}`],
    ]);
    expect(error.message.split('\n')).toEqual([
      'invalid configuration, 6 problems:',
      '  log.level: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose") [environment variable ZVT_LOG_LEVEL]',
      `  hotpath: must be one of auto, native, ts (got "fast") [config file ${file}]`,
      '  store: must be "duckdb:<path>" or "questdb:<client config string>" with protocol http, https, tcp or tcps ' +
        '(e.g. "questdb:http::addr=localhost:9000;") (got "sqlite:x") [flag --store]',
      `  runtime.mailbox.capacityBytes: must be a power of two between 4096 and 1073741824 (got 5000) [config file ${file}]`,
      '  runtime.mailbox.spinIterations: must be an integer >= 0 (got "lots") [environment variable ZVT_MAILBOX_SPIN_ITERATIONS]',
      `  typo: unknown key [config file ${file}]`,
    ]);
  });

  it('says "1 problem" for one, and omits the source for values that are defaults', () => {
    const error = thrownBy({ env: { ZVT_SUPERVISOR_BACKOFF_INITIAL_MS: '10000' } });
    expect(error.message).toBe(
      'invalid configuration, 1 problem:\n  runtime.supervisor.backoffMaxMs: must be >= runtime.supervisor.backoffInitialMs (10000) (got 5000)',
    );
  });
});

describe('configuration file errors are ZVT_ERR_CONFIG_FILE', () => {
  it('missing file', () => {
    const file = join(directory, 'absent.json');
    const error = thrownBy({ file, env: {} });
    expect(error.code).toBe(ZVT_ERR_CONFIG_FILE);
    expect(error.message).toBe(`cannot read config file ${file}: no such file (ENOENT)`);
    expect(error.details).toEqual({ file, cause: 'ENOENT' });
  });

  it('missing file named by ZVT_CONFIG', () => {
    const file = join(directory, 'absent.json');
    expect(thrownBy({ env: { ZVT_CONFIG: file } }).code).toBe(ZVT_ERR_CONFIG_FILE);
  });

  it('a directory', () => {
    const error = thrownBy({ file: directory, env: {} });
    expect(error.code).toBe(ZVT_ERR_CONFIG_FILE);
    expect(error.message).toBe(`cannot read config file ${directory}: is a directory (EISDIR)`);
  });

  it('malformed JSON', () => {
    const file = writeText('{ "hotpath": "ts", }');
    const error = thrownBy({ file, env: {} });
    expect(error.code).toBe(ZVT_ERR_CONFIG_FILE);
    expect(error.message).toMatch(new RegExp(`^config file ${file} is not valid JSON: `));
  });

  it('JSON that is not an object', () => {
    for (const [text, got] of [
      ['[]', 'an array'],
      ['null', 'null'],
      ['"hotpath"', 'string'],
    ] as const) {
      const file = writeText(text);
      const error = thrownBy({ file, env: {} });
      expect(error.code).toBe(ZVT_ERR_CONFIG_FILE);
      expect(error.message).toBe(`config file ${file} must hold a JSON object (got ${got})`);
    }
  });
});
