// `zvt sim`: runs the exchange simulator on 127.0.0.1 until SIGINT/SIGTERM, printing each venue's URLs and demo credentials.
import { renameSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { SIM_VENUES, type SimVenue } from '../../sim/market/sim-market-types.js';
import { startSimulator, type RunningSimulator, type SimVenueEndpoints } from '../../sim/start-simulator.js';
import type { CliCommand } from '../cli-command.js';

interface SimCommandOptions {
  seed: number;
  endpointsJson?: string;
  venues?: SimVenue[];
  portBase: number;
}

function parseInteger(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(`must be an integer in [${min}, ${max}].`);
    return number;
  };
}

function parseVenues(value: string): SimVenue[] {
  const venues = value.split(',').map((venue) => venue.trim());
  for (const venue of venues) {
    if (!(SIM_VENUES as readonly string[]).includes(venue)) throw new InvalidArgumentError(`"${venue}" is not a venue (venues: ${SIM_VENUES.join(', ')}).`);
  }
  return venues as SimVenue[];
}

/** One line per value; a multi-line value (Coinbase's PEM secret) is printed as a JSON string so it stays on its line. */
function printable(value: string): string {
  return value.includes('\n') ? JSON.stringify(value) : value;
}

function formatEndpoints(venue: SimVenue, endpoints: SimVenueEndpoints): string {
  const lines = [
    `${venue}`,
    `  rest       ${endpoints.rest}`,
    `  ws         ${endpoints.ws}`,
    `  wsPrivate  ${endpoints.wsPrivate}`,
    `  apiKey     ${printable(endpoints.apiKey)}`,
    `  secret     ${printable(endpoints.secret)}`,
  ];
  if (endpoints.password !== undefined) lines.push(`  password   ${printable(endpoints.password)}`);
  return `${lines.join('\n')}\n`;
}

/** Written whole under a temporary name and renamed: a reader waiting for the file never sees half of it. */
function writeEndpoints(file: string, simulator: RunningSimulator): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(simulator.endpoints, null, 2)}\n`);
  renameSync(temporary, file);
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const simCommand: CliCommand = {
  name: 'sim',
  requiresNativeUws: false,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description(
        "run the exchange simulator: seeded synthetic markets and paper-trading accounts speaking each venue's own REST and WebSocket protocol on 127.0.0.1, until SIGINT/SIGTERM",
      )
      .option('--seed <n>', 'seed of the markets, the demo credentials and the faults', parseInteger(0, 0xffff_ffff), 1)
      .option('--endpoints-json <file>', 'write each venue\'s URLs and demo credentials as JSON to this file once listening')
      .option('--venues <list>', `comma-separated venues to serve (default: every venue that has a dialect; ${SIM_VENUES.join(', ')})`, parseVenues)
      .option('--port-base <n>', 'binance on n, okx n+1, bybit n+2, coinbase n+3 (default 0: free ports)', parseInteger(0, 65_532), 0)
      .action(async (options: SimCommandOptions) => {
        const simulator = await startSimulator({ seed: options.seed, portBase: options.portBase, ...(options.venues === undefined ? {} : { venues: options.venues }) });
        const stopped = untilSignal();
        try {
          for (const warning of simulator.warnings) process.stderr.write(`zvt sim: ${warning}\n`);
          process.stdout.write(`zvt sim: seed ${options.seed}; control endpoints on each REST base: /__sim/faults, /__sim/stats\n`);
          for (const venue of simulator.venues) process.stdout.write(formatEndpoints(venue, simulator.endpoints[venue]!));
          if (options.endpointsJson !== undefined) writeEndpoints(options.endpointsJson, simulator);
          const signal = await stopped;
          process.stdout.write(`zvt sim: ${signal}, stopping\n`);
        } finally {
          await simulator.close();
        }
      });
  },
};
