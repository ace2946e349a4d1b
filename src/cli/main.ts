#!/usr/bin/env node
// Entry point of the `zvt` command (package bin): runs the CLI and sets the exit code.
import { runCli } from './run-cli.js';

// exitCode rather than process.exit(): lets stdout drain when it is a pipe (`zvt config | jq`).
process.exitCode = await runCli(process.argv);
