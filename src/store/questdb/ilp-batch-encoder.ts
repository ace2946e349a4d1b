// Encodes a StoreBatch as ILP rows into a QuestDB Sender's buffer (protocol v3: text decimals, nanosecond timestamps).
import type { Sender } from '@questdb/nodejs-client';
import { isZvtError } from '../../model/errors.js';
import { describeError, storeError, ZVT_ERR_STORE_VALUE } from '../errors.js';
import { decimalTextField, integerField, isNullField, levelsField, textField, timestampField } from '../row-values.js';
import type { StoreBatch } from '../store-rows.js';
import { TABLE_SPECS, type ColumnSpec, type TableSpec } from '../store-tables.js';

/** A table's columns sorted the way an ILP line needs them, computed once. */
interface LinePlan {
  spec: TableSpec;
  designated: ColumnSpec;
  /** SYMBOL columns: they must precede every field. */
  symbols: readonly ColumnSpec[];
  /** Every other column except the designated timestamp and `levels`. */
  fields: readonly ColumnSpec[];
  levels: readonly ColumnSpec[];
}

const PLANS: readonly LinePlan[] = TABLE_SPECS.map((spec) => ({
  spec,
  designated: spec.columns.find((column) => column.column === spec.timestamp)!,
  symbols: spec.columns.filter((column) => column.type === 'symbol'),
  fields: spec.columns.filter((column) => column.column !== spec.timestamp && column.type !== 'symbol' && column.type !== 'levels'),
  levels: spec.columns.filter((column) => column.type === 'levels'),
}));

const LEVEL_PRICE: ColumnSpec = { column: 'price', field: 'price', type: 'decimal', nullable: false };
const LEVEL_SIZE: ColumnSpec = { column: 'size', field: 'size', type: 'decimal', nullable: false };

/**
 * Appends every row of `batch` to the sender's buffer and returns the number of ILP lines. Sends
 * nothing: the caller flushes (auto-flush is off). Symbols go first, as ILP requires; nullable
 * columns that are null are left out of the line (QuestDB stores NULL); the designated timestamp
 * closes the line. Throws ZVT_ERR_STORE_VALUE for a value that cannot be encoded; the buffer may
 * then hold part of the batch, so the caller resets it.
 */
export async function encodeIlpBatch(sender: Sender, batch: StoreBatch): Promise<number> {
  let lines = 0;
  for (const plan of PLANS) {
    const rows = batch[plan.spec.batchKey];
    if (rows === undefined) continue;
    for (const row of rows) {
      try {
        lines += plan.levels.length === 0 ? await encodeLine(sender, plan, row) : await encodeLevelLines(sender, plan, row);
      } catch (error) {
        if (isZvtError(error)) throw error;
        // The client validates names and values by throwing plain Errors: value errors of this batch.
        throw storeError(ZVT_ERR_STORE_VALUE, `${plan.spec.table}: the QuestDB client rejected a value: ${describeError(error)}`, { table: plan.spec.table });
      }
    }
  }
  return lines;
}

async function encodeLine(sender: Sender, plan: LinePlan, row: object): Promise<number> {
  const timestamp = timestampField(plan.spec.table, row, plan.designated);
  writeSymbols(sender, plan, row);
  writeFields(sender, plan, row);
  await sender.at(timestamp, 'ns');
  return 1;
}

/** QuestDB has no DECIMAL arrays: a book snapshot becomes one line per level, keyed by side and level. */
async function encodeLevelLines(sender: Sender, plan: LinePlan, row: object): Promise<number> {
  const table = plan.spec.table;
  const timestamp = timestampField(table, row, plan.designated);
  let lines = 0;
  for (const levelsColumn of plan.levels) {
    const levels = levelsField(table, row, levelsColumn);
    for (let index = 0; index < levels.length; index++) {
      const level = { price: levels[index]![0], size: levels[index]![1] };
      writeSymbols(sender, plan, row);
      sender.symbol('side', levelsColumn.column);
      writeFields(sender, plan, row);
      sender.intColumn('level', index);
      sender.decimalColumnText('price', decimalTextField(table, level, LEVEL_PRICE));
      sender.decimalColumnText('size', decimalTextField(table, level, LEVEL_SIZE));
      await sender.at(timestamp, 'ns');
      lines++;
    }
  }
  return lines;
}

function writeSymbols(sender: Sender, plan: LinePlan, row: object): void {
  const table = plan.spec.table;
  sender.table(table);
  for (const column of plan.symbols) {
    if (!isNullField(table, row, column)) sender.symbol(column.column, textField(table, row, column));
  }
}

function writeFields(sender: Sender, plan: LinePlan, row: object): void {
  const table = plan.spec.table;
  for (const column of plan.fields) {
    if (isNullField(table, row, column)) continue;
    switch (column.type) {
      case 'text':
        sender.stringColumn(column.column, textField(table, row, column));
        break;
      case 'decimal':
        sender.decimalColumnText(column.column, decimalTextField(table, row, column));
        break;
      case 'timestamp':
        sender.timestampColumn(column.column, timestampField(table, row, column), 'ns');
        break;
      default:
        sender.intColumn(column.column, integerField(table, row, column));
        break;
    }
  }
}
