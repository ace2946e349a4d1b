// SessionFaults decisions without sockets: what each frame becomes, in which order, and what once/every and a new configuration do.
import { afterEach, describe, expect, it } from 'vitest';
import { SimFaultControl } from '../../../../src/sim/faults/fault-control.js';
import { SessionFaults, type FaultedOutput, type FrameFaultCounters } from '../../../../src/sim/faults/session-faults.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';

/** The output a session writes to, kept as a list of events. */
class RecordedOutput implements FaultedOutput {
  readonly events: string[] = [];
  write(text: string, delayMs: number): void {
    this.events.push(delayMs === 0 ? text : `${text}+${delayMs}ms`);
  }
  stall(durationMs: number | undefined): void {
    this.events.push(`stall ${String(durationMs)}`);
  }
  disconnect(code: number | undefined): void {
    this.events.push(`disconnect ${String(code)}`);
  }
}

function counters(): FrameFaultCounters {
  return { dropped: 0, duplicated: 0, reordered: 0, corrupted: 0, corruptNotApplicable: 0, delayed: 0, disconnects: 0, stalls: 0 };
}

const sessions: SessionFaults[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});

function session(control: SimFaultControl, ordinal = 1): { faults: SessionFaults; output: RecordedOutput; counts: FrameFaultCounters } {
  const output = new RecordedOutput();
  const counts = counters();
  const faults = new SessionFaults(control, ordinal, (text) => (text.startsWith('c') ? `${text}!` : null), output, counts);
  faults.start();
  sessions.push(faults);
  return { faults, output, counts };
}

function control(config: SimFaultConfig): SimFaultControl {
  return new SimFaultControl(config, 1);
}

describe('SessionFaults', () => {
  it('decides drop before corrupt, duplicate and reorder; a dropped frame is nothing else', () => {
    const { faults, output, counts } = session(control({ websocket: { drop: [{ frames: [2] }], duplicate: [{ frames: [2, 3] }], corruptChecksum: [{ frames: [3] }] } }));
    for (const text of ['c1', 'c2', 'c3']) faults.onFrame(text, 'book', 'K');
    expect(output.events).toEqual(['c1', 'c3!', 'c3!']);
    expect(counts).toMatchObject({ dropped: 1, duplicated: 1, corrupted: 1 });
  });

  it('counts book frames per key; only book frames are touched; `*` selects every key', () => {
    const { faults, output } = session(control({ websocket: { drop: [{ key: '*', frames: [1] }] } }));
    faults.onFrame('a1', 'book', 'A');
    faults.onFrame('t', 'trade', 'A');
    faults.onFrame('p', 'private', undefined);
    faults.onFrame('b1', 'book', 'B');
    faults.onFrame('a2', 'book', 'A');
    expect(output.events).toEqual(['t', 'p', 'a2']);
  });

  it('fires a once-only disconnect in the first session to get there, in every session with every', () => {
    const once = control({ websocket: { disconnect: [{ afterFrames: 2 }] } });
    const [first, second] = [session(once, 1), session(once, 2)];
    for (const text of ['x', 'y', 'z']) {
      first.faults.onFrame(text, 'control', undefined);
      second.faults.onFrame(text, 'control', undefined);
    }
    expect(first.output.events).toEqual(['x', 'y', 'disconnect undefined']);
    expect(second.output.events).toEqual(['x', 'y', 'z']);

    const every = control({ websocket: { stall: [{ afterFrames: 1, durationMs: 10, every: true }] } });
    const [third, fourth] = [session(every, 1), session(every, 2)];
    third.faults.onFrame('x', 'control', undefined);
    fourth.faults.onFrame('x', 'control', undefined);
    expect([third.output.events, fourth.output.events]).toEqual([
      ['x', 'stall 10'],
      ['x', 'stall 10'],
    ]);
  });

  it('releases a held frame when the configuration changes, and counts from 1 again', () => {
    const faults = control({ websocket: { reorder: [{ frames: [1] }] } });
    const { faults: session1, output } = session(faults);
    session1.onFrame('r1', 'book', 'K');
    expect(output.events).toEqual([]);
    faults.set({ websocket: { duplicate: [{ frames: [1] }] } });
    session1.onFrame('r2', 'book', 'K');
    expect(output.events).toEqual(['r1', 'r2', 'r2']);
  });

  it('samples one latency per written frame, copies of a duplicate sharing it', () => {
    const { faults, output, counts } = session(control({ websocket: { latency: { fixedMs: 7 }, duplicate: [{ frames: [1] }] } }));
    faults.onFrame('d', 'book', 'K');
    faults.onFrame('t', 'trade', undefined);
    expect(output.events).toEqual(['d+7ms', 'd+7ms', 't+7ms']);
    expect(counts.delayed).toBe(3);
  });
});
