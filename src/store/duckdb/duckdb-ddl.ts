// DuckDB DDL and statements derived from the table specs (docs/storage.md prints the result).
import { DECIMAL_SCALE, DECIMAL_WIDTH, TABLE_SPECS, type ColumnSpec, type TableSpec } from '../store-tables.js';

/** One physical DuckDB column; a `levels` field becomes two (prices, sizes). */
export interface DuckDbColumn {
  name: string;
  sqlType: string;
  notNull: boolean;
}

const DECIMAL_TYPE = `DECIMAL(${DECIMAL_WIDTH},${DECIMAL_SCALE})`;

const SQL_TYPES: Readonly<Record<Exclude<ColumnSpec['type'], 'levels'>, string>> = {
  symbol: 'VARCHAR',
  text: 'VARCHAR',
  decimal: DECIMAL_TYPE,
  timestamp: 'TIMESTAMP_NS',
  int: 'INTEGER',
  long: 'BIGINT',
};

export function duckDbColumns(spec: TableSpec): DuckDbColumn[] {
  return spec.columns.flatMap((column): DuckDbColumn[] =>
    column.type === 'levels'
      ? [
          { name: `${column.column}_prices`, sqlType: `${DECIMAL_TYPE}[]`, notNull: true },
          { name: `${column.column}_sizes`, sqlType: `${DECIMAL_TYPE}[]`, notNull: true },
        ]
      : [{ name: column.column, sqlType: SQL_TYPES[column.type], notNull: !column.nullable }],
  );
}

/** The staging table a batch is appended to before it is merged into the real table. */
export function stageTableOf(spec: TableSpec): string {
  return `stage_${spec.table}`;
}

/**
 * CREATE TABLE, and a table comment naming the natural key. No PRIMARY KEY: DuckDB's ART index
 * for it grows with the table, in memory, and slowed each 5000-row merge from 30 ms to 127 ms by
 * 2 million rows here; the merge below finds existing keys by scanning only the batch's time
 * range instead (zonemaps skip every other row group), which stayed at 25–27 ms.
 */
export function duckDbCreateTable(spec: TableSpec): string {
  const columns = duckDbColumns(spec).map((column) => `  ${column.name} ${column.sqlType}${column.notNull ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${spec.table} (\n${columns.join(',\n')}\n);\nCOMMENT ON TABLE ${spec.table} IS '${tableComment(spec)}';`;
}

function tableComment(spec: TableSpec): string {
  return `natural key (${spec.key.join(', ')}); ${spec.onConflict === 'keep' ? 'a row whose key exists is not written again' : 'a row whose key exists replaces it'}`;
}

/** A session-local staging table with the same columns and no constraints. */
export function duckDbCreateStage(spec: TableSpec): string {
  const columns = duckDbColumns(spec).map((column) => `${column.name} ${column.sqlType}`);
  return `CREATE TEMP TABLE IF NOT EXISTS ${stageTableOf(spec)} (${columns.join(', ')})`;
}

/**
 * The statements that merge the staged batch into its table, in order; the last one's row count is
 * the rows written. Existing keys are looked up only between the batch's smallest and largest
 * designated timestamp, which is exact (the timestamp is part of every key) and cheap (rows arrive
 * roughly in time order, so that range is a few row groups).
 *
 * - `keep`: insert the batch's first row of each key (in append order) unless the key is stored.
 * - `replace`: delete the stored rows of the batch's keys, then insert the batch (already reduced
 *   to its last row per key).
 */
export function duckDbMergeStage(spec: TableSpec): string[] {
  const stage = `temp.main.${stageTableOf(spec)}`;
  const time = spec.timestamp;
  const window = `stored.${time} BETWEEN (SELECT min(${time}) FROM ${stage}) AND (SELECT max(${time}) FROM ${stage})`;
  const sameKey = (other: string): string => spec.key.map((column) => `stored.${column} = ${other}.${column}`).join(' AND ');
  if (spec.onConflict === 'keep') {
    return [
      `INSERT INTO ${spec.table} SELECT * FROM (SELECT DISTINCT ON (${spec.key.join(', ')}) * FROM ${stage} ORDER BY ${spec.key.join(', ')}, rowid) AS batch ` +
        `WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} AS stored WHERE ${window} AND ${sameKey('batch')})`,
    ];
  }
  return [`DELETE FROM ${spec.table} AS stored USING ${stage} AS batch WHERE ${window} AND ${sameKey('batch')}`, `INSERT INTO ${spec.table} SELECT * FROM ${stage}`];
}

/** Every CREATE TABLE, in table order: what `open` runs and docs/storage.md shows. */
export function duckDbSchema(): string {
  return TABLE_SPECS.map(duckDbCreateTable).join('\n\n');
}
