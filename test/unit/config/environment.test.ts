// readEnvironment snapshots only ZVT_* variables; unknown ZVT_* names are found with a suggestion.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_BINDINGS, findUnknownEnvironmentVariables } from '../../../src/config/environment-bindings.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { readEnvironment } from '../../../src/config/read-environment.js';

describe('readEnvironment', () => {
  it('copies the ZVT_* variables only, frozen', () => {
    const snapshot = readEnvironment({ ZVT_LOG_LEVEL: 'debug', ZVT_CONFIG: '/etc/zvt.json', HOME: '/root', API_SECRET: 's3cret' });
    expect(snapshot).toEqual({ ZVT_LOG_LEVEL: 'debug', ZVT_CONFIG: '/etc/zvt.json' });
    expect(Object.isFrozen(snapshot)).toBe(true);
  });

  it('reads process.env by default', () => {
    process.env.ZVT_TEST_READ_ENVIRONMENT = 'yes';
    try {
      expect(readEnvironment().ZVT_TEST_READ_ENVIRONMENT).toBe('yes');
    } finally {
      delete process.env.ZVT_TEST_READ_ENVIRONMENT;
    }
  });
});

describe('findUnknownEnvironmentVariables', () => {
  it('reports ZVT_* names that bind nothing, with the closest known name', () => {
    expect(
      findUnknownEnvironmentVariables({
        ZVT_LOG_LEVL: 'debug',
        ZVT_CONFIG: '/etc/zvt.json',
        ZVT_LOG_LEVEL: 'info',
        ZVT_SOMETHING_ELSE_ENTIRELY: '1',
        PATH: '/usr/bin',
      }),
    ).toEqual([{ name: 'ZVT_LOG_LEVL', suggestion: 'ZVT_LOG_LEVEL' }, { name: 'ZVT_SOMETHING_ELSE_ENTIRELY' }]);
  });

  it('knows every bound variable', () => {
    const env = Object.fromEntries(ENVIRONMENT_BINDINGS.map((binding) => [binding.name, 'x']));
    expect(findUnknownEnvironmentVariables(env)).toEqual([]);
  });
});

describe('environment bindings', () => {
  // A valid non-default value per variable; a binding added without a row here fails the coverage check.
  const SAMPLES: Record<string, [raw: string, expected: unknown]> = {
    ZVT_DATA_DIR: ['/srv/zvt', '/srv/zvt'],
    ZVT_LOG_LEVEL: ['trace', 'trace'],
    ZVT_HOTPATH: ['ts', 'ts'],
    ZVT_STORE: ['questdb:http::addr=localhost:9000;', 'questdb:http::addr=localhost:9000;'],
    ZVT_MAILBOX_CAPACITY_BYTES: ['65536', 65_536],
    ZVT_MAILBOX_SPIN_ITERATIONS: ['0', 0],
    ZVT_MAILBOX_PARK_TIMEOUT_MS: ['7', 7],
    ZVT_DEFAULT_WORKER: ['engine', 'engine'],
    ZVT_SUPERVISOR_MAX_RESTARTS: ['9', 9],
    ZVT_SUPERVISOR_WINDOW_MS: ['1000', 1000],
    ZVT_SUPERVISOR_BACKOFF_INITIAL_MS: ['0', 0],
    ZVT_SUPERVISOR_BACKOFF_MAX_MS: ['200', 200],
  };

  it('has a sample for every binding', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(ENVIRONMENT_BINDINGS.map((binding) => binding.name).sort());
  });

  it('each variable sets exactly the key it names', () => {
    for (const binding of ENVIRONMENT_BINDINGS) {
      const [raw, expected] = SAMPLES[binding.name]!;
      let value: unknown = loadConfig({ env: { [binding.name]: raw } });
      for (const key of binding.path) value = (value as Record<string, unknown>)[key];
      expect(value, binding.name).toEqual(expected);
    }
  });

  it('a value that is not an integer is reported at the key, naming the variable', () => {
    for (const binding of ENVIRONMENT_BINDINGS.filter((candidate) => candidate.type === 'integer')) {
      expect(() => loadConfig({ env: { [binding.name]: '12abc' } })).toThrow(
        `${binding.path.join('.')}: must be`,
      );
      expect(() => loadConfig({ env: { [binding.name]: '12abc' } })).toThrow(`(got "12abc") [environment variable ${binding.name}]`);
    }
  });
});
