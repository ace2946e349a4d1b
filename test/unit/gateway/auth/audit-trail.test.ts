// AuditTrail batching: rows carry source, increasing seq and JSON detail (bigint as text); batches go out by size, by timer and on close.
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../../src/gateway/auth/audit-trail.js';
import type { StoreBatch } from '../../../../src/store/store-rows.js';

describe('AuditTrail', () => {
  it('hands over full batches at once, the rest after flushIntervalMs, and everything on close', async () => {
    const batches: StoreBatch[] = [];
    let ns = 100n;
    const trail = new AuditTrail({ sink: { enqueue: (batch) => batches.push(batch) }, source: 'gateway:test', maxBatchRows: 2, flushIntervalMs: 20, nowNs: () => ns++ });
    trail.record('a', { amount: 10n, text: 'x' });
    expect(batches).toHaveLength(0);
    trail.record('b', {});
    expect(batches).toHaveLength(1);
    expect(batches[0]!.audit).toEqual([
      { tsNs: 100n, source: 'gateway:test', seq: 0, event: 'a', detail: '{"amount":"10","text":"x"}' },
      { tsNs: 101n, source: 'gateway:test', seq: 1, event: 'b', detail: '{}' },
    ]);
    trail.record('c', {});
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batches.map((batch) => batch.audit!.map((row) => row.event))).toEqual([['a', 'b'], ['c']]);
    trail.close();
    trail.record('d', {});
    expect(batches.at(-1)!.audit!.map((row) => row.seq)).toEqual([3]);
    expect({ recorded: trail.recorded, handedOver: trail.handedOver }).toEqual({ recorded: 4, handedOver: 4 });
  });
});
