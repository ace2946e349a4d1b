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

/** CREATE TABLE with the natural key as PRIMARY KEY (the index that makes writes idempotent). */
export function duckDbCreateTable(spec: TableSpec): string {
  const columns = duckDbColumns(spec).map((column) => `  ${column.name} ${column.sqlType}${column.notNull ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${spec.table} (\n${columns.join(',\n')},\n  PRIMARY KEY (${spec.key.join(', ')})\n);`;
}

/** A session-local staging table with the same columns and no constraints. */
export function duckDbCreateStage(spec: TableSpec): string {
  const columns = duckDbColumns(spec).map((column) => `${column.name} ${column.sqlType}`);
  return `CREATE TEMP TABLE IF NOT EXISTS ${stageTableOf(spec)} (${columns.join(', ')})`;
}

/**
 * Merges the staged rows: `keep` tables ignore a key they already hold (DO NOTHING), `replace`
 * tables overwrite it (INSERT OR REPLACE). The batch itself was deduplicated before staging.
 */
export function duckDbMergeStage(spec: TableSpec): string {
  const source = `temp.main.${stageTableOf(spec)}`;
  return spec.onConflict === 'keep'
    ? `INSERT INTO ${spec.table} SELECT * FROM ${source} ON CONFLICT DO NOTHING`
    : `INSERT OR REPLACE INTO ${spec.table} SELECT * FROM ${source}`;
}

/** Every CREATE TABLE, in table order: what `open` runs and docs/storage.md shows. */
export function duckDbSchema(): string {
  return TABLE_SPECS.map(duckDbCreateTable).join('\n\n');
}
