// Plans which worker hosts which actor and allocates one ring per actor-to-actor link (cold path).
import { Doorbell } from '../hotpath/doorbell.js';
import { allocateRingBuffer } from '../hotpath/ring-layout.js';
import type { ActorSpec } from './actor.js';
import { topologyError } from './errors.js';

export interface PlacementOptions {
  placement: Readonly<Record<string, string>>;
  defaultWorker: string;
  mailbox: { capacityBytes: number };
}

export interface LinkPlan {
  from: string;
  to: string;
  ringBuffer: SharedArrayBuffer;
  /** Doorbell of the worker that consumes this link. */
  consumerDoorbell: SharedArrayBuffer;
}

export interface WorkerPlan {
  name: string;
  doorbell: SharedArrayBuffer;
  actors: ActorSpec[];
  /** Links whose consumer is an actor of this worker. */
  inputs: LinkPlan[];
  /** Links whose producer is an actor of this worker. */
  outputs: LinkPlan[];
}

export interface Topology {
  workers: Map<string, WorkerPlan>;
  workerOf: Map<string, string>;
  links: LinkPlan[];
  /** actor id → ids of actors that read its output. */
  downstreamOf: Map<string, string[]>;
}

/**
 * Validates the actor graph (unique ids, known inputs, no self-links) and lays it out. Rings are
 * allocated here, once, and survive worker restarts: a restarted actor re-attaches to the same
 * shared memory and continues from the published positions, so nothing published is lost.
 */
export function planTopology(specs: readonly ActorSpec[], options: PlacementOptions): Topology {
  const byId = new Map<string, ActorSpec>();
  for (const spec of specs) {
    if (byId.has(spec.id)) throw topologyError(`duplicate actor id "${spec.id}"`);
    byId.set(spec.id, spec);
  }
  for (const placed of Object.keys(options.placement)) {
    if (!byId.has(placed)) throw topologyError(`runtime.placement names actor "${placed}", which is not part of this engine (actors: ${[...byId.keys()].join(', ')})`);
  }
  const workers = new Map<string, WorkerPlan>();
  const workerOf = new Map<string, string>();
  for (const spec of specs) {
    const name = options.placement[spec.id] ?? options.defaultWorker;
    let plan = workers.get(name);
    if (plan === undefined) {
      plan = { name, doorbell: new Doorbell().buffer, actors: [], inputs: [], outputs: [] };
      workers.set(name, plan);
    }
    plan.actors.push(spec);
    workerOf.set(spec.id, name);
  }
  const links: LinkPlan[] = [];
  const downstreamOf = new Map<string, string[]>(specs.map((spec) => [spec.id, []]));
  for (const spec of specs) {
    const consumerWorker = workers.get(workerOf.get(spec.id)!)!;
    for (const from of spec.inputs ?? []) {
      if (from === spec.id) throw topologyError(`actor "${spec.id}" lists itself as an input`);
      if (!byId.has(from)) throw topologyError(`actor "${spec.id}" reads from unknown actor "${from}"`);
      const link: LinkPlan = { from, to: spec.id, ringBuffer: allocateRingBuffer(spec.mailboxBytes ?? options.mailbox.capacityBytes), consumerDoorbell: consumerWorker.doorbell };
      links.push(link);
      consumerWorker.inputs.push(link);
      workers.get(workerOf.get(from)!)!.outputs.push(link);
      downstreamOf.get(from)!.push(spec.id);
    }
  }
  return { workers, workerOf, links, downstreamOf };
}
