// The actor contract: what an actor module exports and what the runtime hands each actor.
import type { Config } from '../config/config-schema.js';
import type { Logger } from '../config/logger.js';
import type { MonoClock } from '../hotpath/mono-clock.js';
import type { RingConsumer } from '../hotpath/ring-consumer.js';
import type { RingProducer } from '../hotpath/ring-producer.js';

/** How an actor is declared: plain data, so it can be re-created after a crash. */
export interface ActorSpec {
  /** Unique id, e.g. `venue:binance`, `instrument:BTC-USDT`, `recorder`. Placement is keyed by it. */
  id: string;
  /** URL of the module that exports `createActor` (see ActorModule). */
  module: string;
  /** Actors whose output rings feed this actor's mailbox, in input-port order. */
  inputs?: readonly string[];
  /** Actor-specific parameters (structured-clone-safe). */
  params?: unknown;
  /**
   * Bytes of each of this actor's input rings (a power of two), when the configured mailbox size
   * is too small: a ring must hold the largest single batch written to it (a 46 000-level
   * Coinbase snapshot is 2.6 MB of records).
   */
  mailboxBytes?: number;
  /**
   * True for actors that live on the event loop (sockets, timers): a worker hosting one never
   * blocks in Atomics.wait, it parks with Atomics.waitAsync instead so I/O keeps flowing.
   */
  usesEventLoop?: boolean;
}

/** One upstream → downstream link: a ring owned by the downstream actor's mailbox. */
export interface InputPort {
  /** Upstream actor id. */
  from: string;
  consumer: RingConsumer;
}

export interface OutputPort {
  /** Downstream actor id. */
  to: string;
  producer: RingProducer;
}

/** Why an actor is asked to resynchronise. */
export interface ResyncRequest {
  reason: 'upstream-restarted' | 'requested';
  /** The upstream actors concerned. */
  actorIds: readonly string[];
}

export interface ActorContext {
  readonly spec: ActorSpec;
  /** 1 on first start, +1 each time the supervisor re-creates the actor after a crash. */
  readonly incarnation: number;
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: MonoClock;
  readonly inputs: readonly InputPort[];
  readonly outputs: readonly OutputPort[];
  /** Sends a cold-path message to the supervisor (state, reports, replies). */
  report(payload: unknown, correlationId?: number): void;
  /** Sends a cold-path message to another actor's `onControl` (e.g. "resync this symbol"), via the supervisor. */
  send(actorId: string, message: unknown): void;
}

/**
 * A logical unit with a mailbox. The runtime calls `onRecord` for every record of every input
 * ring on the hot path: no allocation, no await, no logging, no try/catch there. Anything the
 * actor throws faults it; the supervisor restarts its worker (crash-only).
 */
export interface Actor {
  /** Called once before any record; may be async (connect, load snapshots). */
  start(): void | Promise<void>;
  /** One record from input port `input`; payload valid only during the call (copy what you keep). */
  onRecord(input: number, type: number, payloadOffset: number, payloadLength: number): void;
  /** Optional work not driven by input records (e.g. a source); returns how much work it did. */
  poll?(): number;
  /**
   * Optional: the actor drains its own input rings (e.g. with RingConsumer.gather, to hand whole
   * batches to the native book engine) instead of receiving `onRecord` per record. Returns how
   * many records it consumed. The host still watches the rings to decide when to park.
   */
  readInputs?(): number;
  /** Cold-path messages from the supervisor or other components. */
  onControl?(message: unknown, correlationId: number | undefined): void;
  /** The upstream restarted or asked for it: drop derived state and take fresh snapshots. */
  onResync?(request: ResyncRequest): void;
  stop(): void | Promise<void>;
}

/** What an actor module must export. */
export interface ActorModule {
  createActor(context: ActorContext): Actor;
}
