// Cold-path messages between the supervisor (main thread) and worker hosts, over postMessage.
import type { ClockBase } from './clock-calibration.js';
import type { ActorSpec, ResyncRequest } from './actor.js';
import type { ActorState } from './lifecycle.js';
import type { LinkPlan } from './topology.js';

/** Everything a worker needs to (re)build its actors; structured-clone-safe. */
export interface WorkerBootData {
  name: string;
  /** 1 for the first start, +1 per restart. */
  incarnation: number;
  config: unknown;
  clockBase: ClockBase;
  doorbell: SharedArrayBuffer;
  actors: ActorSpec[];
  inputs: LinkPlan[];
  outputs: LinkPlan[];
}

export type SupervisorToHost =
  | { kind: 'control'; actorId: string; message: unknown; correlationId?: number }
  | { kind: 'resync'; actorId: string; request: ResyncRequest }
  | { kind: 'stop' };

export type HostToSupervisor =
  | { kind: 'ready' }
  | { kind: 'state'; actorId: string; state: ActorState }
  | { kind: 'report'; actorId: string; payload: unknown; correlationId?: number }
  | { kind: 'send'; from: string; to: string; message: unknown }
  | { kind: 'stopped' };
