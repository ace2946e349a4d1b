// The audit rows' path to the store: a BufferedStoreWriter over the gateway's shared Store, with its own journal directory, so a store outage never loses a row.
import type { Logger } from '../../config/logger.js';
import { BufferedStoreWriter } from '../../store/buffered-store-writer.js';
import type { Store } from '../../store/store.js';
import { sharedStoreHandle } from './shared-store-handle.js';

export interface AuditWriterOptions {
  /** The gateway's open store (also used for reads); the writer never closes it. */
  readonly store: Store;
  /** Journal of audit batches the store has not confirmed yet (written first after a restart). */
  readonly journalDir: string;
  readonly logger: Logger;
  /** Rows in memory before spilling to the journal. Default 50 000. */
  readonly maxBufferedRows?: number | undefined;
  /** Retry backoff after a failed write, doubling up to retryMaxMs. Defaults 250 and 10 000. */
  readonly retryInitialMs?: number | undefined;
  readonly retryMaxMs?: number | undefined;
}

export function createAuditWriter(options: AuditWriterOptions): BufferedStoreWriter {
  const handle = sharedStoreHandle(options.store);
  return new BufferedStoreWriter({
    openStore: () => Promise.resolve(handle),
    journalDir: options.journalDir,
    maxBufferedRows: options.maxBufferedRows ?? 50_000,
    retryInitialMs: options.retryInitialMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 10_000,
    logger: options.logger.child({ component: 'audit-writer' }),
  });
}

/**
 * Audit rows the writer holds unconfirmed, for /readyz and /metrics (RestApiOptions.auditStatus).
 * The batch being retried is in neither bufferedRows nor the journal, so the count also comes from
 * enqueued − written − rejected; rows recovered from an earlier run's journal count through it.
 */
export function auditWriterStatus(writer: BufferedStoreWriter): { pendingRows: number; state: string } {
  const stats = writer.stats();
  const unconfirmed = stats.enqueuedRows - stats.writtenRows - stats.rejectedRows;
  return { pendingRows: Math.max(unconfirmed, stats.bufferedRows + stats.journal.pendingRows), state: stats.state };
}
