// Writes batches to a Store that may be slow or down: bounded memory, then an on-disk journal, drained in order.
import { join } from 'node:path';
import type { Logger } from '../config/logger.js';
import { isZvtError } from '../model/errors.js';
import { describeError, ZVT_ERR_STORE_VALUE } from './errors.js';
import { BatchJournal, type BatchJournalStats } from './journal/batch-journal.js';
import type { Store } from './store.js';
import { batchRowCount, type StoreBatch } from './store-rows.js';

export interface BufferedStoreWriterOptions {
  /** Opens (or re-opens) the store; a rejection means "unavailable, try later". */
  openStore(): Promise<Store>;
  /** Directory of this store's journal (and of `rejected/`, batches the store refused as invalid). */
  journalDir: string;
  /** Rows held in memory before batches spill to the journal. */
  maxBufferedRows: number;
  /** Wait after a failed open or write, doubling up to retryMaxMs. */
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
}

export type WriterState = 'opening' | 'writing' | 'idle' | 'waiting-to-retry' | 'closed';

export interface BufferedStoreWriterStats {
  state: WriterState;
  enqueuedBatches: number;
  enqueuedRows: number;
  writtenBatches: number;
  writtenRows: number;
  /** Rows waiting in memory (not counting the batch being written). */
  bufferedRows: number;
  bufferedBatches: number;
  journal: BatchJournalStats;
  openFailures: number;
  writeFailures: number;
  rejectedBatches: number;
  rejectedRows: number;
  lastError: string | null;
}

interface QueuedBatch {
  batch: StoreBatch;
  rows: number;
  /** Enqueue order; 0 for a batch recovered from an earlier run's journal. */
  seq: number;
  /** True once the batch is in the journal: confirming it then advances the journal. */
  journaled: boolean;
}

/**
 * The recorder's path to the store, built so that no row is lost and none is written twice:
 *
 * - Order: the batch being written (`head`), then the journal's batches oldest first, then memory,
 *   oldest first. `head` is retried until the store confirms it; nothing overtakes it.
 * - Bounded memory: when memory would exceed `maxBufferedRows`, every batch not yet confirmed
 *   (head included, if it came from memory) is appended to the journal in order, and while the
 *   journal holds anything, new batches go straight to it. The journal drains before memory is
 *   used again, so its order is the write order.
 * - No loss: a batch leaves memory or the journal only after `Store.write` resolved (the
 *   database confirmed it) or the store rejected it as unwritable (ZVT_ERR_STORE_VALUE: set aside
 *   in `rejected/`, logged, counted). On close, whatever is unconfirmed goes to the journal, and
 *   the next writer for the same store writes it first.
 * - No duplicates: a write that failed may still have landed (a timeout after the commit); it is
 *   written again, and the natural keys make that a no-op. The journal's ack offset moves only
 *   after confirmation; a crash between the two replays one batch, again a no-op.
 *
 * A failed write closes the store and opens it anew after a backoff: a QuestDB that restarted or a
 * DuckDB file that another process released is picked up without a restart of the engine.
 */
export class BufferedStoreWriter {
  private readonly journal: BatchJournal;
  private rejected: BatchJournal | undefined;
  private readonly memory: QueuedBatch[] = [];
  private memoryRows = 0;
  private head: QueuedBatch | undefined;
  private store: Store | undefined;
  private state: WriterState = 'opening';
  private seq = 0;
  /** Highest enqueue sequence confirmed (or rejected); batches are confirmed in sequence order. */
  private doneThroughSeq = 0;
  /** Batches recovered from an earlier run's journal (seq 0) not yet confirmed: a flush waits for them too. */
  private recoveredPending: number;
  private closing = false;
  private wake: (() => void) | undefined;
  private readonly flushWaiters: { seq: number; resolve: (done: boolean) => void }[] = [];
  private readonly loop: Promise<void>;
  private readonly counters = { enqueuedBatches: 0, enqueuedRows: 0, writtenBatches: 0, writtenRows: 0, openFailures: 0, writeFailures: 0, rejectedBatches: 0, rejectedRows: 0 };
  private lastError: string | null = null;

  constructor(private readonly options: BufferedStoreWriterOptions) {
    this.journal = BatchJournal.open(options.journalDir, options.logger);
    this.recoveredPending = this.journal.pendingBatches;
    // The loop handles every expected failure itself; anything else is a broken invariant (a
    // journal that cannot be written): fault the owner, crash-only, with the journal intact.
    this.loop = this.run().catch((error: unknown) => {
      setImmediate(() => {
        throw error;
      });
    });
  }

  /** Queues a batch. Never blocks on the store; may append to the journal (synchronous disk write). */
  enqueue(batch: StoreBatch): void {
    const rows = batchRowCount(batch);
    if (rows === 0) return;
    if (this.state === 'closed') {
      // Late rows still must not be lost: straight to the journal, written first next time.
      this.journal.append(batch);
      this.journal.close();
      return;
    }
    const item: QueuedBatch = { batch, rows, seq: ++this.seq, journaled: false };
    this.counters.enqueuedBatches++;
    this.counters.enqueuedRows += rows;
    if (this.journal.pendingBatches > 0 || this.memoryRows + rows > this.options.maxBufferedRows) {
      if (this.journal.pendingBatches === 0) {
        this.options.logger.warn({ bufferedRows: this.memoryRows, maxBufferedRows: this.options.maxBufferedRows, journal: this.journal.path }, 'store is behind: memory buffer full, spilling batches to the journal');
      }
      this.spillMemory();
      this.journal.append(item.batch, item.seq);
      item.journaled = true;
    } else {
      this.memory.push(item);
      this.memoryRows += rows;
    }
    this.wake?.();
  }

  /**
   * Resolves true once every batch enqueued so far, and every batch recovered from an earlier run's
   * journal, is confirmed (or set aside as invalid); false after `timeoutMs`.
   */
  flush(timeoutMs: number): Promise<boolean> {
    const target = this.seq;
    if (this.flushed(target)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq: target, resolve };
      this.flushWaiters.push(waiter);
      setTimeout(() => {
        const index = this.flushWaiters.indexOf(waiter);
        if (index < 0) return;
        this.flushWaiters.splice(index, 1);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  stats(): BufferedStoreWriterStats {
    return {
      state: this.state,
      ...this.counters,
      bufferedRows: this.memoryRows,
      bufferedBatches: this.memory.length,
      journal: this.journal.stats(),
      lastError: this.lastError,
    };
  }

  /**
   * Keeps writing until everything is confirmed or `deadlineMs` passes, then journals what is
   * left (in order), closes the store and the journal. Nothing enqueued is dropped.
   */
  async close(deadlineMs: number): Promise<void> {
    if (this.state === 'closed') return;
    const deadline = Date.now() + deadlineMs;
    while (this.hasWork() && Date.now() < deadline && this.store !== undefined) {
      const progress = this.doneThroughSeq;
      await this.flush(Math.max(1, Math.min(250, deadline - Date.now())));
      if (this.doneThroughSeq === progress && this.state === 'waiting-to-retry') break;
    }
    this.closing = true;
    this.wake?.();
    // An in-flight write keeps its batch as head; wait for it briefly, never past the deadline.
    await Promise.race([this.loop, sleep(Math.max(0, deadline - Date.now()))]);
    this.spillMemory();
    const unconfirmed = this.journal.pendingRows;
    if (unconfirmed > 0) this.options.logger.warn({ journal: this.journal.path, batches: this.journal.pendingBatches, rows: unconfirmed }, 'store writer closing with unconfirmed batches; they are in the journal and are written first next time');
    this.state = 'closed';
    this.journal.close();
    this.rejected?.close();
    const store = this.store;
    this.store = undefined;
    if (store !== undefined) await Promise.race([store.close().catch(() => undefined), sleep(1000)]);
    for (const waiter of this.flushWaiters.splice(0)) waiter.resolve(this.flushed(waiter.seq));
  }

  private hasWork(): boolean {
    return this.head !== undefined || this.journal.pendingBatches > 0 || this.memory.length > 0;
  }

  /** Moves every unconfirmed batch held only in memory (head first) to the journal, in order. */
  private spillMemory(): void {
    if (this.head !== undefined && !this.head.journaled) {
      this.journal.append(this.head.batch, this.head.seq);
      this.head.journaled = true;
    }
    for (const item of this.memory) {
      this.journal.append(item.batch, item.seq);
      item.journaled = true;
    }
    this.memory.length = 0;
    this.memoryRows = 0;
  }

  private takeNext(): QueuedBatch | undefined {
    while (this.journal.pendingBatches > 0) {
      try {
        const batch = this.journal.peek()!;
        return { batch, rows: this.journal.peekRows(), seq: this.journal.peekTag(), journaled: true };
      } catch (error) {
        // A batch whose checksum holds but which does not decode (written by another codec version).
        this.counters.rejectedBatches++;
        this.counters.rejectedRows += this.journal.peekRows();
        this.options.logger.error({ journal: this.journal.path, rows: this.journal.peekRows(), error: describeError(error) }, 'journal batch cannot be decoded; skipped');
        if (this.journal.peekTag() === 0 && this.recoveredPending > 0) this.recoveredPending--;
        this.journal.ack();
      }
    }
    const item = this.memory.shift();
    if (item !== undefined) this.memoryRows -= item.rows;
    return item;
  }

  private async run(): Promise<void> {
    let backoffMs = this.options.retryInitialMs;
    while (!this.closing) {
      this.head ??= this.takeNext();
      if (this.head === undefined) {
        this.state = this.store === undefined ? 'opening' : 'idle';
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      if (this.store === undefined) {
        this.state = 'opening';
        try {
          const opened = await this.options.openStore();
          if (this.closing) {
            // close() ran while this open was pending: it has journaled everything already.
            await opened.close().catch(() => undefined);
            break;
          }
          this.store = opened;
          this.options.logger.info({ store: opened.description }, 'store opened');
        } catch (error) {
          this.counters.openFailures++;
          this.onFailure('store unavailable', error);
          backoffMs = await this.backoff(backoffMs);
          continue;
        }
      }
      const head = this.head;
      const store = this.store;
      this.state = 'writing';
      try {
        await store.write(head.batch);
        this.counters.writtenBatches++;
        this.counters.writtenRows += head.rows;
        this.confirm(head);
        backoffMs = this.options.retryInitialMs;
      } catch (error) {
        if (isZvtError(error, ZVT_ERR_STORE_VALUE)) {
          this.setAside(head, error);
          this.confirm(head);
          continue;
        }
        this.counters.writeFailures++;
        this.onFailure('store write failed; the batch is kept and retried', error);
        if (this.store === store) this.store = undefined;
        await store.close().catch(() => undefined);
        backoffMs = await this.backoff(backoffMs);
      }
    }
  }

  private flushed(seq: number): boolean {
    return this.doneThroughSeq >= seq && this.recoveredPending === 0;
  }

  private confirm(head: QueuedBatch): void {
    if (head.journaled) this.journal.ack();
    this.head = undefined;
    if (head.seq === 0 && this.recoveredPending > 0) this.recoveredPending--;
    if (head.seq > this.doneThroughSeq) this.doneThroughSeq = head.seq;
    for (let index = this.flushWaiters.length - 1; index >= 0; index--) {
      const waiter = this.flushWaiters[index]!;
      if (!this.flushed(waiter.seq)) continue;
      this.flushWaiters.splice(index, 1);
      waiter.resolve(true);
    }
  }

  private setAside(head: QueuedBatch, error: unknown): void {
    this.rejected ??= BatchJournal.open(join(this.options.journalDir, 'rejected'), this.options.logger);
    this.rejected.append(head.batch, head.seq);
    this.counters.rejectedBatches++;
    this.counters.rejectedRows += head.rows;
    this.lastError = describeError(error);
    this.options.logger.error({ rows: head.rows, file: this.rejected.path, error: this.lastError }, 'store refused a batch as invalid; it is set aside, not retried');
  }

  private onFailure(message: string, error: unknown): void {
    const text = describeError(error);
    // One line per new problem, not one per retry.
    if (text !== this.lastError) this.options.logger.warn({ error: text }, message);
    this.lastError = text;
  }

  private async backoff(currentMs: number): Promise<number> {
    this.state = 'waiting-to-retry';
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, currentMs);
      this.wake = () => {
        if (!this.closing) return;
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
    return Math.min(this.options.retryMaxMs, currentMs * 2);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
