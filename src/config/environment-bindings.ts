// Which ZVT_* environment variable sets which configuration key; one table, also the source of the docs.
import { closestName } from './closest-name.js';
import { singleValueLayer, type BoundValueType, type ConfigLayer } from './config-layer.js';

/** Environment variables as handed to the loader (a snapshot, see readEnvironment). */
export type ConfigEnvironment = Readonly<Record<string, string | undefined>>;

export interface EnvironmentBinding {
  readonly name: string;
  readonly path: readonly string[];
  readonly type: BoundValueType;
}

/** Names a JSON configuration file; `--config` wins over it. */
export const CONFIG_FILE_ENVIRONMENT_VARIABLE = 'ZVT_CONFIG';

/** Every environment variable that sets a configuration key. Add a row here to bind a new one. */
export const ENVIRONMENT_BINDINGS: readonly EnvironmentBinding[] = [
  { name: 'ZVT_DATA_DIR', path: ['dataDir'], type: 'string' },
  { name: 'ZVT_LOG_LEVEL', path: ['log', 'level'], type: 'string' },
  { name: 'ZVT_HOTPATH', path: ['hotpath'], type: 'string' },
  { name: 'ZVT_STORE', path: ['store'], type: 'string' },
  { name: 'ZVT_MAILBOX_CAPACITY_BYTES', path: ['runtime', 'mailbox', 'capacityBytes'], type: 'integer' },
  { name: 'ZVT_MAILBOX_SPIN_ITERATIONS', path: ['runtime', 'mailbox', 'spinIterations'], type: 'integer' },
  { name: 'ZVT_MAILBOX_PARK_TIMEOUT_MS', path: ['runtime', 'mailbox', 'parkTimeoutMs'], type: 'integer' },
  { name: 'ZVT_DEFAULT_WORKER', path: ['runtime', 'defaultWorker'], type: 'string' },
  { name: 'ZVT_SUPERVISOR_MAX_RESTARTS', path: ['runtime', 'supervisor', 'maxRestarts'], type: 'integer' },
  { name: 'ZVT_SUPERVISOR_WINDOW_MS', path: ['runtime', 'supervisor', 'windowMs'], type: 'integer' },
  { name: 'ZVT_SUPERVISOR_BACKOFF_INITIAL_MS', path: ['runtime', 'supervisor', 'backoffInitialMs'], type: 'integer' },
  { name: 'ZVT_SUPERVISOR_BACKOFF_MAX_MS', path: ['runtime', 'supervisor', 'backoffMaxMs'], type: 'integer' },
];

/** One layer per bound variable that is set; an empty value counts as unset (the shell idiom `ZVT_X= cmd`). */
export function environmentLayers(env: ConfigEnvironment): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  for (const binding of ENVIRONMENT_BINDINGS) {
    const raw = env[binding.name];
    if (raw === undefined || raw === '') continue;
    layers.push(singleValueLayer(`environment variable ${binding.name}`, binding.path, binding.type, raw));
  }
  return layers;
}

export interface UnknownEnvironmentVariable {
  readonly name: string;
  readonly suggestion?: string;
}

/**
 * ZVT_* variables that bind nothing: almost always a typo (ZVT_LOG_LEVL). Reported as a warning, not an
 * error, because test harnesses and wrappers may legitimately set their own ZVT_ variables.
 */
export function findUnknownEnvironmentVariables(env: ConfigEnvironment): UnknownEnvironmentVariable[] {
  const known = [CONFIG_FILE_ENVIRONMENT_VARIABLE, ...ENVIRONMENT_BINDINGS.map((binding) => binding.name)];
  const unknown: UnknownEnvironmentVariable[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('ZVT_') || known.includes(name)) continue;
    const suggestion = closestName(name, known);
    unknown.push(suggestion === undefined ? { name } : { name, suggestion });
  }
  return unknown;
}
