// Resolves the engine configuration once: defaults < JSON file < environment < flags, validated, deep-frozen.
import { ZvtError } from '../model/errors.js';
import { CONFIG_DEFAULTS, DEFAULT_DUCKDB_FILE_NAME } from './config-defaults.js';
import { flagLayers, type ConfigFlags } from './config-flags.js';
import type { ConfigLayer } from './config-layer.js';
import { configSchema, type Config } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { CONFIG_FILE_ENVIRONMENT_VARIABLE, environmentLayers, type ConfigEnvironment } from './environment-bindings.js';
import { ZVT_ERR_CONFIG_INVALID } from './errors.js';
import { formatConfigIssues, type ConfigProblem } from './format-config-issues.js';
import { readConfigFile } from './read-config-file.js';

export interface LoadConfigOptions {
  /** JSON configuration file (`--config`); when absent, ZVT_CONFIG from `env` names it, if set. */
  readonly file?: string | undefined;
  /** Global CLI flag values by binding key (see CONFIG_FLAG_BINDINGS). */
  readonly flags?: ConfigFlags;
  /** Environment snapshot, normally readEnvironment(); required so no caller forgets the environment. */
  readonly env: ConfigEnvironment;
}

const DEFAULTS_SOURCE = 'defaults';

/**
 * Merges every layer over CONFIG_DEFAULTS, validates the result and returns it deep-frozen.
 * Throws ZvtError ZVT_ERR_CONFIG_FILE (file unreadable or not a JSON object) or ZVT_ERR_CONFIG_INVALID
 * listing every problem at once, each as `path: rule (got value) [source]`.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const envFile = options.env[CONFIG_FILE_ENVIRONMENT_VARIABLE];
  const file = options.file ?? (envFile === undefined || envFile === '' ? undefined : envFile);
  const layers: ConfigLayer[] = [
    { source: DEFAULTS_SOURCE, data: CONFIG_DEFAULTS },
    ...(file === undefined ? [] : [readConfigFile(file)]),
    ...environmentLayers(options.env),
    ...flagLayers(options.flags ?? {}),
  ];
  const merged = mergeLayers(layers);
  deriveDefaultStore(merged);
  const result = configSchema.safeParse(merged.data, { reportInput: true });
  if (!result.success) {
    const problems = formatConfigIssues(result.error.issues, { schema: configSchema, sourceOf: merged.sourceOf });
    throw configInvalidError(problems);
  }
  return deepFreeze(result.data);
}

/** The ZvtError for a list of problems: a one-line summary, then one line per problem. */
export function configInvalidError(problems: readonly ConfigProblem[]): ZvtError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) =>
    problem.source === undefined || problem.source === DEFAULTS_SOURCE ? `  ${problem.message}` : `  ${problem.message} [${problem.source}]`,
  );
  return new ZvtError(ZVT_ERR_CONFIG_INVALID, `invalid configuration, ${count}:\n${lines.join('\n')}`, {
    problems: problems.map((problem) => ({ ...problem })),
  });
}

interface MergedLayers {
  readonly data: Record<string, unknown>;
  readonly sourceOf: (path: readonly PropertyKey[]) => string | undefined;
  readonly sources: Map<string, string>;
}

function mergeLayers(layers: readonly ConfigLayer[]): MergedLayers {
  const data: Record<string, unknown> = {};
  // Source of each key a layer assigned, by JSON-encoded path; lookups fall back to the nearest ancestor.
  const sources = new Map<string, string>();
  for (const layer of layers) mergeInto(data, layer.data, [], layer.source, sources);
  const sourceOf = (path: readonly PropertyKey[]): string | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const source = sources.get(pathKey(path.slice(0, length)));
      if (source !== undefined) return source;
    }
    return undefined;
  };
  return { data, sourceOf, sources };
}

function mergeInto(
  target: Record<string, unknown>,
  source: Readonly<Record<string, unknown>>,
  path: readonly string[],
  layerSource: string,
  sources: Map<string, string>,
): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    const childPath = [...path, key];
    if (isPlainObject(existing) && isPlainObject(value)) {
      mergeInto(existing, value, childPath, layerSource, sources);
      continue;
    }
    // defineProperty, not assignment: a JSON key "__proto__" must become an (unknown, rejected) key, not a prototype.
    Object.defineProperty(target, key, { value: cloneData(value), enumerable: true, writable: true, configurable: true });
    sources.set(pathKey(childPath), layerSource);
  }
}

function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneData);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      Object.defineProperty(copy, key, { value: cloneData(child), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(String));
}

/**
 * When no layer chose a store, the embedded DuckDB file lives in the configured data directory: moving
 * `dataDir` must not leave the database behind in ./data.
 */
function deriveDefaultStore(merged: MergedLayers): void {
  const storeSource = merged.sources.get(pathKey(['store']));
  const dataDir = merged.data.dataDir;
  if (storeSource !== DEFAULTS_SOURCE || typeof dataDir !== 'string' || dataDir === '') return;
  const directory = dataDir.replace(/[\\/]+$/, '');
  merged.data.store = `duckdb:${directory}/${DEFAULT_DUCKDB_FILE_NAME}`;
  merged.sources.set(pathKey(['store']), `${DEFAULTS_SOURCE} (derived from dataDir)`);
}
