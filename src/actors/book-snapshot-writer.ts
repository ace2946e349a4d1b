// Writes the top levels of an instrument actor's synced books into the recorder's ring, at most once per interval per book.
import type { BookEngine } from '../hotpath/book/book-engine.js';
import { BookState } from '../hotpath/book/book-engine.js';
import type { MonoClock } from '../hotpath/mono-clock.js';
import type { RingProducer } from '../hotpath/ring-producer.js';
import { createRecordStamps, STAMP_RECV_INDEX } from '../model/record-header.js';
import { RecordFlag } from '../model/record-types.js';
import { bookSnapshotBytes, writeBookSnapshotRecords } from './book-snapshot-records.js';

/*
 * A snapshot is SNAPSHOT_BEGIN, the bid levels best first, the ask levels best first, SNAPSHOT_END
 * (its levelCount = both sides), flagged NO_EVENT_TIME (it is our view at our receive time, not a
 * venue event). It is taken right after the first book update applied once `intervalMs` has passed
 * since that book's last snapshot (trades and BBOs do not trigger one), so it shows the book as that
 * update left it; a quiet book writes nothing and a busy one at most one per interval. Only synced books are written: a book waiting for its resync is not a book. A full
 * recorder ring drops the snapshot and counts it; the books never wait for the recorder.
 */
export class BookSnapshotWriter {
  written = 0;
  dropped = 0;
  private readonly changed: Uint8Array;
  /** Changed by the records applied since the last writeDue (only a book update triggers a snapshot, not a trade). */
  private readonly touched: Uint8Array;
  private readonly lastWrittenNs: Float64Array;
  private readonly prices: Float64Array;
  private readonly sizes: Float64Array;
  private readonly stamps = createRecordStamps();
  private readonly intervalNs: number;
  private readonly bytesNeeded: number;

  constructor(
    private readonly engine: BookEngine,
    private readonly producer: RingProducer,
    private readonly clock: MonoClock,
    private readonly instrumentIds: readonly number[],
    instrumentCount: number,
    private readonly options: { readonly intervalMs: number; readonly depth: number },
    private readonly baseFlags: number,
  ) {
    this.changed = new Uint8Array(instrumentCount);
    this.touched = new Uint8Array(instrumentCount);
    this.lastWrittenNs = new Float64Array(instrumentCount).fill(Number.NEGATIVE_INFINITY);
    this.prices = new Float64Array(options.depth);
    this.sizes = new Float64Array(options.depth);
    this.intervalNs = options.intervalMs * 1e6;
    this.bytesNeeded = bookSnapshotBytes(options.depth);
  }

  /** A batch changed this book. */
  markChanged(instrumentId: number): void {
    this.changed[instrumentId] = 1;
    this.touched[instrumentId] = 1;
  }

  /**
   * Writes the snapshots that are due (changed books whose interval has passed) and publishes them
   * together. Books listed in `partial` are in the middle of an update (a gather ended inside it):
   * they wait for the rest, so a snapshot never shows a half-applied update.
   */
  writeDue(nowNs: number, partial: Int32Array): void {
    let any = false;
    for (let i = 0; i < this.instrumentIds.length; i++) {
      const id = this.instrumentIds[i]!;
      if (this.touched[id] === 0) continue;
      this.touched[id] = 0;
      if (this.changed[id] === 0 || nowNs - this.lastWrittenNs[id]! < this.intervalNs) continue;
      if (partial.includes(id)) continue;
      if (this.engine.state(id) !== BookState.SYNCED) continue;
      this.changed[id] = 0;
      this.lastWrittenNs[id] = nowNs;
      if (this.producer.freeBytes() < this.bytesNeeded) {
        this.dropped++;
        continue;
      }
      this.write(id);
      any = true;
    }
    if (any) this.producer.publish();
  }

  private write(id: number): void {
    const stamps = this.stamps;
    stamps[0] = 0;
    stamps[1] = 0;
    this.clock.writeEpochNow(stamps, STAMP_RECV_INDEX);
    writeBookSnapshotRecords(this.producer, this.engine, id, this.baseFlags | RecordFlag.SNAPSHOT | RecordFlag.NO_EVENT_TIME, stamps, this.options.depth, this.prices, this.sizes);
    this.written++;
  }
}
