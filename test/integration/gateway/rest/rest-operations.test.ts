// Operational endpoints on a real server: /healthz, /readyz flipping to 503 when the store closes (audit rows kept, not lost), /metrics series after traffic, /v1/openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createLogger } from '../../../../src/config/logger.js';
import { createAuditWriter } from '../../../../src/gateway/auth/audit-writer.js';
import { openStore } from '../../../../src/store/open-store.js';
import { testConfig } from '../../../helpers/test-config.js';
import { READER, RestHarness } from './rest-harness.js';

let harness: RestHarness;

beforeAll(async () => {
  harness = await RestHarness.start();
});

afterAll(async () => {
  await harness.close();
});

describe('REST operations', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await harness.get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('/v1/openapi.json serves the generated document', async () => {
    const response = await harness.get('/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.openapi).toBe('3.0.3');
    expect(document.paths['/v1/orders/{clientOrderId}']!.delete!.operationId).toBe('cancelOrder');
  });

  it('/metrics has request, auth and engine series after traffic', async () => {
    await harness.get('/v1/instruments');
    await harness.get('/v1/books/binance:BTC-USDT');
    await harness.signed(READER, 'GET', '/v1/positions');
    await harness.signed({ ...READER, secret: 'wrong-secret-0123456789' }, 'GET', '/v1/positions');
    const response = await harness.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(/^zvt_http_requests_total\{route="\/v1\/instruments",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^zvt_http_requests_total\{route="\/v1\/books\/\{instrument\}",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^zvt_http_requests_total\{route="\/v1\/positions",method="GET",status="401"\} 1$/m);
    expect(text).toMatch(/^zvt_http_request_duration_seconds_count\{route="\/v1\/positions",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^zvt_auth_failures_total\{reason="signature"\} 1$/m);
    expect(text).toMatch(/^zvt_audit_rows_recorded [1-9]/m);
    expect(text).toMatch(/^zvt_auth_replay_entries 1$/m);
    expect(text).toMatch(/^zvt_process_resident_memory_bytes \d+/m);
  });

  it('/readyz is 200 while the store answers and 503 once it is closed; audit rows wait, none lost', async () => {
    const ready = await harness.get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { store: true, books: true } });

    await harness.store.close();
    const notReady = await harness.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ready: false, checks: { store: false, books: true } });

    // An authenticated action while the store is down: answered at once, its audit row kept pending.
    const response = await harness.signed(READER, 'GET', '/v1/orders');
    expect(response.status).toBe(200);
    const deadline = Date.now() + 5_000;
    let audit = { pendingRows: 0, state: '' };
    while (Date.now() < deadline) {
      audit = ((await (await harness.get('/readyz')).json()) as { audit: { pendingRows: number; state: string } }).audit;
      if (audit.state === 'waiting-to-retry' && audit.pendingRows > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(audit.state).toBe('waiting-to-retry');
    expect(audit.pendingRows).toBeGreaterThan(0);
    const metrics = await (await harness.get('/metrics')).text();
    expect(metrics).toMatch(/^zvt_audit_rows_pending [1-9]\d*$/m);

    // Shutting down with the store still down puts the rows in the journal; the next writer on a working store writes them.
    harness.server.api.audit.close();
    await harness.auditWriter.close(200);
    const store = await openStore(`duckdb:${join(harness.directory, 'rest.duckdb')}`);
    const logger = createLogger(testConfig({ log: { level: 'error' } }));
    const writer = createAuditWriter({ store, journalDir: join(harness.directory, 'audit-journal'), logger });
    try {
      // flush() only covers batches enqueued on this writer, not the ones it recovers from the journal: poll the table.
      let rows = await store.read('audit');
      for (let attempt = 0; attempt < 100 && rows.at(-1)?.event !== 'rest.listOrders'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        rows = await store.read('audit');
      }
      const last = rows.at(-1)!;
      expect(last.event).toBe('rest.listOrders');
      expect(JSON.parse(last.detail)).toMatchObject({ keyId: 'reader-1', path: '/v1/orders', status: 200 });
      expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index));
    } finally {
      await writer.close(1_000);
      await store.close();
    }
  });
});
