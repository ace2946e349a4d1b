// Config across worker threads: structured clone drops freezing, so a worker revives what it receives.
import { configSchema, type Config, type ConfigData } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { formatConfigIssues } from './format-config-issues.js';
import { configInvalidError } from './load-config.js';

/** Deep-freezes configuration data in place (loadConfig already returns frozen configs). */
export function freezeConfig(data: ConfigData | Config): Config {
  return deepFreeze(data as ConfigData);
}

/**
 * In a worker: turns the structured clone of a Config (from `workerData`) back into the same frozen,
 * validated Config the parent holds. Re-validating is cheap and catches a parent that posted the wrong thing.
 */
export function reviveConfig(data: unknown): Config {
  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw configInvalidError(formatConfigIssues(result.error.issues, { schema: configSchema, sourceOf: () => 'workerData' }));
  }
  return deepFreeze(result.data);
}
