// Which global CLI flag sets which configuration key; the CLI builds its options from this table.
import { HOTPATH_MODES, LOG_LEVELS } from './config-schema.js';
import { singleValueLayer, type BoundValueType, type ConfigLayer } from './config-layer.js';

export interface ConfigFlagBinding {
  /** Property name commander gives the parsed option (camelCase of the long flag). */
  readonly key: string;
  /** Commander flag syntax. */
  readonly flags: string;
  readonly description: string;
  readonly path: readonly string[];
  readonly type: BoundValueType;
  /** Allowed values, checked by commander already so a typo is a usage error (exit 2) before config loads. */
  readonly choices?: readonly string[];
}

/** Every global flag that sets a configuration key. Add a row here to get a new global option. */
export const CONFIG_FLAG_BINDINGS: readonly ConfigFlagBinding[] = [
  { key: 'logLevel', flags: '--log-level <level>', description: 'log level', path: ['log', 'level'], type: 'string', choices: LOG_LEVELS },
  { key: 'dataDir', flags: '--data-dir <dir>', description: 'data directory', path: ['dataDir'], type: 'string' },
  { key: 'hotpath', flags: '--hotpath <mode>', description: 'hot-path implementation', path: ['hotpath'], type: 'string', choices: HOTPATH_MODES },
  { key: 'store', flags: '--store <spec>', description: 'store: duckdb:<path> or questdb:<client config string>', path: ['store'], type: 'string' },
];

/** Flag values by binding key, as strings (what commander parsed); absent or undefined means not given. */
export type ConfigFlags = Readonly<Record<string, string | undefined>>;

/** One layer per flag that was given. */
export function flagLayers(flags: ConfigFlags): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  for (const binding of CONFIG_FLAG_BINDINGS) {
    const raw = flags[binding.key];
    if (raw === undefined) continue;
    const flagName = binding.flags.split(' ')[0] ?? binding.key;
    layers.push(singleValueLayer(`flag ${flagName}`, binding.path, binding.type, raw));
  }
  return layers;
}
