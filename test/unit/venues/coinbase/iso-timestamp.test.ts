// RFC 3339 UTC timestamps to exact epoch seconds + nanoseconds: every recorded time, generated times, and the forms refused.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIsoTimestamp, parseIsoTimestampBytes, ParsedTimestamp } from '../../../../src/actors/venues/coinbase/iso-timestamp.js';
import { loadCoinbaseSession, type CoinbaseSession } from './coinbase-session.js';

let session: CoinbaseSession;

beforeAll(async () => {
  session = await loadCoinbaseSession();
});

/** Seconds from Date (whole seconds only) and nanoseconds from the text: an independent oracle. */
function oracle(text: string): [number, number] {
  const match = /^(.{19})(?:\.(\d+))?Z$/.exec(text)!;
  return [Date.parse(`${match[1]!}Z`) / 1000, Number((match[2] ?? '').padEnd(9, '0'))];
}

function parsed(text: string): [number, number] | null {
  const out = new ParsedTimestamp();
  if (!parseIsoTimestamp(text, out)) return null;
  // The byte form must agree, also when the text sits inside a bigger buffer.
  const bytes = new TextEncoder().encode(`"${text}"`);
  const fromBytes = new ParsedTimestamp();
  expect(parseIsoTimestampBytes(bytes, 1, bytes.length - 1, fromBytes)).toBe(true);
  expect([fromBytes.seconds, fromBytes.nanos]).toEqual([out.seconds, out.nanos]);
  return [out.seconds, out.nanos];
}

describe('parseIsoTimestamp', () => {
  it('reads every message timestamp and every time in the recording exactly', () => {
    const times = new Set<string>();
    for (const text of session.frames) for (const match of text.matchAll(/"(?:timestamp|time|event_time)":"([^"]+)"/g)) times.add(match[1]!);
    expect(times.size).toBeGreaterThan(1000);
    for (const time of times) expect(parsed(time), time).toEqual(oracle(time));
  });

  it('reads generated dates from 1970 to 9999 with 0 to 9 fraction digits', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)), noInvalidDate: true }), fc.integer({ min: 0, max: 9 }), fc.nat(999_999_999), (date, digits, fraction) => {
        const whole = date.toISOString().slice(0, 19);
        const fractionText = digits === 0 ? '' : `.${String(fraction).padStart(9, '0').slice(0, digits)}`;
        const text = `${whole}${fractionText}Z`;
        expect(parsed(text)).toEqual(oracle(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what it does not know instead of guessing', () => {
    for (const text of [
      '2026-08-09T21:05:48.1234567891Z', // ten fraction digits
      '2026-08-09T21:05:48+00:00',
      '2026-08-09t21:05:48Z',
      '2026-08-09T21:05:48z',
      '2026-08-09 21:05:48Z',
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-08-09T24:00:00Z',
      '2026-08-09T23:59:60Z',
      '1969-12-31T23:59:59Z',
      '2026-08-09T21:05:48.Z',
      '2026-08-09T21:05:4xZ',
      '２026-08-09T21:05:48Z',
      '',
    ]) {
      expect(parseIsoTimestamp(text, new ParsedTimestamp()), text).toBe(false);
    }
    expect(parsed('2024-02-29T00:00:00Z')).toEqual(oracle('2024-02-29T00:00:00Z'));
  });

  it('reads nothing outside the byte range it is given', () => {
    const bytes = new TextEncoder().encode('2026-08-09T21:05:48.123Z');
    expect(parseIsoTimestampBytes(bytes, 0, bytes.length - 1, new ParsedTimestamp())).toBe(false);
    expect(parseIsoTimestampBytes(bytes, 0, bytes.length + 1, new ParsedTimestamp())).toBe(false);
  });
});
