// parseFast on truncated and mutated real Bybit frames: only ZvtError escapes, nothing past `length` is read, and valid JSON still means what the reference says.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseReference } from '../../../../src/actors/venues/bybit/parse.js';
import { parseFast } from '../../../../src/actors/venues/bybit/scan.js';
import { isZvtError } from '../../../../src/model/index.js';
import { frameContents, loadBybitSession, type SessionConnection } from './bybit-session.js';

/*
 * Decided behaviour on broken input: parseFast either fills `out` (a truncated or otherwise invalid
 * frame comes out UNKNOWN, through the reference) or throws the model's ZvtError (a malformed or
 * out-of-scale decimal, as parseReference does). Any other exception is a bug. Whatever the buffer
 * holds past `length` must not change the outcome.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Bytes that steer a JSON scanner: structure, escapes, digits, signs, whitespace, and non-ASCII. */
const INTERESTING_BYTES = [0x22, 0x5c, 0x2c, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, 0x30, 0x31, 0x39, 0x2d, 0x2e, 0x65, 0x20, 0x0a, 0x00, 0x7f, 0x80, 0xff, 0x61, 0x53];

type Outcome = { contents: unknown } | { error: string };

function outcome(run: () => void, frame: ParsedFrame): Outcome {
  try {
    run();
    return { contents: frameContents(frame) };
  } catch (error) {
    if (!isZvtError(error)) throw error;
    return { error: error.code };
  }
}

/** Deep equality through JSON text: tens of thousands of runs make toEqual the bottleneck. */
function expectSame(actual: Outcome, expected: Outcome, where: string): void {
  const actualText = JSON.stringify(actual);
  const expectedText = JSON.stringify(expected);
  if (actualText !== expectedText) expect(actualText, where).toBe(expectedText);
}

/** parseFast on exactly `bytes`, and on the same bytes followed by misleading garbage; both must agree. */
function fastOutcome(bytes: Uint8Array, context: ParseContext): Outcome {
  const exact = new ParsedFrame();
  const exactOutcome = outcome(() => parseFast(bytes, bytes.length, context, exact), exact);
  const padded = new Uint8Array(bytes.length + 96);
  padded.set(bytes);
  padded.set(encoder.encode('"]],"a":[["1","2"]],"u":7,"s":"BTCUSDT"},"cts":1}  "type":"snapshot"}0123456789'), bytes.length);
  const paddedFrame = new ParsedFrame();
  const paddedOutcome = outcome(() => parseFast(padded, bytes.length, context, paddedFrame), paddedFrame);
  expectSame(paddedOutcome, exactOutcome, 'bytes past length changed the outcome');
  return exactOutcome;
}

function referenceOutcome(bytes: Uint8Array, context: ParseContext): Outcome {
  const frame = new ParsedFrame();
  return outcome(() => parseReference(decoder.decode(bytes), context, frame), frame);
}

function isValidJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(decoder.decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/** Sanity of any filled frame: a known kind, and records only where the kind allows them. */
function checkShape(result: Outcome): void {
  if (!('contents' in result)) return;
  const contents = result.contents as { kind: FrameKind; books: unknown[]; trades: unknown[]; bbos: unknown[]; errorText: string };
  const records = contents.books.length + contents.trades.length + contents.bbos.length;
  const sane =
    (Object.values(FrameKind) as number[]).includes(contents.kind) &&
    (contents.kind === FrameKind.MARKET_DATA ? records > 0 && contents.books.length <= 1 : records === 0) &&
    (contents.kind !== FrameKind.UNKNOWN || contents.errorText !== '');
  if (!sane) expect(contents).toBe('a frame of a known kind with records only for MARKET_DATA');
}

let samples: { name: string; bytes: Uint8Array; connection: SessionConnection }[];

beforeAll(async () => {
  const session = await loadBybitSession();
  const pick = (path: string, name: string, predicate: (message: { topic?: string; type?: string; op?: string; data?: unknown }) => boolean) => {
    const connection = session.connections.find((candidate) => candidate.plan.path.endsWith(path))!;
    const text = connection.frames.find((frame) => predicate(JSON.parse(frame) as { topic?: string }));
    if (text === undefined) throw new Error(`no recorded ${name}`);
    return { name, bytes: encoder.encode(text), connection };
  };
  const hasBothSides = (data: unknown) => typeof data === 'object' && data !== null && 'bid1Price' in data && 'ask1Price' in data;
  samples = [
    pick('linear', 'linear book delta', (m) => m.type === 'delta' && m.topic?.startsWith('orderbook.') === true && JSON.stringify(m).length < 600),
    pick('linear', 'linear book snapshot', (m) => m.type === 'snapshot' && m.topic?.startsWith('orderbook.') === true),
    pick('spot', 'spot book delta', (m) => m.type === 'delta' && m.topic?.startsWith('orderbook.') === true),
    pick('linear', 'linear trades', (m) => m.topic?.startsWith('publicTrade.') === true && Array.isArray(m.data) && m.data.length > 1 && JSON.stringify(m).length < 900),
    pick('spot', 'spot trade', (m) => m.topic?.startsWith('publicTrade.') === true),
    pick('linear', 'linear ticker with both sides', (m) => m.topic?.startsWith('tickers.') === true && m.type === 'delta' && hasBothSides(m.data)),
    pick('spot', 'spot ticker', (m) => m.topic?.startsWith('tickers.') === true),
    pick('linear', 'kline', (m) => m.topic?.startsWith('kline.') === true),
    pick('spot', 'subscription reply', (m) => m.op === 'subscribe'),
  ];
});

describe('parseFast on broken frames', () => {
  it('every truncation of every sample is UNKNOWN, exactly as the reference says, without reading past length', () => {
    let runs = 0;
    for (const sample of samples) {
      for (let length = 0; length < sample.bytes.length; length++) {
        const truncated = sample.bytes.slice(0, length);
        const fast = fastOutcome(truncated, sample.connection.context);
        expectSame(fast, referenceOutcome(truncated, sample.connection.context), `${sample.name} cut at ${length}`);
        if ((fast as { contents: { kind: number } }).contents.kind !== FrameKind.UNKNOWN) expect(fast, `${sample.name} cut at ${length}`).toBe('UNKNOWN');
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(10_000);
  });

  it('byte by byte: each byte of a small delta, trade and ticker replaced by each steering byte, or deleted', () => {
    let runs = 0;
    let equalChecks = 0;
    for (const sample of samples.filter((candidate) => /delta|trade|both sides/.test(candidate.name) && candidate.bytes.length < 1000)) {
      for (let position = 0; position < sample.bytes.length; position++) {
        const variants: Uint8Array[] = INTERESTING_BYTES.map((byte) => {
          const copy = sample.bytes.slice();
          copy[position] = byte;
          return copy;
        });
        variants.push(Uint8Array.from([...sample.bytes.subarray(0, position), ...sample.bytes.subarray(position + 1)]));
        for (const variant of variants) {
          const fast = fastOutcome(variant, sample.connection.context);
          checkShape(fast);
          if (isValidJson(variant)) {
            expectSame(fast, referenceOutcome(variant, sample.connection.context), `${sample.name} at ${position}: ${decoder.decode(variant).slice(0, 200)}`);
            equalChecks++;
          }
          runs++;
        }
      }
    }
    expect(runs).toBeGreaterThan(10_000);
    expect(equalChecks).toBeGreaterThan(1000);
  });

  it('random multi-byte mutations (replace, insert, delete) of any sample', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.integer({ min: 0, max: 255 }))), { minLength: 1, maxLength: 4 }),
        (sampleIndex, edits) => {
          const sample = samples[sampleIndex % samples.length]!;
          const bytes = [...sample.bytes];
          for (const [edit, at, byte] of edits) {
            const position = bytes.length === 0 ? 0 : at % bytes.length;
            if (edit === 'replace' && bytes.length > 0) bytes[position] = byte;
            else if (edit === 'insert') bytes.splice(position, 0, byte);
            else bytes.splice(position, 1);
          }
          const variant = Uint8Array.from(bytes);
          const fast = fastOutcome(variant, sample.connection.context);
          checkShape(fast);
          if (isValidJson(variant)) expectSame(fast, referenceOutcome(variant, sample.connection.context), decoder.decode(variant).slice(0, 200));
        },
      ),
      { numRuns: 4000 },
    );
  });
});
