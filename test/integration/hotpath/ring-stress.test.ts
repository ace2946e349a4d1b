// Two-thread stress tests of the SPSC ring: every record exactly once, in order, intact, with a
// spinning consumer and with a parking one (which guards against lost wake-ups, DESIGN §4).
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startModuleWorker } from '../../../src/actors/module-worker.js';
import { Doorbell } from '../../../src/hotpath/doorbell.js';
import { allocateRingBuffer } from '../../../src/hotpath/ring-layout.js';
import type { StressOptions, StressResult } from '../../fixtures/ring-stress/pattern.js';

async function runStress(options: Omit<StressOptions, 'ringBuffer' | 'doorbellBuffer'>, capacity: number): Promise<{ consumer: StressResult; producer: { sent: number; fullSpins: number } }> {
  const shared: StressOptions = { ...options, ringBuffer: allocateRingBuffer(capacity), doorbellBuffer: new Doorbell().buffer };
  const consumerWorker = startModuleWorker(new URL('../../fixtures/ring-stress/consumer.ts', import.meta.url), { workerData: shared });
  const consumerDone = once(consumerWorker, 'message');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const producerWorker = startModuleWorker(new URL('../../fixtures/ring-stress/producer.ts', import.meta.url), { workerData: shared });
  const [producer] = (await once(producerWorker, 'message')) as [{ sent: number; fullSpins: number }];
  const [consumer] = (await consumerDone) as [StressResult];
  await Promise.all([consumerWorker.terminate(), producerWorker.terminate()]);
  return { consumer, producer };
}

describe('ring under two threads', () => {
  it('delivers millions of variable-size records exactly once, in order, intact (spinning consumer)', async () => {
    // Bounded by time as well as count: with the rest of the suite running on 2 cores, two
    // spinning threads get a fraction of the machine (alone they pass 3 M records in ~6 s).
    const { consumer, producer } = await runStress(
      { durationMs: 15_000, maxRecords: 3_000_000, maxBatch: 64, pauseEvery: 0, spinIterations: 1_000_000_000, parkTimeoutMs: 1000 },
      4096,
    );
    expect(consumer.errors).toEqual([]);
    expect(consumer.sent).toBe(producer.sent);
    expect(consumer.received).toBe(producer.sent);
    expect(producer.sent).toBeGreaterThan(300_000);
    // A 4 KiB ring must have filled up many times: the full-ring path was exercised.
    expect(producer.fullSpins).toBeGreaterThan(0);
  }, 60_000);

  it('never loses a wake-up in 30 s at full rate with a parking consumer', async () => {
    const { consumer, producer } = await runStress(
      { durationMs: 30_000, maxRecords: Number.MAX_SAFE_INTEGER, maxBatch: 256, pauseEvery: 64, spinIterations: 50, parkTimeoutMs: 5000 },
      4096,
    );
    expect(consumer.errors).toEqual([]);
    expect(consumer.received).toBe(producer.sent);
    expect(consumer.sent).toBe(producer.sent);
    // Parking really happened, each park ended by a producer's ring, none by the 5 s timeout.
    expect(consumer.parks).toBeGreaterThan(1000);
    expect(consumer.timeouts).toBe(0);
    expect(consumer.wakeups).toBe(consumer.parks);
    console.log(`parking stress: ${producer.sent} records, ${consumer.parks} parks, ${producer.fullSpins} full-ring spins`);
  }, 90_000);
});
