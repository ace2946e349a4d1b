// Loads the Config for a subcommand from the global options (--config and the flag bindings) and the environment.
import type { Command } from 'commander';
import { CONFIG_FLAG_BINDINGS, type ConfigFlags } from '../config/config-flags.js';
import type { Config } from '../config/config-schema.js';
import { findUnknownEnvironmentVariables } from '../config/environment-bindings.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { readEnvironment } from '../config/read-environment.js';

/**
 * The validated, frozen Config for `command` (the command whose action runs). Throws ZvtError
 * ZVT_ERR_CONFIG_FILE / ZVT_ERR_CONFIG_INVALID, which runCli turns into exit code 2.
 * Unknown ZVT_* variables (likely typos) are logged as warnings on stderr.
 */
export function resolveCommandConfig(command: Command): Config {
  const options = command.optsWithGlobals<Record<string, unknown>>();
  const flags: Record<string, string> = {};
  for (const binding of CONFIG_FLAG_BINDINGS) {
    const value = options[binding.key];
    if (typeof value === 'string') flags[binding.key] = value;
  }
  const file = typeof options.config === 'string' ? options.config : undefined;
  const env = readEnvironment();
  const config = loadConfig({ file, flags: flags satisfies ConfigFlags, env });
  const unknown = findUnknownEnvironmentVariables(env);
  if (unknown.length > 0) {
    const logger = createLogger(config, { component: 'config' });
    for (const variable of unknown) {
      logger.warn(
        { variable: variable.name, suggestion: variable.suggestion },
        variable.suggestion === undefined
          ? `unknown environment variable ${variable.name} ignored`
          : `unknown environment variable ${variable.name} ignored (did you mean ${variable.suggestion}?)`,
      );
    }
  }
  return config;
}
