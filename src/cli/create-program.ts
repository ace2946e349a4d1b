// Builds the commander program: global options from the config flag table, subcommands from CLI_COMMANDS.
import { Command, Option } from 'commander';
import { CONFIG_FLAG_BINDINGS } from '../config/config-flags.js';
import { CONFIG_FILE_ENVIRONMENT_VARIABLE, ENVIRONMENT_BINDINGS } from '../config/environment-bindings.js';
import { loadNativeUws } from '../platform/uws.js';
import type { CliCommand } from './cli-command.js';
import { CLI_COMMANDS } from './commands/index.js';
import { readPackageVersion } from './package-version.js';

/**
 * The `zvt` program. Errors do not exit the process: exitOverride makes commander throw CommanderError
 * so runCli owns every exit code (commander alone would exit 1 on usage errors; we use 2).
 */
export function createProgram(commands: readonly CliCommand[] = CLI_COMMANDS): Command {
  const program = new Command('zvt')
    .description('ZVT engine: low-latency crypto market data and execution')
    .version(readPackageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run zvt --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .option('--config <file>', `JSON configuration file (env ${CONFIG_FILE_ENVIRONMENT_VARIABLE})`);
  for (const binding of CONFIG_FLAG_BINDINGS) {
    // Name the environment variable bound to the same key, so --help documents both ways to set it.
    const variable = ENVIRONMENT_BINDINGS.find((candidate) => candidate.path.join('.') === binding.path.join('.'));
    const option = new Option(binding.flags, variable === undefined ? binding.description : `${binding.description} (env ${variable.name})`);
    if (binding.choices !== undefined) option.choices(binding.choices);
    program.addOption(option);
  }
  // Subcommands inherit exitOverride and help settings because they are created with program.command().
  for (const definition of commands) {
    const command = definition.register(program);
    if (definition.requiresNativeUws) {
      // Before config or anything else: no point validating a configuration for a gateway that cannot run.
      command.hook('preAction', () => {
        loadNativeUws();
      });
    }
  }
  return program;
}
