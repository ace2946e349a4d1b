// `zvt backfill`: loads history (candles of every timeframe) from the venues through ccxt into the store, resumably.
import type { Command } from 'commander';
import { runCandleJobs } from '../../store/backfill/run-candle-jobs.js';
import { runTradeJobs, type TradeSeriesReport } from '../../store/backfill/run-trade-jobs.js';
import type { CliCommand } from '../cli-command.js';
import { formatCandleJobsReport, parseDateOption, parseListOption, runCandleCommand, timeframeListOption, venueListOption } from '../candle-jobs-setup.js';
import type { Timeframe } from '../../model/timeframe.js';
import type { BackfillVenue } from '../../store/backfill/candle-series.js';

interface BackfillOptions {
  venue: BackfillVenue[];
  symbols: string[];
  timeframes: Timeframe[];
  from: number;
  to?: number;
  trades?: boolean;
  endpointsJson?: string;
  reportJson?: string;
}

function formatTradeReports(reports: readonly TradeSeriesReport[]): string {
  return reports
    .map((report) => `${report.instrument}: ${report.stored} stored, ${report.rejected} rejected${report.error === null ? '' : `\n  FAILED: ${report.error}`}${report.rejectMessages.slice(0, 5).map((message) => `\n  rejected: ${message}`).join('')}\n`)
    .join('');
}

export const backfillCommand: CliCommand = {
  name: 'backfill',
  requiresNativeUws: false,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description(
        'load candles from the venues into the store: only buckets not stored yet (resumable), every row validated, ' +
          'paced by each venue\'s published limits and its usage headers; venues in parallel',
      )
      .requiredOption('--venue <venues>', 'binance, okx, bybit, coinbase (comma-separated for several)', venueListOption)
      .requiredOption('--symbols <symbols>', 'canonical symbols, comma-separated (BTC-USDT, BTC-USDT-PERP, BTC-USD)', parseListOption)
      .requiredOption('--timeframes <timeframes>', '1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 1M (comma-separated)', timeframeListOption)
      .requiredOption('--from <date>', 'first bucket to load (2025-01-01 or 2025-01-01T12:00:00Z, UTC)', parseDateOption)
      .option('--to <date>', 'end, exclusive (default: the last closed bucket)', parseDateOption)
      .option('--trades', 'also load trade history (Binance aggregate trades, OKX history-trades; Bybit and Coinbase serve none over REST)')
      .option('--endpoints-json <file>', 'venue base URLs from `zvt sim --endpoints-json` (default: configuration, else the venues)')
      .option('--report-json <file>', 'also write the final report as JSON')
      .action(async (options: BackfillOptions, command: Command) => {
        const request = { venues: options.venue, symbols: options.symbols, timeframes: options.timeframes, endpointsJson: options.endpointsJson, reportJson: options.reportJson };
        await runCandleCommand(command, request, async ({ series, sessions, store }) => {
          const report = await runCandleJobs({ mode: 'backfill', series, sessions, store, fromMs: options.from, toMs: options.to, progress: process.stderr });
          process.stdout.write(formatCandleJobsReport(report));
          let trades: TradeSeriesReport[] = [];
          if (options.trades === true) {
            const instruments = [...new Set(series.map((item) => item.instrument))];
            trades = await runTradeJobs({ instruments, sessions, store, fromMs: options.from, toMs: options.to ?? Date.now(), progress: process.stderr });
            process.stdout.write(formatTradeReports(trades));
          }
          return { report: { ...report, trades }, failed: report.totals.failedSeries > 0 || trades.some((item) => item.error !== null) };
        });
      });
  },
};
