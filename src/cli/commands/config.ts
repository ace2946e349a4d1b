// `zvt config`: prints the resolved, validated configuration as JSON on stdout (pipe it to jq, diff it).
import type { Command } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { resolveCommandConfig } from '../resolve-command-config.js';

export const configCommand: CliCommand = {
  name: 'config',
  // Inspecting configuration must work on a box where the gateway cannot run; that is when you need it.
  requiresNativeUws: false,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description('print the resolved configuration (defaults < file < environment < flags) as JSON')
      .action((_options: unknown, command: Command) => {
        const config = resolveCommandConfig(command);
        process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
      });
  },
};
