// The `store` setting: DuckDB paths, QuestDB client strings, what is refused and why, secrets kept out of logs.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalDirectoryOf } from '../../../src/store/journal/journal-directory.js';
import { parseStoreSpec, redact } from '../../../src/store/store-spec.js';

describe('parseStoreSpec', () => {
  it('resolves a DuckDB path against the working directory; :memory: stays in memory', () => {
    expect(parseStoreSpec('duckdb:./data/zvt.duckdb')).toEqual({ kind: 'duckdb', path: resolve('data/zvt.duckdb'), description: `duckdb:${resolve('data/zvt.duckdb')}` });
    expect(parseStoreSpec('duckdb:/var/lib/zvt/a.duckdb')).toMatchObject({ path: '/var/lib/zvt/a.duckdb' });
    expect(parseStoreSpec('duckdb::memory:')).toMatchObject({ path: ':memory:' });
  });

  it('reads host, port, credentials and timeouts from the QuestDB client string (defaults as the client has them)', () => {
    expect(parseStoreSpec('questdb:http::addr=db.internal:9100;username=admin;password=s3cr;;et;retry_timeout=2500;')).toMatchObject({
      kind: 'questdb',
      protocol: 'http',
      host: 'db.internal',
      port: 9100,
      username: 'admin',
      password: 's3cr;et',
      retryTimeoutMs: 2500,
      tlsVerify: true,
    });
    expect(parseStoreSpec('questdb:https::addr=db;token=abc;tls_verify=unsafe_off;')).toMatchObject({ protocol: 'https', host: 'db', port: 9000, token: 'abc', tlsVerify: false, retryTimeoutMs: 10_000 });
  });

  it('refuses what cannot confirm writes or is not a store, with ZVT_ERR_STORE_SPEC', () => {
    for (const spec of ['questdb:tcp::addr=localhost:9009;', 'questdb:tcps::addr=localhost:9009;', 'questdb:http::addr=localhost:9000;auto_flush=on;', 'questdb:http::adr=x;', 'duckdb:', 'postgres://x']) {
      expect(() => parseStoreSpec(spec), spec).toThrow(expect.objectContaining({ code: 'ZVT_ERR_STORE_SPEC' }) as Error);
    }
    expect(parseStoreSpec('questdb:http::addr=localhost:9000;auto_flush=off;').kind).toBe('questdb');
  });

  it('masks passwords and tokens in descriptions and errors', () => {
    expect(redact('questdb:http::addr=h;username=u;password=p;;w;token=t;')).toBe('questdb:http::addr=h;username=u;password=***;token=***;');
    expect(parseStoreSpec('questdb:http::addr=h:9000;password=hunter2;username=u;').description).not.toContain('hunter2');
    const message = (() => {
      try {
        parseStoreSpec('questdb:tcp::addr=h;password=hunter2;');
        return '';
      } catch (error) {
        return String(error);
      }
    })();
    expect(message).toContain('password=***');
    expect(message).not.toContain('hunter2');
  });

  it('gives each store its own journal directory under the data directory, independent of credentials', () => {
    const a = journalDirectoryOf('/data', 'duckdb:/data/a.duckdb');
    expect(a).toMatch(/^\/data\/journal\/duckdb-[0-9a-f]{16}$/);
    expect(journalDirectoryOf('/data', 'duckdb:/data/b.duckdb')).not.toBe(a);
    expect(journalDirectoryOf('/data', 'questdb:http::addr=h;password=one;')).toBe(journalDirectoryOf('/data', 'questdb:http::addr=h;password=two;'));
  });
});
