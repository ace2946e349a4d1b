// Model-based property test of the SPSC ring: random claim/publish/read sequences, wrap-around,
// full ring and int32 position overflow, checked against a plain-array model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingConsumer } from '../../../src/hotpath/ring-consumer.js';
import { allocateRingBuffer, HEAD_POSITION_OFFSET, maxPayloadBytes, TAIL_POSITION_OFFSET } from '../../../src/hotpath/ring-layout.js';
import { RingProducer } from '../../../src/hotpath/ring-producer.js';
import { RING_FULL, RING_INVALID_TYPE, RING_RECORD_TOO_LARGE } from '../../../src/hotpath/ring-status.js';

interface ModelRecord {
  type: number;
  payload: Uint8Array;
}

/** The specification in its plainest form: byte accounting with unbounded integers. */
class RingModel {
  tail: number;
  head: number;
  published: number;
  readonly inFlight: { record: ModelRecord; end: number }[] = [];
  readonly max: number;

  constructor(readonly capacity: number, start: number) {
    this.tail = start;
    this.head = start;
    this.published = start;
    this.max = maxPayloadBytes(capacity);
  }

  claim(record: ModelRecord): 'ok' | 'full' | 'too-large' {
    if (record.payload.length > this.max) return 'too-large';
    const required = Math.ceil((8 + record.payload.length) / 8) * 8;
    const index = ((this.tail % this.capacity) + this.capacity) % this.capacity;
    const toEnd = this.capacity - index;
    const total = required > toEnd ? toEnd + required : required;
    if (this.tail - this.head + total > this.capacity) return 'full';
    this.tail += total;
    this.inFlight.push({ record, end: this.tail });
    return 'ok';
  }

  publish(): void {
    this.published = this.tail;
  }

  read(max: number): ModelRecord[] {
    const out: ModelRecord[] = [];
    while (out.length < max && this.inFlight.length > 0 && this.inFlight[0]!.end <= this.published) {
      const next = this.inFlight.shift()!;
      out.push(next.record);
      this.head = next.end;
    }
    return out;
  }
}

type Command =
  | { kind: 'claim'; type: number; size: number; seed: number }
  | { kind: 'publish' }
  | { kind: 'read'; max: number }
  | { kind: 'gather'; max: number };

function commandArbitrary(capacity: number): fc.Arbitrary<Command> {
  const max = maxPayloadBytes(capacity);
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('claim' as const), type: fc.integer({ min: 1, max: 1000 }), size: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: max + 16 })), seed: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'publish' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), max: fc.integer({ min: 1, max: 20 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('gather' as const), max: fc.integer({ min: 1, max: 20 }) }) },
  );
}

function payloadOf(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (seed + i * 7) & 0xff;
  return bytes;
}

function runScenario(capacity: number, startPosition: number, commands: Command[]): void {
  const buffer = allocateRingBuffer(capacity);
  // Seed both positions (as a long-running ring would have them) to exercise int32 wrap.
  const control = new Int32Array(buffer);
  control[(capacity + TAIL_POSITION_OFFSET) >> 2] = startPosition | 0;
  control[(capacity + HEAD_POSITION_OFFSET) >> 2] = startPosition | 0;
  const producer = new RingProducer(buffer);
  const consumer = new RingConsumer(buffer);
  const model = new RingModel(capacity, startPosition);

  for (const command of commands) {
    if (command.kind === 'claim') {
      const payload = payloadOf(command.size, command.seed);
      const expected = model.claim({ type: command.type, payload });
      const offset = producer.tryClaim(command.type, command.size);
      if (expected === 'full') expect(offset).toBe(RING_FULL);
      else if (expected === 'too-large') expect(offset).toBe(RING_RECORD_TOO_LARGE);
      else {
        expect(offset).toBeGreaterThanOrEqual(8);
        expect(offset % 8).toBe(0);
        expect(offset + command.size).toBeLessThanOrEqual(capacity);
        producer.u8.set(payload, offset);
      }
    } else if (command.kind === 'publish') {
      producer.publish();
      model.publish();
    } else if (command.kind === 'gather') {
      // Gather twice before releasing: records stay intact and unreleased until release().
      const types = new Int32Array(command.max);
      const offsets = new Int32Array(command.max);
      const lengths = new Int32Array(command.max);
      const first = consumer.gather(types, offsets, lengths, Math.ceil(command.max / 2));
      const second = consumer.gather(types.subarray(first), offsets.subarray(first), lengths.subarray(first), command.max - first);
      const freeBefore = producer.freeBytes();
      const got: ModelRecord[] = [];
      for (let i = 0; i < first + second; i++) got.push({ type: types[i]!, payload: consumer.u8.slice(offsets[i], offsets[i]! + lengths[i]!) });
      consumer.release();
      const expected = model.read(command.max);
      expect(got).toEqual(expected);
      if (expected.length > 0) expect(producer.freeBytes()).toBeGreaterThan(freeBefore);
    } else {
      const got: ModelRecord[] = [];
      const count = consumer.read((type, offset, length) => {
        got.push({ type, payload: consumer.u8.slice(offset, offset + length) });
      }, command.max);
      const expected = model.read(command.max);
      expect(count).toBe(expected.length);
      expect(got).toEqual(expected);
    }
  }
  // Drain: everything published arrives, nothing more.
  producer.publish();
  model.publish();
  const rest: ModelRecord[] = [];
  consumer.read((type, offset, length) => rest.push({ type, payload: consumer.u8.slice(offset, offset + length) }));
  expect(rest).toEqual(model.read(Number.MAX_SAFE_INTEGER));
  expect(consumer.isEmpty()).toBe(true);
}

describe('ring buffer against a model', () => {
  it('delivers published records in order, intact, and reports full and too-large exactly', () => {
    fc.assert(
      fc.property(fc.constantFrom(1024, 2048, 4096), fc.array(commandArbitrary(1024), { minLength: 1, maxLength: 400 }), (capacity, commands) => {
        runScenario(capacity, 0, commands);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps working when the int32 byte positions overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 ** 31 - 8192, max: 2 ** 31 - 1 }), fc.array(commandArbitrary(1024), { minLength: 50, maxLength: 400 }), (start, commands) => {
        runScenario(1024, start - (start % 8), commands);
      }),
      { numRuns: 200 },
    );
  });

  it('fills to exactly the capacity and refuses one byte more', () => {
    const producer = new RingProducer(allocateRingBuffer(1024));
    // 16 records of 64 bytes (8 header + 56 payload) fill 1024 bytes.
    for (let i = 0; i < 16; i++) expect(producer.tryClaim(1, 56)).toBeGreaterThanOrEqual(0);
    expect(producer.tryClaim(1, 0)).toBe(RING_FULL);
    expect(producer.freeBytes()).toBe(0);
  });

  it('rejects type 0, negative and fractional types', () => {
    const producer = new RingProducer(allocateRingBuffer(1024));
    expect(producer.tryClaim(0, 8)).toBe(RING_INVALID_TYPE);
    expect(producer.tryClaim(-1, 8)).toBe(RING_INVALID_TYPE);
    expect(producer.tryClaim(1.5, 8)).toBe(RING_INVALID_TYPE);
  });

  it('rejects capacities that are not a power of two within bounds', () => {
    expect(() => allocateRingBuffer(5000)).toThrow(/power of two/);
    expect(() => allocateRingBuffer(512)).toThrow(/power of two/);
  });
});
