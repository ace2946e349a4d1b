// FixFrameReader on captured FIX 4.4 messages: whole, split at every byte, coalesced, behind garbage; bad checksum, bad length, oversized, other versions.
import { describe, expect, it } from 'vitest';
import { fixChecksum } from '../../../../src/gateway/fix/fix-checksum.js';
import { FixFrameReader, type FixFrameEvent } from '../../../../src/gateway/fix/fix-frame-reader.js';
import { CAPTURED_MESSAGES, FIX42_EXECUTION_REPORT, wire } from './fix-fixtures.js';

function drain(reader: FixFrameReader): FixFrameEvent[] {
  const events: FixFrameEvent[] = [];
  for (let event = reader.next(); event !== null; event = reader.next()) {
    events.push(event.kind === 'frame' ? { kind: 'frame', bytes: Buffer.from(event.bytes) } : event);
  }
  return events;
}

function frames(events: readonly FixFrameEvent[]): string[] {
  return events.flatMap((event) => (event.kind === 'frame' ? [event.bytes.toString('latin1')] : []));
}

describe('FIX checksum and body length', () => {
  it('agrees with the CheckSum and BodyLength of captured messages and of the FIX 4.2 example', () => {
    for (const text of [...CAPTURED_MESSAGES, FIX42_EXECUTION_REPORT]) {
      const bytes = wire(text);
      const trailer = bytes.lastIndexOf('\x0110=') + 1;
      expect(fixChecksum(bytes, 0, trailer)).toBe(Number(bytes.toString('latin1', trailer + 3, trailer + 6)));
      const bodyStart = bytes.indexOf('\x0135=') + 1;
      const lengthStart = bytes.indexOf('\x019=') + 3;
      expect(trailer - bodyStart).toBe(Number(bytes.toString('latin1', lengthStart, bytes.indexOf('\x01', lengthStart))));
    }
  });
});

describe('FixFrameReader', () => {
  it('cuts captured messages out of one coalesced read', () => {
    const reader = new FixFrameReader(65_536);
    reader.push(Buffer.concat(CAPTURED_MESSAGES.map(wire)));
    expect(frames(drain(reader))).toEqual(CAPTURED_MESSAGES.map((text) => wire(text).toString('latin1')));
    expect(reader.pendingBytes).toBe(0);
  });

  it('gives the same frames when the stream is split at every possible byte', () => {
    const stream = Buffer.concat(CAPTURED_MESSAGES.slice(0, 3).map(wire));
    for (let split = 1; split < stream.length; split++) {
      const reader = new FixFrameReader(65_536);
      reader.push(stream.subarray(0, split));
      const events = drain(reader);
      reader.push(stream.subarray(split));
      events.push(...drain(reader));
      expect(events.every((event) => event.kind === 'frame')).toBe(true);
      expect(frames(events)).toHaveLength(3);
    }
  });

  it('reads one byte at a time', () => {
    const reader = new FixFrameReader(65_536);
    const events: FixFrameEvent[] = [];
    for (const byte of wire(CAPTURED_MESSAGES[3]!)) {
      reader.push(Buffer.from([byte]));
      events.push(...drain(reader));
    }
    expect(frames(events)).toEqual([wire(CAPTURED_MESSAGES[3]!).toString('latin1')]);
  });

  it('skips garbage to the next "8=FIX", keeping a partial "8=FI" at the end of a read', () => {
    const reader = new FixFrameReader(65_536);
    const message = wire(CAPTURED_MESSAGES[1]!);
    reader.push(Buffer.from('hello 8=F', 'latin1'));
    expect(drain(reader)).toEqual([{ kind: 'garbled', reason: 'no_begin_string', bytes: 6 }]);
    reader.push(message.subarray(3));
    expect(frames(drain(reader))).toEqual([message.toString('latin1')]);
  });

  it('drops a message with a bad checksum whole, and one with a wrong BodyLength by resynchronising', () => {
    const good = wire(CAPTURED_MESSAGES[1]!);
    const badChecksum = Buffer.from(good);
    badChecksum[badChecksum.length - 2] = 0x39 - (badChecksum[badChecksum.length - 2]! - 0x30);
    const badLength = wire(CAPTURED_MESSAGES[1]!.replace('9=95', '9=90'));
    const reader = new FixFrameReader(65_536);
    reader.push(Buffer.concat([badChecksum, badLength, good]));
    const events = drain(reader);
    expect(events[0]).toEqual({ kind: 'garbled', reason: 'bad_checksum', bytes: badChecksum.length });
    expect(events.slice(1, -1).every((event) => event.kind === 'garbled')).toBe(true);
    expect(events[1]).toMatchObject({ reason: 'bad_body_length' });
    expect(frames(events)).toEqual([good.toString('latin1')]);
  });

  it('reports a frame of another FIX version once, consumed, when it is well framed', () => {
    const reader = new FixFrameReader(65_536);
    reader.push(Buffer.concat([wire(FIX42_EXECUTION_REPORT), wire(CAPTURED_MESSAGES[0]!)]));
    const events = drain(reader);
    expect(events[0]).toEqual({ kind: 'wrong_begin_string', beginString: 'FIX.4.2' });
    expect(frames(events)).toHaveLength(1);
  });

  it('stops at a BodyLength above the limit without waiting for the body', () => {
    const reader = new FixFrameReader(1_000);
    reader.push(Buffer.from('8=FIX.4.4\x019=1001\x0135=D\x01', 'latin1'));
    expect(drain(reader)).toEqual([{ kind: 'oversized', bodyLength: 1001 }]);
    reader.push(wire(CAPTURED_MESSAGES[0]!));
    expect(drain(reader)).toEqual([]);
  });

  it('treats a header that is not 8=, 9=digits as garbage', () => {
    const reader = new FixFrameReader(65_536);
    reader.push(Buffer.concat([Buffer.from('8=FIX.4.4\x0135=0\x01', 'latin1'), Buffer.from('8=FIX.4.4\x019=x\x01', 'latin1'), wire(CAPTURED_MESSAGES[1]!)]));
    const events = drain(reader);
    expect(events.filter((event) => event.kind === 'garbled').map((event) => (event.kind === 'garbled' ? event.reason : ''))).toContain('bad_header');
    expect(frames(events)).toEqual([wire(CAPTURED_MESSAGES[1]!).toString('latin1')]);
  });
});
