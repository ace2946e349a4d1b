// Worker-thread entry: builds this worker's actors, then runs their mailboxes (spin, then park).
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../config/logger.js';
import { reviveConfig } from '../config/freeze-config.js';
import { Doorbell } from '../hotpath/doorbell.js';
import type { RecordHandler } from '../hotpath/ring-consumer.js';
import { RingConsumer } from '../hotpath/ring-consumer.js';
import { RingProducer } from '../hotpath/ring-producer.js';
import { SpinThenPark } from '../hotpath/spin-then-park.js';
import { ZvtError } from '../model/errors.js';
import type { Actor, ActorContext, ActorModule, ActorSpec, InputPort, OutputPort } from './actor.js';
import { calibrateMonoClock } from './clock-calibration.js';
import { ZVT_ERR_ACTOR_MODULE, ZVT_ERR_ACTOR_TRANSITION, ZVT_ERR_ACTOR_UNKNOWN } from './errors.js';
import type { HostToSupervisor, SupervisorToHost, WorkerBootData } from './host-messages.js';
import { canTransition, type ActorState } from './lifecycle.js';

/** Records handed to one actor input per read; bounds how long one busy ring starves the others. */
const READ_BATCH = 1024;
/** Polls per event-loop turn while busy; after it the loop yields so control messages get in. */
const POLLS_PER_SLICE = 4096;

interface HostedActor {
  spec: ActorSpec;
  actor: Actor;
  state: ActorState;
  inputs: InputPort[];
}

const boot = workerData as WorkerBootData;
const port = parentPort!;
const config = reviveConfig(boot.config);
const logger = createLogger(config, { component: 'worker', worker: boot.name, incarnation: boot.incarnation });
const clock = calibrateMonoClock(boot.clockBase);
const doorbell = new Doorbell(boot.doorbell);
const idler = new SpinThenPark(doorbell, config.runtime.mailbox.spinIterations, config.runtime.mailbox.parkTimeoutMs);
const usesEventLoop = boot.actors.some((spec) => spec.usesEventLoop === true);
const hosted = new Map<string, HostedActor>();
let stopping = false;

function send(message: HostToSupervisor): void {
  port.postMessage(message);
}

function setState(entry: HostedActor, to: ActorState): void {
  if (!canTransition(entry.state, to)) {
    throw new ZvtError(ZVT_ERR_ACTOR_TRANSITION, `actor "${entry.spec.id}" cannot go from ${entry.state} to ${to}`);
  }
  entry.state = to;
  send({ kind: 'state', actorId: entry.spec.id, state: to });
}

async function createHostedActor(spec: ActorSpec): Promise<HostedActor> {
  const module = (await import(spec.module)) as Partial<ActorModule>;
  if (typeof module.createActor !== 'function') {
    throw new ZvtError(ZVT_ERR_ACTOR_MODULE, `actor module ${spec.module} (actor "${spec.id}") does not export createActor`);
  }
  const inputs: InputPort[] = boot.inputs.filter((link) => link.to === spec.id).map((link) => ({ from: link.from, consumer: new RingConsumer(link.ringBuffer) }));
  const outputs: OutputPort[] = boot.outputs
    .filter((link) => link.from === spec.id)
    .map((link) => ({ to: link.to, producer: new RingProducer(link.ringBuffer, new Doorbell(link.consumerDoorbell)) }));
  const context: ActorContext = {
    spec,
    incarnation: boot.incarnation,
    config,
    logger: logger.child({ actor: spec.id }),
    clock,
    inputs,
    outputs,
    report: (payload, correlationId) => {
      send(correlationId === undefined ? { kind: 'report', actorId: spec.id, payload } : { kind: 'report', actorId: spec.id, payload, correlationId });
    },
    send: (to, message) => send({ kind: 'send', from: spec.id, to, message }),
  };
  const actor = module.createActor(context);
  const entry: HostedActor = { spec, actor, state: 'created', inputs };
  send({ kind: 'state', actorId: spec.id, state: 'created' });
  return entry;
}

// The mailbox loop's data, flattened once so a poll is a few array walks and no lookups.
const pollConsumers: RingConsumer[] = [];
const pollHandlers: RecordHandler[] = [];
const pollingActors: Actor[] = [];
const batchReaders: Actor[] = [];
/** Every input ring of the worker, for the park decision. */
const watchedConsumers: RingConsumer[] = [];

function buildPollTables(): void {
  for (const entry of hosted.values()) {
    const actor = entry.actor;
    for (const input of entry.inputs) watchedConsumers.push(input.consumer);
    if (actor.readInputs !== undefined) batchReaders.push(actor);
    else {
      entry.inputs.forEach((input, index) => {
        pollConsumers.push(input.consumer);
        pollHandlers.push((type, offset, length) => actor.onRecord(index, type, offset, length));
      });
    }
    if (actor.poll !== undefined) pollingActors.push(actor);
  }
}

function pollOnce(): number {
  let work = 0;
  for (let i = 0; i < pollConsumers.length; i++) work += pollConsumers[i]!.read(pollHandlers[i]!, READ_BATCH);
  for (let i = 0; i < batchReaders.length; i++) work += batchReaders[i]!.readInputs!();
  for (let i = 0; i < pollingActors.length; i++) work += pollingActors[i]!.poll!();
  return work;
}

function hasWork(): boolean {
  for (let i = 0; i < watchedConsumers.length; i++) if (!watchedConsumers[i]!.isEmpty()) return true;
  return false;
}

/**
 * One event-loop turn of mailbox work. Actors' exceptions are not caught here: they escape,
 * the worker dies, and the supervisor restarts it (crash-only design).
 */
function runSlice(): void {
  if (stopping) return;
  for (let i = 0; i < POLLS_PER_SLICE; i++) {
    if (pollOnce() > 0) {
      idler.onWork();
      continue;
    }
    if (usesEventLoop) {
      const parked = idler.idleAsync(hasWork);
      if (parked !== null) {
        void parked.then(() => setImmediate(runSlice));
        return;
      }
    } else if (idler.idle(hasWork)) {
      break; // after a park, let queued control messages in before polling again
    }
  }
  setImmediate(runSlice);
}

async function onMessage(message: SupervisorToHost): Promise<void> {
  if (message.kind === 'stop') {
    stopping = true;
    for (const entry of hosted.values()) {
      if (entry.state === 'running' || entry.state === 'starting') setState(entry, 'stopping');
      if (entry.state === 'stopping') {
        await entry.actor.stop();
        setState(entry, 'stopped');
      }
    }
    logger.info({ stats: { parks: idler.parks, wakeups: idler.wakeups, timeouts: idler.timeouts } }, 'worker stopped');
    send({ kind: 'stopped' });
    return;
  }
  const entry = hosted.get(message.actorId);
  if (entry === undefined) throw new ZvtError(ZVT_ERR_ACTOR_UNKNOWN, `worker "${boot.name}" hosts no actor "${message.actorId}"`);
  if (message.kind === 'resync') entry.actor.onResync?.(message.request);
  else entry.actor.onControl?.(message.message, message.correlationId);
}

async function main(): Promise<void> {
  for (const spec of boot.actors) hosted.set(spec.id, await createHostedActor(spec));
  port.on('message', (message: SupervisorToHost) => {
    onMessage(message).catch((error: unknown) => {
      // A failing control handler is a broken invariant like any other: fault the worker.
      setImmediate(() => {
        throw error;
      });
    });
  });
  for (const entry of hosted.values()) {
    setState(entry, 'starting');
    await entry.actor.start();
    setState(entry, 'running');
  }
  buildPollTables();
  logger.info({ actors: boot.actors.map((spec) => spec.id), clockUncertaintyNs: Math.round(clock.uncertaintyNs) }, 'worker running');
  send({ kind: 'ready' });
  runSlice();
}

await main();
