// parseFast on truncated and mutated real Coinbase frames: no unexpected exception, no byte read past `length`, the reference's answer wherever the JSON is valid.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference } from '../../../../src/actors/venues/coinbase/parse.js';
import { parseFast } from '../../../../src/actors/venues/coinbase/scan.js';
import { frameDifference, loadCoinbaseSession, outcomeOf, type CoinbaseSession, type ParseOutcome } from './coinbase-session.js';

/*
 * The documented behaviour (docs/venues/coinbase.md, "Scanner guarantees"):
 * - parseFast returns, or throws a ZvtError with a ZVT_ERR_DECIMAL_* code (a number that is not a
 *   decimal or does not fit the instrument's scale). Any other exception is a bug.
 * - It never reads at or past `length`: its answer does not change with what follows in the buffer.
 * - On a truncated frame (invalid JSON), it answers exactly as parseReference does.
 * - On any frame that is valid JSON, it answers exactly as parseReference does (same ParsedFrame,
 *   or the same error code). Broken JSON elsewhere may get a different (still safe) answer.
 */

const EXPECTED_ERROR_CODES = new Set(['ZVT_ERR_DECIMAL_SYNTAX', 'ZVT_ERR_DECIMAL_PRECISION', 'ZVT_ERR_DECIMAL_OVERFLOW']);
/** Frames above this size (the two 2-5 MB snapshots) are fuzzed through cut-down copies instead. */
const MAX_FUZZ_FRAME_BYTES = 20_000;
const LEVELS_KEPT_FROM_BIG_SNAPSHOTS = 40;

let session: CoinbaseSession;
let corpus: Uint8Array[];

beforeAll(async () => {
  session = await loadCoinbaseSession();
  const encoder = new TextEncoder();
  corpus = session.frameBytes.filter((bytes) => bytes.length <= MAX_FUZZ_FRAME_BYTES);
  for (const text of session.frames) {
    if (text.length <= MAX_FUZZ_FRAME_BYTES) continue;
    // Real snapshot levels, re-serialised the way Coinbase writes JSON (no spaces).
    const message = JSON.parse(text) as { events: { updates: unknown[] }[] };
    for (const event of message.events) event.updates = event.updates.slice(0, LEVELS_KEPT_FROM_BIG_SNAPSHOTS);
    corpus.push(encoder.encode(JSON.stringify(message)));
  }
});

interface Result {
  outcome: ParseOutcome;
  frame: ParsedFrame;
}

function runFast(buffer: Uint8Array, length: number): Result {
  const frame = new ParsedFrame();
  return { outcome: outcomeOf(() => parseFast(buffer, length, session.context, frame)), frame };
}

function runReference(text: string): Result {
  const frame = new ParsedFrame();
  return { outcome: outcomeOf(() => parseReference(text, session.context, frame)), frame };
}

function sameResult(left: Result, right: Result): string | null {
  if (left.outcome.threw || right.outcome.threw) {
    return JSON.stringify(left.outcome) === JSON.stringify(right.outcome) ? null : `${JSON.stringify(left.outcome)} vs ${JSON.stringify(right.outcome)}`;
  }
  return frameDifference(left.frame, right.frame);
}

/** The frame in a bigger buffer, followed by `fill` repeated: bytes the scanner must never look at. */
function withTrailing(bytes: Uint8Array, length: number, fill: string): Uint8Array {
  const buffer = new Uint8Array(length + 256);
  buffer.set(bytes.subarray(0, length));
  const pattern = new TextEncoder().encode(fill);
  for (let i = length; i < buffer.length; i++) buffer[i] = pattern[(i - length) % pattern.length]!;
  return buffer;
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const decoder = new TextDecoder();

/** Byte positions strictly inside string literals (recorded frames hold no escapes, so quotes toggle). */
function positionsInsideStrings(bytes: Uint8Array): number[] {
  const positions: number[] = [];
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) inString = !inString;
    else if (inString) positions.push(i);
  }
  return positions;
}

/** Positions where whitespace may go: next to a structural character `{}[],:` outside string literals (never inside a number). */
function positionsOutsideStrings(bytes: Uint8Array): number[] {
  const positions: number[] = [];
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x22) inString = !inString;
    else if (!inString && (byte === 0x7b || byte === 0x7d || byte === 0x5b || byte === 0x5d || byte === 0x2c || byte === 0x3a)) positions.push(i, i + 1);
  }
  return positions;
}

describe('Coinbase parseFast robustness', () => {
  it('answers a truncated frame exactly as parseReference, without reading the cut-off bytes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (frameChoice, cutChoice) => {
        const bytes = corpus[frameChoice % corpus.length]!;
        const cut = cutChoice % bytes.length;
        // The full original buffer with a shorter `length`: reading past it would see the real rest of the frame.
        const fast = runFast(bytes, cut);
        const reference = runReference(decoder.decode(bytes.subarray(0, cut)));
        expect(sameResult(fast, reference)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('survives mutated frames: only decimal errors, an answer independent of the bytes after `length`, the reference answer for valid JSON', () => {
    const interesting = [0x22, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x5c, 0x2d, 0x2e, 0x30, 0x39, 0x65, 0x20, 0x00, 0xff];
    const byteArbitrary = fc.oneof(fc.constantFrom(...interesting), fc.integer({ min: 0, max: 255 }));
    let validJson = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), byteArbitrary), { minLength: 1, maxLength: 3 }), (frameChoice, edits) => {
        const original = corpus[frameChoice % corpus.length]!;
        const mutated = original.slice();
        for (const [position, byte] of edits) mutated[position % mutated.length] = byte;
        const length = mutated.length;
        const first = runFast(withTrailing(mutated, length, ',"sequence_num":1}]}'), length);
        const second = runFast(withTrailing(mutated, length, '"0.5"]} \n'), length);
        if (first.outcome.threw) expect(EXPECTED_ERROR_CODES.has(first.outcome.code), first.outcome.code).toBe(true);
        expect(sameResult(first, second)).toBeNull();
        const text = decoder.decode(mutated);
        if (isValidJson(text)) {
          validJson++;
          expect(sameResult(first, runReference(text))).toBeNull();
        }
      }),
      { numRuns: 5000 },
    );
    expect(validJson).toBeGreaterThan(0);
  });

  it('keeps the meaning when a character inside a string is written as a \\u escape (valid JSON, same values)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (frameChoice, positionChoice) => {
        const original = corpus[frameChoice % corpus.length]!;
        const inside = positionsInsideStrings(original);
        const position = inside[positionChoice % inside.length]!;
        const escape = new TextEncoder().encode(`\\u${original[position]!.toString(16).padStart(4, '0')}`);
        const escaped = new Uint8Array(original.length + escape.length - 1);
        escaped.set(original.subarray(0, position));
        escaped.set(escape, position);
        escaped.set(original.subarray(position + 1), position + escape.length);
        const expected = runReference(decoder.decode(original));
        expect(sameResult(runReference(decoder.decode(escaped)), expected)).toBeNull();
        expect(sameResult(runFast(escaped, escaped.length), expected)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the meaning when whitespace is added between tokens', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\t', '\r\n  ')), { minLength: 1, maxLength: 4 }), (frameChoice, insertions) => {
        const original = corpus[frameChoice % corpus.length]!;
        const outside = positionsOutsideStrings(original);
        const text = decoder.decode(original);
        // Insert from the back so earlier positions stay valid.
        const chosen = insertions.map(([choice, space]) => [outside[choice % outside.length]!, space] as const).sort((left, right) => right[0] - left[0]);
        let spaced = text;
        for (const [position, space] of chosen) spaced = spaced.slice(0, position) + space + spaced.slice(position);
        const bytes = new TextEncoder().encode(spaced);
        expect(sameResult(runFast(bytes, bytes.length), runReference(text))).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('calls a frame with bytes after its closing brace UNKNOWN, as JSON.parse does, and accepts trailing whitespace', () => {
    for (const bytes of corpus.slice(0, 50)) {
      const text = decoder.decode(bytes);
      for (const suffix of [' x', '}', ',{}', '\u0000']) {
        const extended = new TextEncoder().encode(text + suffix);
        expect(sameResult(runFast(extended, extended.length), runReference(text + suffix))).toBeNull();
      }
      const spaced = new TextEncoder().encode(`${text} \n\t`);
      expect(sameResult(runFast(spaced, spaced.length), runReference(text))).toBeNull();
    }
  });

  it('rejects a length outside the buffer as a caller error', () => {
    const bytes = corpus[0]!;
    expect(() => parseFast(bytes, bytes.length + 1, session.context, new ParsedFrame())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BYTE_RANGE' }) as Error);
  });
});
