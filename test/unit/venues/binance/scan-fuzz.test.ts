// The Binance byte scanner on truncated and mutated real frames: no foreign exceptions, no reads past the frame, the reference's answer on valid JSON.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseReference } from '../../../../src/actors/venues/binance/parse.js';
import { parseFast } from '../../../../src/actors/venues/binance/scan.js';
import { isZvtError } from '../../../../src/model/errors.js';
import { frameContents, loadBinanceSession, type BinanceSession } from './binance-session.js';

/*
 * Decided behaviour on damaged input: parseFast never throws anything but a ZvtError from the
 * model's decimal parsers (a price or size that is not a decimal, or finer than the scale — the
 * same error the reference throws for the same text), classifies what it cannot read as the
 * reference does (UNKNOWN for anything that is not valid JSON reaching the fallback), and never
 * looks past `length`. On mutated frames that are still valid JSON and whose keys are intact it
 * gives exactly the reference's answer. (Duplicate keys, which a mutated key can create, are
 * outside the scanner's contract: see scan.ts.)
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let session: BinanceSession;
let frames: Uint8Array[];
let keyBytes: boolean[][];
beforeAll(async () => {
  session = await loadBinanceSession();
  frames = session.frames.map((text) => encoder.encode(text));
  keyBytes = frames.map(keyPositions);
});

/** Byte positions inside object keys (a string followed by ':'), quotes included. */
function keyPositions(bytes: Uint8Array): boolean[] {
  const inKey = new Array<boolean>(bytes.length).fill(false);
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] !== 0x22) continue;
    let end = index + 1;
    while (end < bytes.length && bytes[end] !== 0x22) end += bytes[end] === 0x5c ? 2 : 1;
    if (bytes[end + 1] === 0x3a) for (let position = index; position <= end; position++) inKey[position] = true;
    index = end;
  }
  return inKey;
}

type Outcome = { threw: string } | { frame: unknown };

function outcomeOf(parse: () => ParsedFrame): Outcome {
  try {
    return { frame: frameContents(parse()) };
  } catch (error) {
    if (!isZvtError(error)) throw error; // a foreign exception fails the property
    return { threw: error.code };
  }
}

function fast(buffer: Uint8Array, length: number, context: ParseContext): Outcome {
  return outcomeOf(() => {
    const out = new ParsedFrame();
    parseFast(buffer, length, context, out);
    return out;
  });
}

function reference(text: string, context: ParseContext): Outcome {
  return outcomeOf(() => {
    const out = new ParsedFrame();
    parseReference(text, context, out);
    return out;
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('binance scanner robustness', () => {
  it('every proper prefix of every recorded frame is UNKNOWN, even with the rest of the frame after `length`', () => {
    let prefixes = 0;
    const out = new ParsedFrame();
    for (const bytes of frames) {
      for (let length = 0; length < bytes.length; length++) {
        parseFast(bytes, length, session.wideContext, out);
        if (out.kind !== FrameKind.UNKNOWN) expect.fail(`prefix ${length} of ${decoder.decode(bytes)} classified ${out.kind}`);
        prefixes++;
      }
    }
    expect(prefixes).toBe(frames.reduce((sum, bytes) => sum + bytes.length, 0));
  });

  const significant = [...'"{}[],:0123456789.-eE tfnu\\@'].map((character) => character.charCodeAt(0));
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...significant));

  it('one mutated byte: no foreign exception, and the reference answer whenever the text is still valid JSON with intact keys', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), byte, (frameIndex, positionSeed, value) => {
        const original = frames[frameIndex % frames.length]!;
        const position = positionSeed % original.length;
        const mutated = original.slice();
        mutated[position] = value;
        const buffer = new Uint8Array(mutated.length + 32).fill(0x5d);
        buffer.set(mutated);
        const scanned = fast(buffer, mutated.length, session.wideContext);
        const text = decoder.decode(mutated);
        if (isJson(text) && !keyBytes[frameIndex % frames.length]![position]) {
          expect(scanned).toEqual(reference(text, session.wideContext));
          compared++;
        }
      }),
      { numRuns: 4000 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('byte by byte: every position of one frame per channel, replaced by each JSON-significant byte', () => {
    let compared = 0;
    for (const channel of ['@depth@100ms"', '@bookTicker"', '@aggTrade"', '@kline_1m"']) {
      const frameIndex = session.frames.findIndex((text) => text.includes(channel));
      const original = frames[frameIndex]!;
      for (let position = 0; position < original.length; position++) {
        for (const value of [...significant, 0x00, 0x80, 0xff]) {
          const mutated = original.slice();
          mutated[position] = value;
          // The whole original frame lies after `length`: a read past it would find valid JSON.
          const buffer = new Uint8Array(mutated.length * 2);
          buffer.set(mutated);
          buffer.set(original, mutated.length);
          const scanned = fast(buffer, mutated.length, session.wideContext);
          const text = decoder.decode(mutated);
          if (isJson(text) && !keyBytes[frameIndex]![position]) {
            expect(scanned, `${channel} byte ${position} → ${value}`).toEqual(reference(text, session.wideContext));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('several mutated bytes and random truncation: only ZvtErrors, never a foreign exception', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), byte), { minLength: 1, maxLength: 6 }), fc.nat(), (frameIndex, mutations, cut) => {
        const original = frames[frameIndex % frames.length]!;
        const mutated = original.slice();
        for (const [position, value] of mutations) mutated[position % mutated.length] = value;
        const length = cut % (mutated.length + 1);
        fast(mutated, length, session.wideContext);
        fast(mutated, length, session.context);
      }),
      { numRuns: 4000 },
    );
  });

  it('random bytes are classified without a foreign exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const outcome = fast(bytes, bytes.length, session.context);
        if ('frame' in outcome) expect(outcome).toEqual(reference(decoder.decode(bytes), session.context));
      }),
      { numRuns: 2000 },
    );
  });
});
