// The contract of one `zvt` subcommand: its own file under commands/, one entry in CLI_COMMANDS.
import type { Command } from 'commander';

export interface CliCommand {
  /** Subcommand name as typed (`zvt <name>`). */
  readonly name: string;
  /**
   * Whether the command runs (or needs) the uWS gateway. Such commands refuse to start, with exit code 2,
   * when uWebSockets.js loaded its JS fallback instead of the native binary (checked once, before the action).
   */
  readonly requiresNativeUws: boolean;
  /**
   * Adds the subcommand to `program` with `program.command(name)` (so it inherits the exit and output
   * settings) and returns it. Actions get their Config from resolveCommandConfig(command).
   */
  register(program: Command): Command;
}
