// Codec benchmarks: decimal parse/format and market record encode/decode over SharedArrayBuffer views.
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import {
  AggressorSide,
  BOOK_LEVEL_PAYLOAD_BYTES,
  type BookSide,
  createRecordStamps,
  createRecordViews,
  formatDecimal,
  parseDecimal,
  parseDecimalBytes,
  readBookLevelPrice,
  readBookLevelPriceTextDecimals,
  readBookLevelSide,
  readBookLevelSize,
  readBookLevelSizeTextDecimals,
  readInstrumentId,
  readTradeAggressorSide,
  readTradeIdLength,
  readTradePrice,
  readTradeSize,
  setRecordStampsBig,
  TRADE_PAYLOAD_BYTES,
  writeBookLevel,
  writeTrade,
  writeTradeIdBytes,
} from '../../src/model/index.js';

/** Iterations per timed repetition (the brief asks for at least 1M). */
const ITERATIONS = 2_000_000;
const WARMUP_ITERATIONS = 300_000;
const REPETITIONS = 5;
/** Distinct inputs cycled through, so the JIT cannot fold a constant input away. */
const INPUTS = 1024;
const INPUT_MASK = INPUTS - 1;
const PRICE_DECIMALS = 8;

/** Keeps results observable so loops are not eliminated as dead code. */
let sink = 0;

/** Median ns/op of REPETITIONS timed runs of `body(iterations)` after a warm-up run. */
function measure(body: (iterations: number) => void): number {
  body(WARMUP_ITERATIONS);
  const samples: number[] = [];
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    const start = process.hrtime.bigint();
    body(ITERATIONS);
    samples.push(Number(process.hrtime.bigint() - start) / ITERATIONS);
  }
  samples.sort((left, right) => left - right);
  return samples[Math.floor(REPETITIONS / 2)]!;
}

/** Venue-shaped decimal text: Binance-style 8-decimal strings and Bybit/Coinbase short ones. */
function priceTexts(): string[] {
  let seed = 12_345;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  const texts: string[] = [];
  for (let index = 0; index < INPUTS; index++) {
    const whole = next() % 100_000;
    const fraction = String(next() % 100_000_000).padStart(8, '0');
    texts.push(index % 2 === 0 ? `${whole}.${fraction}` : `${whole}.${fraction.slice(0, 2)}`);
  }
  return texts;
}

export const codecSuite: BenchSuite = {
  name: 'codec',
  description: 'fixed-point parse/format and BOOK_LEVEL/TRADE record encode/decode (ns per op, median of 5 × 2M)',
  run(log: (line: string) => void): Promise<Metrics> {
    const texts = priceTexts();
    const frame = new TextEncoder().encode(texts.map((text) => `"${text}"`).join(','));
    const starts = new Int32Array(INPUTS);
    const ends = new Int32Array(INPUTS);
    let cursor = 0;
    texts.forEach((text, index) => {
      starts[index] = cursor + 1;
      ends[index] = cursor + 1 + text.length;
      cursor += text.length + 3;
    });
    const mantissas = new Float64Array(INPUTS);
    texts.forEach((text, index) => (mantissas[index] = parseDecimal(text, PRICE_DECIMALS)));

    // Records go into a SharedArrayBuffer, as in the rings, cycling through 1024 slots.
    const views = createRecordViews(new SharedArrayBuffer(INPUTS * TRADE_PAYLOAD_BYTES));
    const stamps = createRecordStamps();
    setRecordStampsBig(stamps, 1_786_310_817_583_000_000n, 1_786_310_819_965_676_000n);
    const uuid = new TextEncoder().encode('"i":"c6d5c3b8-6b0b-5d8c-9f0e-2f2b8a6a1c3d"');

    const results: Metrics = {};
    const record = (name: string, nanoseconds: number): void => {
      results[name] = metric(Number(nanoseconds.toFixed(2)), 'ns/op', 'lower');
      log(`${name}: ${nanoseconds.toFixed(2)} ns/op`);
    };

    record(
      'parse_decimal_ns',
      measure((iterations) => {
        let total = 0;
        for (let index = 0; index < iterations; index++) total += parseDecimal(texts[index & INPUT_MASK]!, PRICE_DECIMALS);
        sink += total;
      }),
    );
    record(
      'parse_decimal_bytes_ns',
      measure((iterations) => {
        let total = 0;
        for (let index = 0; index < iterations; index++) {
          const slot = index & INPUT_MASK;
          total += parseDecimalBytes(frame, starts[slot]!, ends[slot]!, PRICE_DECIMALS);
        }
        sink += total;
      }),
    );
    // Peer in the same run: what the forbidden shortcut would cost (DESIGN §10: compare ratios).
    record(
      'parse_float_baseline_ns',
      measure((iterations) => {
        let total = 0;
        for (let index = 0; index < iterations; index++) total += Number.parseFloat(texts[index & INPUT_MASK]!);
        sink += total;
      }),
    );
    record(
      'format_decimal_ns',
      measure((iterations) => {
        let total = 0;
        for (let index = 0; index < iterations; index++) {
          total += formatDecimal(mantissas[index & INPUT_MASK]!, PRICE_DECIMALS).length;
        }
        sink += total;
      }),
    );
    record(
      'book_level_encode_ns',
      measure((iterations) => {
        for (let index = 0; index < iterations; index++) {
          const slot = index & INPUT_MASK;
          writeBookLevel(
            views,
            slot * BOOK_LEVEL_PAYLOAD_BYTES,
            slot,
            0,
            stamps,
            (index & 1) as BookSide,
            mantissas[slot]!,
            index,
            8,
            8,
          );
        }
      }),
    );
    record(
      'book_level_decode_ns',
      measure((iterations) => {
        let total = 0;
        for (let index = 0; index < iterations; index++) {
          const offset = (index & INPUT_MASK) * BOOK_LEVEL_PAYLOAD_BYTES;
          total +=
            readInstrumentId(views, offset) +
            readBookLevelSide(views, offset) +
            readBookLevelPrice(views, offset) +
            readBookLevelSize(views, offset) +
            readBookLevelPriceTextDecimals(views, offset) +
            readBookLevelSizeTextDecimals(views, offset);
        }
        sink += total;
      }),
    );
    record(
      'trade_encode_ns',
      measure((iterations) => {
        for (let index = 0; index < iterations; index++) {
          const slot = index & INPUT_MASK;
          const offset = slot * TRADE_PAYLOAD_BYTES;
          writeTrade(views, offset, slot, 0, stamps, mantissas[slot]!, index, AggressorSide.BUY);
          // A Bybit UUID copied from frame bytes: the realistic id cost.
          writeTradeIdBytes(views, offset, uuid, 5, 41);
        }
      }),
    );
    record(
      'trade_decode_ns',
      measure((iterations) => {
        let total = 0;
        for (let index = 0; index < iterations; index++) {
          const offset = (index & INPUT_MASK) * TRADE_PAYLOAD_BYTES;
          total +=
            readInstrumentId(views, offset) +
            readTradePrice(views, offset) +
            readTradeSize(views, offset) +
            readTradeAggressorSide(views, offset) +
            readTradeIdLength(views, offset);
        }
        sink += total;
      }),
    );
    log(`(sink ${sink > 0 ? 'positive' : 'non-positive'})`);
    return Promise.resolve(results);
  },
};
