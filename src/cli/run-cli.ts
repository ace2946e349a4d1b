// Runs the `zvt` program on argv and maps every outcome to an exit code; the only place that decides them.
import { CommanderError } from 'commander';
import { ZVT_ERR_EXECUTION_CREDENTIALS, ZVT_ERR_EXECUTION_OPTIONS } from '../actors/execution/errors.js';
import { ZVT_ERR_CONFIG_FILE, ZVT_ERR_CONFIG_INVALID, ZVT_ERR_CONFIG_SECRET } from '../config/errors.js';
import { ZVT_ERR_UWS_NATIVE_MISSING } from '../platform/errors.js';
import { ZvtError } from '../model/errors.js';
import type { CliCommand } from './cli-command.js';
import { CLI_COMMANDS } from './commands/index.js';
import { createProgram } from './create-program.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

/** Errors that mean "this cannot start as configured": the operator fixes input, so they exit like usage errors. */
const STARTUP_REFUSAL_CODES: ReadonlySet<string> = new Set([
  ZVT_ERR_CONFIG_FILE,
  ZVT_ERR_CONFIG_INVALID,
  // A gateway API key's secret variable unset or too short; a trading venue's credentials unset or its symbols unlisted.
  ZVT_ERR_CONFIG_SECRET,
  ZVT_ERR_EXECUTION_CREDENTIALS,
  ZVT_ERR_EXECUTION_OPTIONS,
  ZVT_ERR_UWS_NATIVE_MISSING,
]);

/** Parses `argv` (process.argv form: node, script, ...args), runs the command, returns the exit code. */
export async function runCli(argv: readonly string[], commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  try {
    await createProgram(commands).parseAsync([...argv], { from: 'node' });
    return EXIT_OK;
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help/version text) through its output settings.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof ZvtError) {
      // Expected failures carry their code and a message written for operators: no stack trace.
      process.stderr.write(`zvt: ${error.code}: ${error.message}\n`);
      return STARTUP_REFUSAL_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURE;
    }
    // Anything else is a bug: show everything.
    process.stderr.write(`zvt: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
