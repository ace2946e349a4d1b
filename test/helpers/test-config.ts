// Builds a validated, frozen engine Config for tests from the defaults plus overrides.
import { CONFIG_DEFAULTS } from '../../src/config/config-defaults.js';
import type { Config } from '../../src/config/config-schema.js';
import { reviveConfig } from '../../src/config/freeze-config.js';

type Overrides = { [key: string]: unknown };

function merge(base: unknown, override: unknown): unknown {
  if (typeof base !== 'object' || base === null || typeof override !== 'object' || override === null || Array.isArray(override)) return override;
  const out: Overrides = { ...(base as Overrides) };
  for (const [key, value] of Object.entries(override as Overrides)) out[key] = merge(out[key], value);
  return out;
}

export function testConfig(overrides: Overrides = {}): Config {
  return reviveConfig(merge(structuredClone(CONFIG_DEFAULTS), { log: { level: 'warn' }, ...overrides }));
}
