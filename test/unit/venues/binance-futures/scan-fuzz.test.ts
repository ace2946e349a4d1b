// The USDⓈ-M byte scanner on truncated and mutated documented and synthetic frames: only ZvtErrors, no reads past the frame, the reference's answer on valid JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference } from '../../../../src/actors/venues/binance-futures/parse.js';
import { parseFast } from '../../../../src/actors/venues/binance-futures/scan.js';
import { isZvtError } from '../../../../src/model/errors.js';
import { frameContents } from '../binance/binance-session.js';
import { depthFrame, documentedExamples, futuresFixture, syntheticDepthStream } from './futures-fixture.js';

/* Same decided behaviour as the spot scanner (test/unit/venues/binance/scan-fuzz.test.ts). */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const fixture = futuresFixture();
const examples = documentedExamples();
const texts = [JSON.stringify(examples.depthUpdate), JSON.stringify(examples.bookTicker), JSON.stringify(examples.aggTrade), ...syntheticDepthStream(3, 'BTCUSDT', 40, 100).map(depthFrame)];
const frames = texts.map((text) => encoder.encode(text));

type Outcome = { threw: string } | { frame: unknown };

function outcomeOf(parse: (out: ParsedFrame) => void): Outcome {
  try {
    const out = new ParsedFrame();
    parse(out);
    return { frame: frameContents(out) };
  } catch (error) {
    if (!isZvtError(error)) throw error;
    return { threw: error.code };
  }
}

/** Positions inside keys: a mutated key can make duplicate keys, outside the scanner's contract. */
function inKey(bytes: Uint8Array, position: number): boolean {
  let index = 0;
  while (index < bytes.length) {
    if (bytes[index] !== 0x22) {
      index++;
      continue;
    }
    let end = index + 1;
    while (end < bytes.length && bytes[end] !== 0x22) end += bytes[end] === 0x5c ? 2 : 1;
    if (bytes[end + 1] === 0x3a && position >= index && position <= end) return true;
    index = end + 1;
  }
  return false;
}

describe('binance-futures scanner robustness', () => {
  it('every proper prefix is UNKNOWN, with the rest of the frame lying after `length`', () => {
    const out = new ParsedFrame();
    for (const bytes of frames) {
      for (let length = 0; length < bytes.length; length++) {
        parseFast(bytes, length, fixture.context, out);
        if (out.kind !== FrameKind.UNKNOWN) expect.fail(`prefix ${length} of ${decoder.decode(bytes)} classified ${out.kind}`);
      }
    }
  });

  it('one mutated byte: only ZvtErrors, and the reference answer on valid JSON with intact keys', () => {
    let compared = 0;
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...[...'"{}[],:0123456789.-eE tfnu\\@'].map((character) => character.charCodeAt(0))));
    fc.assert(
      fc.property(fc.nat(), fc.nat(), byte, (frameIndex, positionSeed, value) => {
        const original = frames[frameIndex % frames.length]!;
        const position = positionSeed % original.length;
        const mutated = original.slice();
        mutated[position] = value;
        const buffer = new Uint8Array(mutated.length + 16).fill(0x7d);
        buffer.set(mutated);
        const scanned = outcomeOf((out) => parseFast(buffer, mutated.length, fixture.context, out));
        const text = decoder.decode(mutated);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid && !inKey(original, position)) {
          expect(scanned).toEqual(outcomeOf((out) => parseReference(text, fixture.context, out)));
          compared++;
        }
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
