// StoreBatch ↔ bytes for the recorder journal: JSON, one positional array per row in table-spec column order.
import { storeError, ZVT_ERR_STORE_JOURNAL } from '../errors.js';
import type { StoreBatch } from '../store-rows.js';
import { TABLE_SPECS, type TableSpec } from '../store-tables.js';

/** Bump when the encoding changes; a journal written by another version is refused, never misread. */
export const BATCH_CODEC_VERSION = 1;

interface EncodedBatch {
  v: number;
  tables: Record<string, unknown[][]>;
}

/**
 * Rows become arrays of their fields in spec order, bigint timestamps become decimal strings
 * (JSON has no int64), everything else stays as is. Validation is left to the store, which
 * checks every value when the batch is finally written.
 */
export function encodeBatch(batch: StoreBatch): Buffer {
  const tables: Record<string, unknown[][]> = {};
  for (const spec of TABLE_SPECS) {
    const rows = batch[spec.batchKey];
    if (rows === undefined || rows.length === 0) continue;
    tables[spec.table] = rows.map((row) =>
      spec.columns.map((column) => {
        const value = (row as unknown as Readonly<Record<string, unknown>>)[column.field];
        return typeof value === 'bigint' ? value.toString() : (value ?? null);
      }),
    );
  }
  return Buffer.from(JSON.stringify({ v: BATCH_CODEC_VERSION, tables } satisfies EncodedBatch), 'utf8');
}

export function decodeBatch(bytes: Uint8Array): StoreBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    throw journalError(`batch is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as EncodedBatch).v !== BATCH_CODEC_VERSION) {
    throw journalError(`batch has codec version ${JSON.stringify((parsed as Partial<EncodedBatch> | null)?.v)}, expected ${BATCH_CODEC_VERSION}`);
  }
  const tables = (parsed as EncodedBatch).tables;
  const batch: Record<string, object[]> = {};
  for (const spec of TABLE_SPECS) {
    const rows = tables[spec.table];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) throw journalError(`${spec.table} is not a list of rows`);
    batch[spec.batchKey] = rows.map((values) => decodeRow(spec, values));
  }
  return batch;
}

function decodeRow(spec: TableSpec, values: unknown): object {
  if (!Array.isArray(values) || values.length !== spec.columns.length) throw journalError(`${spec.table} row does not have ${spec.columns.length} values`);
  const row: Record<string, unknown> = {};
  spec.columns.forEach((column, index) => {
    const value: unknown = values[index];
    row[column.field] = column.type === 'timestamp' && typeof value === 'string' ? BigInt(value) : value;
  });
  return row;
}

function journalError(message: string): Error {
  return storeError(ZVT_ERR_STORE_JOURNAL, `journal: ${message}`);
}
