// Append-only on-disk journal of store batches: length-prefixed, checksummed, drained in order, torn tail detected.
//
// journal.zvtj is a sequence of records, each written with one write(2) and fsync'd:
//
//   0        4             8        12         16
//   +--------+-------------+--------+----------+---------------------------+
//   | magic  | payload len | crc32  | rows     | payload (JSON batch,      |
//   | "ZVTJ" | u32 LE      | u32 LE | u32 LE   | batch-codec.ts)           |
//   +--------+-------------+--------+----------+---------------------------+
//
// crc32 (zlib's) covers the rows field and the payload. journal.ack holds the byte offset of the
// first batch not yet confirmed by the store; it is replaced atomically (write, fsync, rename).
// A crash can only damage the end of an append-only file: a record whose header or payload is
// cut short, or whose checksum fails as the last record, is a torn tail and is truncated away
// (earlier batches are kept). A checksum failure with more records after it is not a crash
// artefact but damage on disk: that batch is skipped and reported, the ones after it are kept.

import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Logger } from '../../config/logger.js';
import { describeError, storeError, ZVT_ERR_STORE_JOURNAL } from '../errors.js';
import { batchRowCount, type StoreBatch } from '../store-rows.js';
import { decodeBatch, encodeBatch } from './batch-codec.js';

export const JOURNAL_MAGIC = 0x4a54565a; // "ZVTJ" little-endian
export const JOURNAL_HEADER_BYTES = 16;
/** Largest payload accepted when scanning: a bigger length field is garbage, not a batch. */
export const JOURNAL_MAX_PAYLOAD_BYTES = 512 * 1024 * 1024;
export const JOURNAL_FILE = 'journal.zvtj';
export const JOURNAL_ACK_FILE = 'journal.ack';

export interface JournalScan {
  /** Byte offset and size of every complete, valid record from the scan start. */
  records: { offset: number; bytes: number; rows: number }[];
  /** Where valid data ends (the file is truncated here when a torn tail follows). */
  end: number;
  /** Bytes after `end` that are a torn tail. */
  tornBytes: number;
  /** Records skipped because their checksum failed with valid records after them. */
  corruptRecords: number;
}

interface PendingRecord {
  offset: number;
  bytes: number;
  rows: number;
  /** Caller's tag (the writer's batch sequence); 0 for batches recovered from an earlier run. */
  tag: number;
}

export interface BatchJournalStats {
  pendingBatches: number;
  pendingRows: number;
  appendedBatches: number;
  tornTailBytes: number;
  corruptRecords: number;
}

/**
 * The recorder's spill file for one store. Synchronous by design: it runs on the recorder's own
 * thread, off the hot path, and a batch must be on disk before the call returns.
 */
export class BatchJournal {
  readonly path: string;
  private readonly ackPath: string;
  private fd: number | null = null;
  private size = 0;
  private readonly pending: PendingRecord[] = [];
  private readonly counters = { appendedBatches: 0, tornTailBytes: 0, corruptRecords: 0 };

  private constructor(
    readonly directory: string,
    private readonly logger: Logger | undefined,
  ) {
    this.path = join(directory, JOURNAL_FILE);
    this.ackPath = join(directory, JOURNAL_ACK_FILE);
  }

  /** Opens the journal in `directory` (created on the first append), recovering what an earlier run left. */
  static open(directory: string, logger?: Logger): BatchJournal {
    const journal = new BatchJournal(directory, logger);
    journal.recover();
    return journal;
  }

  get pendingBatches(): number {
    return this.pending.length;
  }

  get pendingRows(): number {
    let rows = 0;
    for (const record of this.pending) rows += record.rows;
    return rows;
  }

  stats(): BatchJournalStats {
    return { pendingBatches: this.pending.length, pendingRows: this.pendingRows, ...this.counters };
  }

  /** Appends a batch and fsyncs it. `tag` comes back from `peekTag` (the writer's sequence number). */
  append(batch: StoreBatch, tag = 0): void {
    const payload = encodeBatch(batch);
    const rows = batchRowCount(batch);
    const record = encodeRecord(payload, rows);
    try {
      const fd = this.openForAppend();
      writeSync(fd, record, 0, record.length, this.size);
      fsyncSync(fd);
    } catch (error) {
      throw storeError(ZVT_ERR_STORE_JOURNAL, `cannot append to ${this.path}: ${describeError(error)}`, { path: this.path });
    }
    this.pending.push({ offset: this.size, bytes: record.length, rows, tag });
    this.size += record.length;
    this.counters.appendedBatches++;
  }

  /** The oldest pending batch, read back from disk; undefined when none. */
  peek(): StoreBatch | undefined {
    const record = this.pending[0];
    if (record === undefined) return undefined;
    const bytes = Buffer.allocUnsafe(record.bytes);
    try {
      readSync(this.openForAppend(), bytes, 0, record.bytes, record.offset);
    } catch (error) {
      throw storeError(ZVT_ERR_STORE_JOURNAL, `cannot read ${this.path}: ${describeError(error)}`, { path: this.path });
    }
    return decodeBatch(bytes.subarray(JOURNAL_HEADER_BYTES));
  }

  peekTag(): number {
    return this.pending[0]?.tag ?? 0;
  }

  peekRows(): number {
    return this.pending[0]?.rows ?? 0;
  }

  /** The oldest pending batch is in the store: move the ack offset past it; an empty journal is deleted. */
  ack(): void {
    const record = this.pending.shift();
    if (record === undefined) return;
    if (this.pending.length === 0) {
      this.reset();
      return;
    }
    writeAckOffset(this.ackPath, this.pending[0]!.offset);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private openForAppend(): number {
    if (this.fd === null) {
      mkdirSync(this.directory, { recursive: true });
      this.fd = openSync(this.path, 'a+');
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  /** Deletes both files: everything was confirmed. A crash in between leaves at worst an ack beyond the end, read as "nothing pending". */
  private reset(): void {
    this.close();
    rmSync(this.path, { force: true });
    rmSync(this.ackPath, { force: true });
    this.size = 0;
  }

  private recover(): void {
    if (!existsSync(this.path)) {
      rmSync(this.ackPath, { force: true });
      return;
    }
    let data: Buffer;
    try {
      data = readFileSync(this.path);
    } catch (error) {
      throw storeError(ZVT_ERR_STORE_JOURNAL, `cannot read ${this.path}: ${describeError(error)}`, { path: this.path });
    }
    const start = Math.min(readAckOffset(this.ackPath), data.length);
    const scan = scanJournal(data, start);
    if (scan.tornBytes > 0) {
      truncateSync(this.path, scan.end);
      this.counters.tornTailBytes = scan.tornBytes;
      this.logger?.warn({ path: this.path, tornBytes: scan.tornBytes, keptBatches: scan.records.length }, 'journal: torn tail after a crash ignored and truncated; earlier batches kept');
    }
    if (scan.corruptRecords > 0) {
      this.counters.corruptRecords = scan.corruptRecords;
      this.logger?.error({ path: this.path, corruptRecords: scan.corruptRecords }, 'journal: batches with a bad checksum inside the file skipped (disk damage); their rows are lost');
    }
    for (const record of scan.records) this.pending.push({ ...record, tag: 0 });
    this.size = scan.end;
    if (this.pending.length === 0) this.reset();
    else {
      writeAckOffset(this.ackPath, this.pending[0]!.offset);
      this.logger?.info({ path: this.path, batches: this.pending.length, rows: this.pendingRows }, 'journal: batches from an earlier run will be written first');
    }
  }
}

/** One journal record (header + payload) for a payload of `rows` rows. */
export function encodeRecord(payload: Buffer, rows: number): Buffer {
  const record = Buffer.allocUnsafe(JOURNAL_HEADER_BYTES + payload.length);
  record.writeUInt32LE(JOURNAL_MAGIC, 0);
  record.writeUInt32LE(payload.length, 4);
  record.writeUInt32LE(rows, 12);
  payload.copy(record, JOURNAL_HEADER_BYTES);
  record.writeUInt32LE(crc32(record.subarray(JOURNAL_HEADER_BYTES), crc32(record.subarray(12, 16))), 8);
  return record;
}

/** Validates the records of `data` from `start`: which are whole, where a torn tail begins, which are damaged. */
export function scanJournal(data: Buffer, start: number): JournalScan {
  const records: JournalScan['records'] = [];
  let corruptRecords = 0;
  let offset = start;
  while (offset < data.length) {
    const remaining = data.length - offset;
    if (remaining < JOURNAL_HEADER_BYTES || data.readUInt32LE(offset) !== JOURNAL_MAGIC) break;
    const length = data.readUInt32LE(offset + 4);
    if (length > JOURNAL_MAX_PAYLOAD_BYTES || JOURNAL_HEADER_BYTES + length > remaining) break;
    const end = offset + JOURNAL_HEADER_BYTES + length;
    const expected = data.readUInt32LE(offset + 8);
    const actual = crc32(data.subarray(offset + JOURNAL_HEADER_BYTES, end), crc32(data.subarray(offset + 12, offset + 16)));
    if (actual !== expected) {
      // The last record failing is a write the crash cut off; one in the middle is disk damage.
      if (end === data.length || !startsRecord(data, end)) break;
      corruptRecords++;
      offset = end;
      continue;
    }
    records.push({ offset, bytes: end - offset, rows: data.readUInt32LE(offset + 12) });
    offset = end;
  }
  return { records, end: offset, tornBytes: data.length - offset, corruptRecords };
}

function startsRecord(data: Buffer, offset: number): boolean {
  return data.length - offset >= JOURNAL_HEADER_BYTES && data.readUInt32LE(offset) === JOURNAL_MAGIC;
}

function readAckOffset(path: string): number {
  if (!existsSync(path)) return 0;
  const value = Number(readFileSync(path, 'utf8').trim());
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function writeAckOffset(path: string, offset: number): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${offset}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
