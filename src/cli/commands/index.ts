// Every `zvt` subcommand, in help order. To add one: write commands/<name>.ts exporting a CliCommand, list it here.
import type { CliCommand } from '../cli-command.js';
import { backfillCommand } from './backfill.js';
import { configCommand } from './config.js';
import { demoCommand } from './demo.js';
import { doctorCommand } from './doctor.js';
import { feedCommand } from './feed.js';
import { gapsCommand } from './gaps.js';
import { replayCommand } from './replay.js';
import { simCommand } from './sim.js';
import { startCommand } from './start.js';

export const CLI_COMMANDS: readonly CliCommand[] = [replayCommand, simCommand, backfillCommand, gapsCommand, configCommand, doctorCommand, feedCommand, demoCommand, startCommand];
