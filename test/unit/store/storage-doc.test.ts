// docs/storage.md prints the exact DDL both stores run: an operator can paste it into QuestDB or DuckDB as is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { duckDbSchema } from '../../../src/store/duckdb/duckdb-ddl.js';
import { questDbSchema } from '../../../src/store/questdb/questdb-ddl.js';
import { TABLE_SPECS } from '../../../src/store/store-tables.js';

const doc = readFileSync(new URL('../../../docs/storage.md', import.meta.url), 'utf8');

describe('docs/storage.md', () => {
  it('holds the DuckDB and QuestDB DDL exactly as the stores run it', () => {
    expect(doc).toContain(`\`\`\`sql\n${duckDbSchema()}\n\`\`\``);
    expect(doc).toContain(`\`\`\`sql\n${questDbSchema()}\n\`\`\``);
  });

  it('names every table with its natural key', () => {
    for (const spec of TABLE_SPECS) expect(doc).toContain(`| \`${spec.table}\` |`);
    for (const spec of TABLE_SPECS) expect(doc).toContain(`\`${spec.key.join(', ')}\``);
  });
});
