// Crash-only runtime: kill workers mid-stream; the supervisor restarts them, reports it, tells
// downstream actors to resync, and no consumer ever sees a torn or out-of-order record.
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActorSpec } from '../../../src/actors/actor.js';
import { Supervisor } from '../../../src/actors/supervisor.js';
import type { SinkStats } from '../../fixtures/actors/checking-sink.js';
import { testConfig } from '../../helpers/test-config.js';

const SOURCE_MODULE = new URL('../../fixtures/actors/sequence-source.ts', import.meta.url).href;
const SINK_MODULE = new URL('../../fixtures/actors/checking-sink.ts', import.meta.url).href;

function captureLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
});

describe('supervisor', () => {
  it('restarts a producer worker killed mid-stream, reports it, resyncs downstream, and no record is torn', async () => {
    const config = testConfig({
      runtime: {
        mailbox: { capacityBytes: 65536, spinIterations: 1000, parkTimeoutMs: 50 },
        placement: { source: 'producer-worker', sink: 'consumer-worker' },
        supervisor: { maxRestarts: 5, windowMs: 60_000, backoffInitialMs: 10, backoffMaxMs: 100 },
      },
    });
    const specs: ActorSpec[] = [
      { id: 'source', module: SOURCE_MODULE },
      { id: 'sink', module: SINK_MODULE, inputs: ['source'] },
    ];
    const { logger, lines } = captureLogger();
    supervisor = new Supervisor(specs, config, logger);
    const crashes: { worker: string; error: string }[] = [];
    supervisor.on('worker-crashed', (event) => crashes.push(event));
    await supervisor.start();
    const stats = (): Promise<SinkStats> => supervisor!.request('sink', 'stats') as Promise<SinkStats>;

    await until(stats, (s) => s.received > 200_000);

    // 1. Killed from outside, as the OS or an operator would.
    const restarted1 = once(supervisor, 'worker-restarted');
    await supervisor.crashWorker('producer-worker');
    await restarted1;
    await until(stats, (s) => s.generations.includes(2) && s.received > 400_000);

    // 2. An exception thrown on the hot path inside the actor.
    const restarted2 = once(supervisor, 'worker-restarted');
    supervisor.send('source', 'crash');
    await restarted2;
    const after = await until(stats, (s) => s.generations.includes(3) && s.resyncs.length === 2);

    expect(after.torn).toBe(0);
    expect(after.gaps).toBe(0);
    expect(after.wrongType).toBe(0);
    expect(after.generations).toEqual([1, 2, 3]);
    expect(after.resyncs).toEqual([
      { reason: 'upstream-restarted', actorIds: ['source'] },
      { reason: 'upstream-restarted', actorIds: ['source'] },
    ]);
    expect(crashes.map((crash) => crash.worker)).toEqual(['producer-worker', 'producer-worker']);
    expect(crashes[1]!.error).toContain('crash requested by test');
    expect(supervisor.workerInfo().find((worker) => worker.name === 'producer-worker')).toMatchObject({ status: 'running', incarnation: 3, restarts: 2 });
    const logged = lines().filter((line) => line.msg === 'worker crashed' || line.msg === 'worker restarted');
    expect(logged.map((line) => line.msg)).toEqual(['worker crashed', 'worker restarted', 'worker crashed', 'worker restarted']);
  });

  it('restarts a consumer worker; the fresh consumer continues from the shared ring positions', async () => {
    const config = testConfig({
      runtime: {
        mailbox: { capacityBytes: 65536, spinIterations: 1000, parkTimeoutMs: 50 },
        placement: { source: 'producer-worker', sink: 'consumer-worker' },
        supervisor: { maxRestarts: 5, windowMs: 60_000, backoffInitialMs: 10, backoffMaxMs: 100 },
      },
    });
    supervisor = new Supervisor(
      [
        { id: 'source', module: SOURCE_MODULE },
        { id: 'sink', module: SINK_MODULE, inputs: ['source'] },
      ],
      config,
      captureLogger().logger,
    );
    await supervisor.start();
    const stats = (): Promise<SinkStats> => supervisor!.request('sink', 'stats') as Promise<SinkStats>;
    await until(stats, (s) => s.received > 100_000);
    const restarted = once(supervisor, 'worker-restarted');
    await supervisor.crashWorker('consumer-worker');
    await restarted;
    const fresh = await until(stats, (s) => s.incarnation === 2 && s.received > 100_000);
    expect(fresh.torn).toBe(0);
    expect(fresh.gaps).toBe(0);
    // The producer was never restarted: the new sink joined generation 1 mid-stream.
    expect(fresh.generations).toEqual([1]);
    expect(supervisor.actorState('source')).toBe('running');
  });

  it('gives up on a worker that keeps crashing and says so', async () => {
    const config = testConfig({
      runtime: {
        placement: { source: 'producer-worker', sink: 'consumer-worker' },
        supervisor: { maxRestarts: 2, windowMs: 60_000, backoffInitialMs: 1, backoffMaxMs: 5 },
      },
    });
    const { logger, lines } = captureLogger();
    supervisor = new Supervisor(
      [
        { id: 'source', module: new URL('../../fixtures/actors/failing-start.ts', import.meta.url).href },
        { id: 'sink', module: SINK_MODULE, inputs: ['source'] },
      ],
      config,
      logger,
    );
    const gaveUp = once(supervisor, 'worker-gave-up');
    await supervisor.start();
    const [event] = (await gaveUp) as [{ worker: string; restarts: number; error: string }];
    expect(event.worker).toBe('producer-worker');
    expect(event.restarts).toBe(2);
    expect(event.error).toContain('cannot start');
    expect(supervisor.workerInfo().find((worker) => worker.name === 'producer-worker')?.status).toBe('failed');
    expect(lines().some((line) => line.msg === 'worker crashed too often; not restarting it')).toBe(true);
  });

  it('rejects a topology with unknown inputs or placements naming unknown actors', () => {
    const config = testConfig({ runtime: { placement: { ghost: 'w' } } });
    expect(() => new Supervisor([{ id: 'sink', module: SINK_MODULE }], config, captureLogger().logger)).toThrow(/placement names actor "ghost"/);
    expect(() => new Supervisor([{ id: 'sink', module: SINK_MODULE, inputs: ['nobody'] }], testConfig(), captureLogger().logger)).toThrow(/unknown actor "nobody"/);
  });
});
