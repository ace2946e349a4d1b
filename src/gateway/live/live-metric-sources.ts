// Metric sources of the running engine that registerEngineMetrics does not cover (the recorder, the supervisor's workers), and a guard for reads that ask a worker.
import type { Logger } from '../../config/logger.js';
import type { SharedCounterSource, SharedMetricFamily } from '../metrics/shared-counter-source.js';

/** What the recorder reports (MarketDataEngine.recorderStats()), structurally. */
export interface RecorderStatsLike {
  readonly records: { readonly trades: number; readonly quotes: number; readonly bookSnapshots: number };
  readonly candles: { readonly closed: number; readonly lateTrades: number };
  readonly writer: {
    readonly writtenRows: number;
    readonly bufferedRows: number;
    readonly writeFailures: number;
    readonly openFailures: number;
    readonly rejectedRows: number;
    readonly journal: { readonly pendingRows: number };
  };
}

const RECORDER_FAMILIES: readonly [(stats: RecorderStatsLike) => number, SharedMetricFamily][] = [
  [(stats) => stats.records.trades, counter('zvt_recorder_trades_total', 'Trades the recorder read from the venue actors')],
  [(stats) => stats.records.quotes, counter('zvt_recorder_quotes_total', 'Quotes (BBO) the recorder read')],
  [(stats) => stats.records.bookSnapshots, counter('zvt_recorder_book_snapshots_total', 'Book snapshots the recorder read')],
  [(stats) => stats.candles.closed, counter('zvt_recorder_candles_closed_total', 'Live candles the recorder closed')],
  [(stats) => stats.candles.lateTrades, counter('zvt_recorder_late_trades_total', 'Trades too late for their candle')],
  [(stats) => stats.writer.writtenRows, counter('zvt_recorder_rows_written_total', 'Rows the store confirmed')],
  [(stats) => stats.writer.writeFailures, counter('zvt_recorder_write_failures_total', 'Store writes that failed (the batch is retried)')],
  [(stats) => stats.writer.openFailures, counter('zvt_recorder_open_failures_total', 'Failed attempts to open the store')],
  [(stats) => stats.writer.rejectedRows, counter('zvt_recorder_rejected_rows_total', 'Rows the store refused as invalid (set aside)')],
  [(stats) => stats.writer.bufferedRows, gauge('zvt_recorder_buffered_rows', 'Rows waiting in the recorder\'s memory for the store')],
  [(stats) => stats.writer.journal.pendingRows, gauge('zvt_recorder_journal_pending_rows', 'Rows in the recorder\'s journal not yet confirmed by the store')],
];

/** The recorder actor's counters, one stats request per scrape; nothing when the engine does not record. */
export function recorderCounterSource(engine: { recorderStats(): Promise<RecorderStatsLike | null> }): SharedCounterSource {
  return {
    families: RECORDER_FAMILIES.map(([, family]) => family),
    read: async () => {
      const stats = await engine.recorderStats();
      return stats === null ? [] : RECORDER_FAMILIES.map(([value, family]) => ({ name: family.name, value: value(stats) }));
    },
  };
}

const WORKER_UP = gauge('zvt_engine_worker_up', 'Whether an engine worker thread is running (0 while restarting, or after the supervisor gave up)', ['worker']);
const WORKER_RESTARTS = counter('zvt_engine_worker_restarts_total', 'Restarts of an engine worker thread after a crash', ['worker']);

/** The supervisor's workers: up or not, and restarts. */
export function workerCounterSource(supervisor: { workerInfo(): readonly { readonly name: string; readonly status: string; readonly restarts: number }[] }): SharedCounterSource {
  return {
    families: [WORKER_UP, WORKER_RESTARTS],
    read: () =>
      supervisor.workerInfo().flatMap((worker) => [
        { name: WORKER_UP.name, value: worker.status === 'running' ? 1 : 0, labels: { worker: worker.name } },
        { name: WORKER_RESTARTS.name, value: worker.restarts, labels: { worker: worker.name } },
      ]),
  };
}

/**
 * A read that asks a worker (venue, instrument or recorder stats) can hang or fail while that
 * worker restarts; it must not take the whole /metrics answer down with it. This one answers
 * `fallback` (the series are absent from that scrape) after `timeoutMs` or on a failure, and logs
 * the first failure of a streak.
 */
export function tolerantRead<T>(read: () => Promise<T>, fallback: T, what: string, timeoutMs: number, logger: Logger): () => Promise<T> {
  let failing = false;
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const value = await Promise.race([read(), timeout]);
      failing = false;
      return value;
    } catch (error) {
      if (!failing) logger.warn({ source: what, error: error instanceof Error ? error.message : String(error) }, 'metrics read failed; its series are left out of this scrape');
      failing = true;
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  };
}

function counter(name: string, help: string, labelNames: readonly string[] = []): SharedMetricFamily {
  return { name, help, type: 'counter', labelNames };
}

function gauge(name: string, help: string, labelNames: readonly string[] = []): SharedMetricFamily {
  return { name, help, type: 'gauge', labelNames };
}
