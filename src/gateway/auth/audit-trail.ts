// AuditTrail: one AuditRow per authenticated action, batched off the request path and handed to a sink that never loses them (BufferedStoreWriter).
//
// record() is synchronous and cheap: it appends a row to the open batch. The batch goes to the
// sink every flushIntervalMs or when it reaches maxBatchRows, whichever comes first. The sink
// (audit-writer.ts) holds rows in bounded memory, spills to an on-disk journal when the store is
// slow or down, and writes them later in order: a response never waits for the store, and a
// store outage does not drop audit rows. Its stats are on /metrics and /readyz.
import type { AuditRow, StoreBatch } from '../../store/store-rows.js';

export interface AuditSink {
  enqueue(batch: StoreBatch): void;
}

export interface AuditTrailOptions {
  readonly sink: AuditSink;
  /** AuditRow.source, e.g. `gateway:rest`. */
  readonly source: string;
  /** Default 100. */
  readonly flushIntervalMs?: number | undefined;
  /** Default 500. */
  readonly maxBatchRows?: number | undefined;
  /** Epoch ns for AuditRow.tsNs; default wall clock (ms precision, + a sub-ms counter so rows stay ordered). */
  readonly nowNs?: (() => bigint) | undefined;
}

export class AuditTrail {
  private readonly sink: AuditSink;
  private readonly source: string;
  private readonly flushIntervalMs: number;
  private readonly maxBatchRows: number;
  private readonly nowNs: () => bigint;
  private batch: AuditRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private closed = false;
  /** Rows recorded, and rows handed to the sink. */
  recorded = 0;
  handedOver = 0;

  constructor(options: AuditTrailOptions) {
    this.sink = options.sink;
    this.source = options.source;
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.maxBatchRows = options.maxBatchRows ?? 500;
    this.nowNs = options.nowNs ?? wallClockNs();
  }

  /** Appends one row: `event` names the action, `detail` (JSON-serialised; bigint as text) says who did what and how it ended. */
  record(event: string, detail: Readonly<Record<string, unknown>>): void {
    this.batch.push({ tsNs: this.nowNs(), source: this.source, seq: this.seq++, event, detail: JSON.stringify(detail, bigintAsText) });
    this.recorded++;
    if (this.closed || this.batch.length >= this.maxBatchRows) {
      this.flush();
      return;
    }
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Hands the open batch to the sink now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0) return;
    const audit = this.batch;
    this.batch = [];
    this.handedOver += audit.length;
    this.sink.enqueue({ audit });
  }

  /** Flushes; later rows are handed over at once (nothing is dropped after close). */
  close(): void {
    this.closed = true;
    this.flush();
  }
}

function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Epoch ns from Date.now(), strictly increasing within the process (a row per ns at most). */
function wallClockNs(): () => bigint {
  let last = 0n;
  return () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    last = now > last ? now : last + 1n;
    return last;
  };
}
