// pino loggers for lifecycle events (start, connect, resync, restart), JSON lines on stderr; never per message (DESIGN §9).
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config-schema.js';

/*
 * Nothing on the per-message path logs: a log call allocates and formats, which the hot path must not do.
 * Per-message facts are counters and histograms (/metrics); logs record state changes and failures.
 *
 * Output goes to stderr (fd 2) so stdout stays clean for command output (`zvt config | jq`). Writes are
 * synchronous: logs are rare, and a synchronous write is not lost when the process exits or a worker
 * crashes right after logging, which is exactly when the line matters. Each worker thread creates its own
 * logger on fd 2; a single write(2) of one line is not interleaved with another thread's.
 */

export type { Logger } from 'pino';

/** Bindings every line of a logger carries, e.g. `{ component: 'supervisor' }` or `{ worker: 'main-worker' }`. */
export type LogBindings = Readonly<Record<string, string | number | boolean>>;

/**
 * The root logger of a process or worker thread, at `config.log.level`. Components take a child:
 * `logger.child({ component: 'supervisor' })`. `destination` exists for tests; production writes to fd 2.
 */
export function createLogger(
  config: Pick<Config, 'log'>,
  bindings: LogBindings = {},
  destination: DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  const logger = pino(
    {
      level: config.log.level,
      base: { pid: process.pid },
      // Full words in log fields (DESIGN §12): "level":"info" instead of pino's numeric 30.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  return Object.keys(bindings).length === 0 ? logger : logger.child(bindings);
}
