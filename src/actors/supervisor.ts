// Starts the actor workers, restarts crashed ones with backoff, and tells downstream actors to resync.
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/config-schema.js';
import type { Logger } from '../config/logger.js';
import { Doorbell } from '../hotpath/doorbell.js';
import { ZvtError } from '../model/errors.js';
import type { ActorSpec, ResyncRequest } from './actor.js';
import { takeClockBase, type ClockBase } from './clock-calibration.js';
import { ZVT_ERR_ACTOR_UNKNOWN, ZVT_ERR_REQUEST_TIMEOUT, ZVT_ERR_SUPERVISOR_STOPPED, ZVT_ERR_WORKER_GAVE_UP } from './errors.js';
import type { HostToSupervisor, SupervisorToHost, WorkerBootData } from './host-messages.js';
import type { ActorState } from './lifecycle.js';
import { siblingModuleUrl, startModuleWorker } from './module-worker.js';
import { planTopology, type Topology, type WorkerPlan } from './topology.js';

export type WorkerStatus = 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped' | 'failed';

export interface WorkerInfo {
  name: string;
  status: WorkerStatus;
  incarnation: number;
  restarts: number;
  actors: string[];
}

/** Events: see SupervisorEvents. */
export interface SupervisorEvents {
  'worker-crashed': [{ worker: string; incarnation: number; error: string; exitCode: number }];
  'worker-restarted': [{ worker: string; incarnation: number; actors: string[] }];
  'worker-gave-up': [{ worker: string; restarts: number; error: string }];
  'actor-state': [{ actorId: string; state: ActorState }];
  report: [{ actorId: string; payload: unknown }];
}

interface RunningWorker {
  plan: WorkerPlan;
  worker: Worker | null;
  status: WorkerStatus;
  incarnation: number;
  restarts: number;
  crashTimes: number[];
  lastError: string;
  doorbell: Doorbell;
}

interface PendingRequest {
  actorId: string;
  resolve(payload: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const WORKER_HOST_URL = siblingModuleUrl(import.meta.url, 'worker-host');

/**
 * Owns the topology for the life of the engine. Rings and doorbells are allocated once and
 * outlive worker incarnations: a worker that dies loses only what it had claimed but not
 * published, so a consumer can never see a torn record, and its replacement continues from the
 * shared positions. Crash-only: a crashed worker is never patched up, it is replaced, and every
 * actor reading from it is told to resynchronise.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  readonly topology: Topology;
  private readonly workers = new Map<string, RunningWorker>();
  private readonly actorStates = new Map<string, ActorState>();
  private readonly pending = new Map<number, PendingRequest>();
  /** The time base every worker's MonoClock is calibrated against; the main thread calibrates its own against it too (latency histograms). */
  readonly clockBase: ClockBase = takeClockBase();
  private nextCorrelationId = 1;
  private stopped = false;

  constructor(
    specs: readonly ActorSpec[],
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    super();
    this.topology = planTopology(specs, config.runtime);
    for (const plan of this.topology.workers.values()) {
      this.workers.set(plan.name, { plan, worker: null, status: 'starting', incarnation: 0, restarts: 0, crashTimes: [], lastError: '', doorbell: new Doorbell(plan.doorbell) });
    }
  }

  /** Starts every worker; resolves when all actors run. */
  async start(): Promise<void> {
    await Promise.all([...this.workers.values()].map((running) => this.launch(running)));
  }

  /** Sends a cold-path message to an actor's `onControl`. */
  send(actorId: string, message: unknown): void {
    this.post(actorId, { kind: 'control', actorId, message });
  }

  /** Sends a message and resolves with the actor's `report(payload, correlationId)` reply. */
  request(actorId: string, message: unknown, timeoutMs = 5000): Promise<unknown> {
    const correlationId = this.nextCorrelationId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new ZvtError(ZVT_ERR_REQUEST_TIMEOUT, `actor "${actorId}" did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(correlationId, { actorId, resolve, reject, timer });
      this.post(actorId, { kind: 'control', actorId, message, correlationId });
    });
  }

  /** Asks an actor to drop derived state and resynchronise. */
  requestResync(actorId: string, request: ResyncRequest): void {
    this.post(actorId, { kind: 'resync', actorId, request });
  }

  actorState(actorId: string): ActorState | undefined {
    return this.actorStates.get(actorId);
  }

  workerInfo(): WorkerInfo[] {
    return [...this.workers.values()].map((running) => ({
      name: running.plan.name,
      status: running.status,
      incarnation: running.incarnation,
      restarts: running.restarts,
      actors: running.plan.actors.map((spec) => spec.id),
    }));
  }

  /** Terminates a worker as a crash would (operations and tests); the supervisor restarts it. */
  async crashWorker(name: string): Promise<void> {
    const running = this.workers.get(name);
    if (running?.worker === null || running === undefined) throw new ZvtError(ZVT_ERR_ACTOR_UNKNOWN, `no running worker "${name}"`);
    running.lastError = 'terminated by crashWorker()';
    await running.worker.terminate();
  }

  /** Stops every actor (their `stop()`), then the workers. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(
      [...this.workers.values()].map(async (running) => {
        const worker = running.worker;
        if (worker === null) return;
        running.status = 'stopping';
        const stoppedMessage = new Promise<void>((resolve) => {
          const onMessage = (message: HostToSupervisor): void => {
            if (message.kind === 'stopped') resolve();
          };
          worker.on('message', onMessage);
          worker.once('exit', () => resolve());
        });
        worker.postMessage({ kind: 'stop' } satisfies SupervisorToHost);
        running.doorbell.ring();
        const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
        await Promise.race([stoppedMessage, timer]);
        await worker.terminate();
        running.status = 'stopped';
      }),
    );
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(new ZvtError(ZVT_ERR_SUPERVISOR_STOPPED, 'supervisor stopped'));
      this.pending.delete(id);
    }
  }

  private post(actorId: string, message: SupervisorToHost): void {
    if (this.stopped) throw new ZvtError(ZVT_ERR_SUPERVISOR_STOPPED, 'supervisor stopped');
    const name = this.topology.workerOf.get(actorId);
    if (name === undefined) throw new ZvtError(ZVT_ERR_ACTOR_UNKNOWN, `no actor "${actorId}"`);
    const running = this.workers.get(name)!;
    // A message for a worker between incarnations is dropped; the fresh actor resyncs anyway.
    if (running.worker === null) return;
    running.worker.postMessage(message);
    // A parked worker only sees messages after it wakes: ring its doorbell.
    running.doorbell.ring();
  }

  private launch(running: RunningWorker): Promise<void> {
    running.incarnation++;
    running.status = running.incarnation === 1 ? 'starting' : 'restarting';
    const boot: WorkerBootData = {
      name: running.plan.name,
      incarnation: running.incarnation,
      config: this.config,
      clockBase: this.clockBase,
      doorbell: running.plan.doorbell,
      actors: running.plan.actors,
      inputs: running.plan.inputs,
      outputs: running.plan.outputs,
    };
    const worker = startModuleWorker(WORKER_HOST_URL, { workerData: boot, name: `zvt:${running.plan.name}` });
    running.worker = worker;
    return new Promise<void>((resolve) => {
      let ready = false;
      worker.on('message', (message: HostToSupervisor) => {
        if (message.kind === 'ready') {
          ready = true;
          running.status = 'running';
          resolve();
        } else this.onHostMessage(message);
      });
      worker.on('error', (error) => {
        running.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      });
      worker.once('exit', (exitCode) => {
        if (running.worker === worker) running.worker = null;
        if (this.stopped) return;
        this.onWorkerExit(running, exitCode);
        // A worker that dies before it is ready still counts as started: the restart owns it now.
        if (!ready) resolve();
      });
    });
  }

  private onHostMessage(message: HostToSupervisor): void {
    if (message.kind === 'state') {
      this.actorStates.set(message.actorId, message.state);
      this.emit('actor-state', { actorId: message.actorId, state: message.state });
    } else if (message.kind === 'report') {
      const request = message.correlationId === undefined ? undefined : this.pending.get(message.correlationId);
      if (request !== undefined) {
        clearTimeout(request.timer);
        this.pending.delete(message.correlationId!);
        request.resolve(message.payload);
      } else this.emit('report', { actorId: message.actorId, payload: message.payload });
    } else if (message.kind === 'send') {
      if (this.stopped || !this.topology.workerOf.has(message.to)) {
        this.logger.warn({ from: message.from, to: message.to }, 'actor message to an unknown or stopped actor dropped');
        return;
      }
      this.send(message.to, message.message);
    }
  }

  private onWorkerExit(running: RunningWorker, exitCode: number): void {
    const name = running.plan.name;
    const error = running.lastError || `exited with code ${exitCode}`;
    running.lastError = '';
    for (const spec of running.plan.actors) {
      this.actorStates.set(spec.id, 'faulted');
      this.emit('actor-state', { actorId: spec.id, state: 'faulted' });
    }
    for (const [id, request] of this.pending) {
      if (this.topology.workerOf.get(request.actorId) !== name) continue;
      clearTimeout(request.timer);
      this.pending.delete(id);
      request.reject(new ZvtError(ZVT_ERR_WORKER_GAVE_UP, `worker "${name}" crashed before actor "${request.actorId}" answered: ${error}`));
    }
    this.logger.error({ worker: name, incarnation: running.incarnation, exitCode, error }, 'worker crashed');
    this.emit('worker-crashed', { worker: name, incarnation: running.incarnation, error, exitCode });

    const { maxRestarts, windowMs, backoffInitialMs, backoffMaxMs } = this.config.runtime.supervisor;
    const now = Date.now();
    running.crashTimes = running.crashTimes.filter((time) => now - time < windowMs);
    running.crashTimes.push(now);
    if (running.crashTimes.length > maxRestarts) {
      running.status = 'failed';
      this.logger.fatal({ worker: name, restarts: running.restarts, windowMs, error }, 'worker crashed too often; not restarting it');
      this.emit('worker-gave-up', { worker: name, restarts: running.restarts, error });
      return;
    }
    // Exponential backoff with full jitter between restarts of the same worker.
    const ceiling = Math.min(backoffMaxMs, backoffInitialMs * 2 ** (running.crashTimes.length - 1));
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    running.status = 'restarting';
    setTimeout(() => {
      if (this.stopped) return;
      running.restarts++;
      void this.launch(running).then(() => this.afterRestart(running));
    }, delayMs);
  }

  private afterRestart(running: RunningWorker): void {
    if (running.status !== 'running') return;
    const restarted = running.plan.actors.map((spec) => spec.id);
    this.logger.warn({ worker: running.plan.name, incarnation: running.incarnation, actors: restarted }, 'worker restarted');
    this.emit('worker-restarted', { worker: running.plan.name, incarnation: running.incarnation, actors: restarted });
    // Everything downstream of a restarted actor, outside the restarted worker (whose actors are
    // fresh anyway), drops derived state and resynchronises.
    const notify = new Map<string, string[]>();
    for (const upstream of restarted) {
      for (const downstream of this.topology.downstreamOf.get(upstream) ?? []) {
        if (restarted.includes(downstream)) continue;
        notify.set(downstream, [...(notify.get(downstream) ?? []), upstream]);
      }
    }
    for (const [downstream, upstreams] of notify) this.requestResync(downstream, { reason: 'upstream-restarted', actorIds: upstreams });
  }
}
