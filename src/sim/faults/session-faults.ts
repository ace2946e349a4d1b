// One WebSocket session's fault layer: decides per frame what reaches the client (dropped, doubled, held, corrupted, late) and when the session stalls or drops.
import type { SimFaultControl } from './fault-control.js';
import { faultStream, type FaultRandom } from './fault-random.js';
import { sampleDelay } from './sample-delay.js';
import type { SimFrameSelector, SimWebSocketFaults } from './sim-fault-config.js';

/** Where the decided frames go: the session's outbox (server/session-outbox.ts). */
export interface FaultedOutput {
  /** Queue one text frame, written no earlier than delayMs from now and never before an earlier one. */
  write(text: string, delayMs: number): void;
  /** Stop writing for durationMs (undefined: until the session closes); frames keep queueing. */
  stall(durationMs: number | undefined): void;
  /** Close now: destroy the connection (code undefined) or send that close code. Queued frames are lost. */
  disconnect(code: number | undefined): void;
}

/** The counters the fault layer moves (the server's stats hold them). */
export interface FrameFaultCounters {
  dropped: number;
  duplicated: number;
  reordered: number;
  corrupted: number;
  corruptNotApplicable: number;
  delayed: number;
  disconnects: number;
  stalls: number;
}

export type FrameKind = 'book' | 'trade' | 'control' | 'private';

/*
 * The exact order of decisions for one frame, which makes a seed's outcome reproducible:
 * 1. every frame counts towards afterFrames; a book frame also counts as the Nth of its key;
 * 2. book frames only: drop, corruptChecksum, duplicate, reorder, in that order; within each, the
 *    selectors in order, each matching probability selector drawing one number, the first hit
 *    deciding (a dropped frame draws nothing further);
 * 3. latency: one sample per written frame (uniform one draw, normal two), a held frame's when it
 *    is released;
 * 4. disconnect and stall triggers with afterFrames, after the frame was queued.
 * A frame chosen for reorder while another is held is sent normally (and releases the held one).
 */
export class SessionFaults {
  private faults: SimWebSocketFaults = {};
  private random: FaultRandom;
  private framesSinceInstall = 0;
  private readonly bookFramesByKey = new Map<string, number>();
  /** The frame held for a reorder (its copies, if duplicated too). */
  private held: string[] | null = null;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly control: SimFaultControl,
    /** The session's number on its server (1, 2, ...): its random stream. */
    private readonly ordinal: number,
    private readonly corruptChecksum: (frameText: string) => string | null,
    private readonly output: FaultedOutput,
    private readonly counters: FrameFaultCounters,
  ) {
    this.random = faultStream(control.seed, ordinal);
  }

  /** Installs the current configuration and follows later ones. */
  start(): void {
    this.install();
    this.unsubscribe = this.control.onChange(() => this.install());
  }

  onFrame(text: string, kind: FrameKind, key: string | undefined): void {
    if (this.closed) return;
    this.framesSinceInstall++;
    if (kind === 'book') this.onBookFrame(text, key ?? '');
    else this.write([text]);
    this.checkFrameTriggers();
  }

  /** The session ended: timers stop, a held frame is discarded. */
  close(): void {
    this.closed = true;
    this.held = null;
    this.clearTimers();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private install(): void {
    this.clearTimers();
    this.faults = this.control.current.websocket ?? {};
    this.random = faultStream(this.control.seed, this.ordinal);
    this.framesSinceInstall = 0;
    this.bookFramesByKey.clear();
    // A held frame is released at once: the configuration that held it is gone.
    if (this.held !== null) this.release();
    this.faults.disconnect?.forEach((fault, index) => {
      if (fault.afterMs !== undefined) this.timers.push(setTimeout(() => this.fireDisconnect(index), fault.afterMs));
    });
    this.faults.stall?.forEach((fault, index) => {
      if (fault.afterMs !== undefined) this.timers.push(setTimeout(() => this.fireStall(index), fault.afterMs));
    });
  }

  private onBookFrame(text: string, key: string): void {
    const number = (this.bookFramesByKey.get(key) ?? 0) + 1;
    this.bookFramesByKey.set(key, number);
    if (this.hits(this.faults.drop, key, number)) {
      this.counters.dropped++;
      return;
    }
    let frame = text;
    if (this.hits(this.faults.corruptChecksum, key, number)) {
      const corrupted = this.corruptChecksum(text);
      if (corrupted === null) this.counters.corruptNotApplicable++;
      else {
        frame = corrupted;
        this.counters.corrupted++;
      }
    }
    const copies = this.hits(this.faults.duplicate, key, number) ? [frame, frame] : [frame];
    if (copies.length === 2) this.counters.duplicated++;
    if (this.hits(this.faults.reorder, key, number) && this.held === null) {
      this.held = copies;
      return;
    }
    this.write(copies);
    if (this.held !== null) {
      this.release();
      this.counters.reordered++;
    }
  }

  private hits(selectors: readonly SimFrameSelector[] | undefined, key: string, number: number): boolean {
    if (selectors === undefined) return false;
    for (const selector of selectors) {
      if (selector.key !== undefined && selector.key !== '*' && selector.key !== key) continue;
      if (selector.frames !== undefined ? selector.frames.includes(number) : this.random() < selector.probability!) return true;
    }
    return false;
  }

  private release(): void {
    const held = this.held!;
    this.held = null;
    this.write(held);
  }

  private write(texts: readonly string[]): void {
    const delayMs = this.faults.latency === undefined ? 0 : sampleDelay(this.faults.latency, this.random);
    for (const text of texts) {
      if (delayMs > 0) this.counters.delayed++;
      this.output.write(text, delayMs);
    }
  }

  private checkFrameTriggers(): void {
    this.faults.stall?.forEach((fault, index) => {
      if (fault.afterFrames === this.framesSinceInstall) this.fireStall(index);
    });
    this.faults.disconnect?.forEach((fault, index) => {
      if (fault.afterFrames === this.framesSinceInstall) this.fireDisconnect(index);
    });
  }

  private fireStall(index: number): void {
    const fault = this.faults.stall?.[index];
    if (this.closed || fault === undefined) return;
    if (fault.every !== true && !this.control.claimOnce(`stall:${index}`)) return;
    this.counters.stalls++;
    this.output.stall(fault.durationMs);
  }

  private fireDisconnect(index: number): void {
    const fault = this.faults.disconnect?.[index];
    if (this.closed || fault === undefined) return;
    if (fault.every !== true && !this.control.claimOnce(`disconnect:${index}`)) return;
    this.counters.disconnects++;
    this.close();
    this.output.disconnect(fault.code);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
