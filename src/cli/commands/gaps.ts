// `zvt gaps`: lists missing candles of a stored series, tells apart what the venue has no data for, refetches the rest with --repair.
import type { Command } from 'commander';
import { runCandleJobs } from '../../store/backfill/run-candle-jobs.js';
import type { CliCommand } from '../cli-command.js';
import { formatCandleJobsReport, parseDateOption, runCandleCommand, timeframeListOption, venueListOption } from '../candle-jobs-setup.js';
import type { Timeframe } from '../../model/timeframe.js';
import type { BackfillVenue } from '../../store/backfill/candle-series.js';

interface GapsOptions {
  venue: BackfillVenue[];
  symbol: string;
  timeframe: Timeframe[];
  from?: number;
  to?: number;
  repair?: boolean;
  endpointsJson?: string;
  reportJson?: string;
}

export const gapsCommand: CliCommand = {
  name: 'gaps',
  requiresNativeUws: false,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description(
        'list missing candles between the first and last stored candle of a series, asking the venue which of them it has no data for; ' +
          'with --repair, fetch and store the rest',
      )
      .requiredOption('--venue <venue>', 'binance, okx, bybit or coinbase', venueListOption)
      .requiredOption('--symbol <symbol>', 'canonical symbol (BTC-USDT)')
      .requiredOption('--timeframe <timeframe>', '1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w or 1M', timeframeListOption)
      .option('--from <date>', 'look from here (default: the first stored candle)', parseDateOption)
      .option('--to <date>', 'look until here, exclusive (default: after the last stored candle)', parseDateOption)
      .option('--repair', 'store the missing candles the venue has')
      .option('--endpoints-json <file>', 'venue base URLs from `zvt sim --endpoints-json` (default: configuration, else the venues)')
      .option('--report-json <file>', 'also write the report as JSON')
      .action(async (options: GapsOptions, command: Command) => {
        const request = { venues: options.venue, symbols: [options.symbol], timeframes: options.timeframe, endpointsJson: options.endpointsJson, reportJson: options.reportJson };
        await runCandleCommand(command, request, async ({ series, sessions, store }) => {
          const report = await runCandleJobs({ mode: 'gaps', repair: options.repair === true, series, sessions, store, fromMs: options.from, toMs: options.to, progress: process.stderr });
          process.stdout.write(formatCandleJobsReport(report));
          return { report, failed: report.totals.failedSeries > 0 };
        });
      });
  },
};
