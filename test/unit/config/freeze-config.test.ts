// Deep freeze of the resolved Config, and its trip through a real worker thread's workerData.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../../../src/config/config-defaults.js';
import type { Config } from '../../../src/config/config-schema.js';
import { ZVT_ERR_CONFIG_INVALID } from '../../../src/config/errors.js';
import { freezeConfig, reviveConfig } from '../../../src/config/freeze-config.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { isZvtError } from '../../../src/model/errors.js';

function fullConfig(): Config {
  return loadConfig({
    env: { ZVT_LOG_LEVEL: 'debug' },
    flags: { hotpath: 'ts' },
    file: undefined,
  });
}

describe('deep freeze', () => {
  it('freezes every level of a loaded config: mutation throws in strict mode', () => {
    const config = loadConfig({ env: {} });
    // Test modules are ES modules, hence strict: assigning to a frozen property throws instead of being ignored.
    expect(() => {
      (config as { hotpath: string }).hotpath = 'native';
    }).toThrow(TypeError);
    expect(() => {
      (config.runtime.mailbox as { capacityBytes: number }).capacityBytes = 4096;
    }).toThrow(TypeError);
    expect(() => {
      (config.runtime.placement as Record<string, string>)['venue:okx'] = 'other';
    }).toThrow(TypeError);
    expect(() => {
      delete (config.log as { level?: string }).level;
    }).toThrow(TypeError);
    expect(config.hotpath).toBe('auto');
    expect(config.runtime.mailbox.capacityBytes).toBe(1_048_576);
  });

  it('freezes venue entries created from the file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'zvt-config-'));
    try {
      const file = join(directory, 'zvt.json');
      writeFileSync(file, JSON.stringify({ venues: { binance: { restUrl: 'https://api.binance.com' } } }));
      const config = loadConfig({ file, env: {} });
      expect(Object.isFrozen(config.venues)).toBe(true);
      expect(Object.isFrozen(config.venues.binance)).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('the defaults constant itself is deep-frozen', () => {
    expect(() => {
      (CONFIG_DEFAULTS.runtime.supervisor as { maxRestarts: number }).maxRestarts = 0;
    }).toThrow(TypeError);
    expect(loadConfig({ env: {} }).runtime.supervisor.maxRestarts).toBe(5);
  });

  it('freezeConfig freezes nested data even below an already (shallowly) frozen object', () => {
    const data: Config = structuredClone(fullConfig());
    Object.freeze(data);
    expect(Object.isFrozen(data.runtime)).toBe(false);
    const frozen = freezeConfig(data);
    expect(frozen).toBe(data);
    expect(Object.isFrozen(frozen.runtime.supervisor)).toBe(true);
  });
});

describe('reviveConfig', () => {
  it('returns an equal, deep-frozen config from a structured clone', () => {
    const config = fullConfig();
    const clone: unknown = structuredClone(config);
    expect(Object.isFrozen(clone)).toBe(false);
    const revived = reviveConfig(clone);
    expect(revived).toEqual(config);
    expect(Object.isFrozen(revived.runtime.mailbox)).toBe(true);
  });

  it('rejects data that is not a valid config with ZVT_ERR_CONFIG_INVALID', () => {
    const broken = structuredClone(fullConfig()) as unknown as { runtime: { mailbox: { capacityBytes: number } } };
    broken.runtime.mailbox.capacityBytes = 1000;
    let caught: unknown;
    try {
      reviveConfig(broken);
    } catch (error: unknown) {
      caught = error;
    }
    expect(isZvtError(caught, ZVT_ERR_CONFIG_INVALID)).toBe(true);
    expect((caught as Error).message).toContain(
      'runtime.mailbox.capacityBytes: must be a power of two between 4096 and 1073741824 (got 1000) [workerData]',
    );
  });
});

describe('structured clone through a real worker thread', () => {
  let directory: string;
  let workerFile: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'zvt-config-worker-'));
    workerFile = join(directory, 'config-worker.mjs');
    // The worker is plain JS; tsx's tsImport lets it load the real TypeScript reviveConfig (no copy, no mock).
    writeFileSync(
      workerFile,
      `
import { parentPort, workerData } from 'node:worker_threads';
const { tsImport } = await import(workerData.tsxApiUrl);
const { reviveConfig } = await tsImport(workerData.freezeConfigUrl, import.meta.url);
const received = workerData.config;
const config = reviveConfig(received);
let mutationError = null;
try {
  config.runtime.mailbox.spinIterations = 1;
} catch (error) {
  mutationError = error.constructor.name;
}
parentPort.postMessage({
  receivedWasFrozen: Object.isFrozen(received),
  revivedFrozen: [config, config.log, config.runtime, config.runtime.mailbox, config.runtime.placement,
    config.runtime.supervisor, config.venues].every((part) => Object.isFrozen(part)),
  mutationError,
  config,
});
`,
    );
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('arrives equal, is re-frozen by reviveConfig in the worker, and comes back equal', async () => {
    const config = fullConfig();
    const worker = new Worker(workerFile, {
      workerData: {
        config,
        tsxApiUrl: import.meta.resolve('tsx/esm/api'),
        freezeConfigUrl: new URL('../../../src/config/freeze-config.ts', import.meta.url).href,
      },
    });
    try {
      const reply = await new Promise<{
        receivedWasFrozen: boolean;
        revivedFrozen: boolean;
        mutationError: string | null;
        config: unknown;
      }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(reply.receivedWasFrozen).toBe(false);
      expect(reply.revivedFrozen).toBe(true);
      expect(reply.mutationError).toBe('TypeError');
      expect(reply.config).toEqual(config);
      expect(reviveConfig(reply.config)).toEqual(config);
    } finally {
      await worker.terminate();
    }
  });
});
