// QuestDB DDL derived from the table specs: designated timestamps, SYMBOL columns, daily partitions, DEDUP UPSERT KEYS.
import { DECIMAL_SCALE, DECIMAL_WIDTH, TABLE_SPECS, type ColumnSpec, type TableSpec } from '../store-tables.js';

export interface QuestDbColumn {
  name: string;
  sqlType: string;
}

const DECIMAL_TYPE = `DECIMAL(${DECIMAL_WIDTH}, ${DECIMAL_SCALE})`;

const SQL_TYPES: Readonly<Record<Exclude<ColumnSpec['type'], 'levels'>, string>> = {
  symbol: 'SYMBOL',
  text: 'VARCHAR',
  decimal: DECIMAL_TYPE,
  timestamp: 'TIMESTAMP_NS',
  int: 'INT',
  long: 'LONG',
};

/** Columns a `levels` field becomes in QuestDB, which has no DECIMAL arrays (its arrays are DOUBLE only): one row per level. */
export const LEVEL_COLUMNS: readonly QuestDbColumn[] = [
  { name: 'side', sqlType: 'SYMBOL' },
  { name: 'level', sqlType: 'INT' },
  { name: 'price', sqlType: DECIMAL_TYPE },
  { name: 'size', sqlType: DECIMAL_TYPE },
];

export function hasLevels(spec: TableSpec): boolean {
  return spec.columns.some((column) => column.type === 'levels');
}

export function questDbColumns(spec: TableSpec): QuestDbColumn[] {
  const columns = spec.columns.filter((column) => column.type !== 'levels').map((column) => ({ name: column.column, sqlType: SQL_TYPES[column.type as Exclude<ColumnSpec['type'], 'levels'>] }));
  return hasLevels(spec) ? [...columns, ...LEVEL_COLUMNS] : columns;
}

/** Dedup keys: the natural key with the designated timestamp first (QuestDB requires it in the key); per-level tables add side and level. */
export function questDbDedupKeys(spec: TableSpec): string[] {
  const keys = [spec.timestamp, ...spec.key.filter((name) => name !== spec.timestamp)];
  return hasLevels(spec) ? [...keys, 'side', 'level'] : keys;
}

/**
 * CREATE TABLE for QuestDB 9.2+ (TIMESTAMP_NS since 9.1, DECIMAL since 9.2). WAL is required for
 * DEDUP; with UPSERT KEYS on the natural key a re-sent row replaces its identical twin, so a
 * retried or replayed ILP request never duplicates anything.
 */
export function questDbCreateTable(spec: TableSpec): string {
  const columns = questDbColumns(spec).map((column) => `  ${column.name} ${column.sqlType}`);
  return (
    `CREATE TABLE IF NOT EXISTS ${spec.table} (\n${columns.join(',\n')}\n) TIMESTAMP(${spec.timestamp}) PARTITION BY DAY WAL\n` +
    `DEDUP UPSERT KEYS(${questDbDedupKeys(spec).join(', ')});`
  );
}

/** Every CREATE TABLE, in table order: what `open` runs and docs/storage.md shows. */
export function questDbSchema(): string {
  return TABLE_SPECS.map(questDbCreateTable).join('\n\n');
}
