// Encodes a StoreBatch as ILP rows into a QuestDB Sender's buffer (protocol v3: text decimals, nanosecond timestamps).
import type { Sender } from '@questdb/nodejs-client';
import { isZvtError } from '../../model/errors.js';
import { describeError, storeError, ZVT_ERR_STORE_VALUE } from '../errors.js';
import { decimalTextField, integerField, isNullField, levelsField, textField, timestampField } from '../row-values.js';
import type { StoreBatch } from '../store-rows.js';
import { TABLE_SPECS, type ColumnSpec, type TableSpec } from '../store-tables.js';

/**
 * Appends every row of `batch` to the sender's buffer and returns the number of ILP lines. Sends
 * nothing: the caller flushes (auto-flush is off). Symbols go first, as ILP requires; nullable
 * columns that are null are left out of the line (QuestDB stores NULL); the designated timestamp
 * closes the line. Throws ZVT_ERR_STORE_VALUE for a value that cannot be encoded; the buffer may
 * then hold part of the batch, so the caller resets it.
 */
export async function encodeIlpBatch(sender: Sender, batch: StoreBatch): Promise<number> {
  let lines = 0;
  for (const spec of TABLE_SPECS) {
    const rows = batch[spec.batchKey];
    if (rows === undefined) continue;
    for (const row of rows) lines += await encodeRow(sender, spec, row);
  }
  return lines;
}

const LEVEL_PRICE: ColumnSpec = { column: 'price', field: 'price', type: 'decimal', nullable: false };
const LEVEL_SIZE: ColumnSpec = { column: 'size', field: 'size', type: 'decimal', nullable: false };

async function encodeRow(sender: Sender, spec: TableSpec, row: object): Promise<number> {
  const designated = spec.columns.find((column) => column.column === spec.timestamp)!;
  const timestamp = timestampField(spec.table, row, designated);
  const levelColumns = spec.columns.filter((column) => column.type === 'levels');
  if (levelColumns.length === 0) {
    startLine(sender, spec, row);
    writeFields(sender, spec, row);
    await closeLine(sender, timestamp);
    return 1;
  }
  // QuestDB has no DECIMAL arrays: a book snapshot becomes one line per level, keyed by side and level.
  let lines = 0;
  for (const levelsColumn of levelColumns) {
    const levels = levelsField(spec.table, row, levelsColumn);
    for (let index = 0; index < levels.length; index++) {
      const level = { price: levels[index]![0], size: levels[index]![1] };
      startLine(sender, spec, row);
      guarded(spec, () => sender.symbol('side', levelsColumn.column));
      writeFields(sender, spec, row);
      guarded(spec, () => {
        sender.intColumn('level', index);
        sender.decimalColumnText('price', decimalTextField(spec.table, level, LEVEL_PRICE));
        sender.decimalColumnText('size', decimalTextField(spec.table, level, LEVEL_SIZE));
      });
      await closeLine(sender, timestamp);
      lines++;
    }
  }
  return lines;
}

function startLine(sender: Sender, spec: TableSpec, row: object): void {
  guarded(spec, () => {
    sender.table(spec.table);
    for (const column of spec.columns) {
      if (column.type !== 'symbol' || isNullField(spec.table, row, column)) continue;
      sender.symbol(column.column, textField(spec.table, row, column));
    }
  });
}

function writeFields(sender: Sender, spec: TableSpec, row: object): void {
  guarded(spec, () => {
    for (const column of spec.columns) {
      if (column.column === spec.timestamp || column.type === 'symbol' || column.type === 'levels') continue;
      if (isNullField(spec.table, row, column)) continue;
      switch (column.type) {
        case 'text':
          sender.stringColumn(column.column, textField(spec.table, row, column));
          break;
        case 'decimal':
          sender.decimalColumnText(column.column, decimalTextField(spec.table, row, column));
          break;
        case 'timestamp':
          sender.timestampColumn(column.column, timestampField(spec.table, row, column), 'ns');
          break;
        case 'int':
        case 'long':
          sender.intColumn(column.column, integerField(spec.table, row, column));
          break;
      }
    }
  });
}

async function closeLine(sender: Sender, timestamp: bigint): Promise<void> {
  await sender.at(timestamp, 'ns');
}

/** The client validates names and values by throwing plain Errors: those are value errors of this batch. */
function guarded(spec: TableSpec, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (isZvtError(error)) throw error;
    throw storeError(ZVT_ERR_STORE_VALUE, `${spec.table}: the QuestDB client rejected a value: ${describeError(error)}`, { table: spec.table });
  }
}
