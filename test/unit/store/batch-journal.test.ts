// The recorder journal on a real file: order, ack across reopen, torn tails after a crash, damage in the middle.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../../src/store/journal/batch-codec.js';
import { BatchJournal, encodeRecord, JOURNAL_HEADER_BYTES, scanJournal } from '../../../src/store/journal/batch-journal.js';
import type { StoreBatch } from '../../../src/store/store-rows.js';
import { sampleBatch, sampleQuote, sampleTrade } from '../../helpers/store-rows.js';

function directory(): string {
  return join(mkdtempSync(join(tmpdir(), 'zvt-journal-')), 'journal');
}

function batchOf(index: number): StoreBatch {
  return { trades: [sampleTrade(index), sampleTrade(index + 1000)], quotes: [sampleQuote(index)] };
}

/** Drains a journal the way the writer does: peek, "write", ack. */
function drain(journal: BatchJournal): StoreBatch[] {
  const out: StoreBatch[] = [];
  for (let batch = journal.peek(); batch !== undefined; batch = journal.peek()) {
    out.push(batch);
    journal.ack();
  }
  return out;
}

describe('batch codec', () => {
  it('round-trips every table exactly, bigint timestamps and nulls included', () => {
    const batch = sampleBatch(4, 4);
    expect(decodeBatch(encodeBatch(batch))).toEqual(batch);
  });

  it('refuses another codec version instead of misreading it', () => {
    expect(() => decodeBatch(Buffer.from('{"v":2,"tables":{}}'))).toThrow(expect.objectContaining({ code: 'ZVT_ERR_STORE_JOURNAL' }) as Error);
  });
});

describe('BatchJournal', () => {
  it('gives batches back in append order, with their row counts and tags; an empty journal is no file at all', () => {
    const dir = directory();
    const journal = BatchJournal.open(dir);
    expect(existsSync(dir)).toBe(false);
    for (let index = 0; index < 5; index++) journal.append(batchOf(index), index + 1);
    expect(journal.pendingBatches).toBe(5);
    expect(journal.pendingRows).toBe(15);
    expect(journal.peekTag()).toBe(1);
    expect(drain(journal)).toEqual([0, 1, 2, 3, 4].map(batchOf));
    expect(existsSync(journal.path)).toBe(false);
  });

  it('keeps what was not acked across a reopen (a new process), and only that', () => {
    const dir = directory();
    const first = BatchJournal.open(dir);
    for (let index = 0; index < 4; index++) first.append(batchOf(index));
    first.peek();
    first.ack();
    first.ack();
    first.close();
    const second = BatchJournal.open(dir);
    expect(second.pendingBatches).toBe(2);
    second.append(batchOf(9));
    expect(drain(second)).toEqual([batchOf(2), batchOf(3), batchOf(9)]);
  });

  it('ignores a torn tail after a crash (header or payload cut short, or a last record with a bad checksum), keeps earlier batches, and truncates', () => {
    const cuts: ((path: string, size: number) => void)[] = [
      (path, size) => truncateSync(path, size - 1),
      (path, size) => truncateSync(path, size - 30),
      (path) => appendFileSync(path, Buffer.from([0x5a, 0x56, 0x54])),
      (path) => appendFileSync(path, encodeRecord(Buffer.from('{"v":1,"tables":{}}'), 0).subarray(0, 10)),
      (path) => {
        const data = readFileSync(path);
        data[data.length - 5]! ^= 0xff;
        writeFileSync(path, data);
      },
    ];
    for (const [index, cut] of cuts.entries()) {
      const dir = directory();
      const journal = BatchJournal.open(dir);
      journal.append(batchOf(1));
      journal.append(batchOf(2));
      const sizeAfterTwo = statSync(journal.path).size;
      journal.append(batchOf(3));
      journal.close();
      const size = statSync(journal.path).size;
      cut(journal.path, size);
      const recovered = BatchJournal.open(dir);
      const keepsThird = index >= 2 && index <= 3;
      expect(recovered.pendingBatches, `cut ${index}`).toBe(keepsThird ? 3 : 2);
      expect(recovered.stats().tornTailBytes, `cut ${index}`).toBeGreaterThan(0);
      expect(statSync(recovered.path).size, `cut ${index}`).toBe(keepsThird ? size : sizeAfterTwo);
      // Appends after recovery land after the kept batches, not after the garbage.
      recovered.append(batchOf(7));
      expect(drain(recovered), `cut ${index}`).toEqual([batchOf(1), batchOf(2), ...(keepsThird ? [batchOf(3)] : []), batchOf(7)]);
    }
  });

  it('skips and reports a damaged batch in the middle (bad checksum, valid records after it)', () => {
    const dir = directory();
    const journal = BatchJournal.open(dir);
    journal.append(batchOf(1));
    const secondAt = statSync(journal.path).size;
    journal.append(batchOf(2));
    journal.append(batchOf(3));
    journal.close();
    const data = readFileSync(journal.path);
    data[secondAt + JOURNAL_HEADER_BYTES + 3]! ^= 0x01;
    writeFileSync(journal.path, data);
    const recovered = BatchJournal.open(dir);
    expect(recovered.stats()).toMatchObject({ pendingBatches: 2, corruptRecords: 1, tornTailBytes: 0 });
    expect(drain(recovered)).toEqual([batchOf(1), batchOf(3)]);
  });

  it('scanJournal: a record is valid only with magic, a length inside the file, and a checksum over rows and payload', () => {
    const good = encodeRecord(encodeBatch(batchOf(1)), 3);
    expect(scanJournal(good, 0)).toEqual({ records: [{ offset: 0, bytes: good.length, rows: 3 }], end: good.length, tornBytes: 0, corruptRecords: 0 });
    const rowsChanged = Buffer.from(good);
    rowsChanged.writeUInt32LE(4, 12);
    expect(scanJournal(rowsChanged, 0).records).toEqual([]);
    const huge = Buffer.from(good);
    huge.writeUInt32LE(0xffffffff, 4);
    expect(scanJournal(huge, 0)).toMatchObject({ records: [], end: 0, tornBytes: good.length });
  });
});
