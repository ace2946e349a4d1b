// Feed encode cost per one-level delta: the hand-packed FeedEncoder against the generated FlatBuffers builder (reused, and fresh per message).
import { Builder } from 'flatbuffers';
import { FeedBuilderEncoder } from '../../src/gateway/feed/feed-builder-encoder.js';
import { FeedEncoder } from '../../src/gateway/feed/feed-encoder.js';
import { FeedLevels } from '../../src/gateway/feed/feed-levels.js';
import { createRecordStamps, setRecordStampsBig } from '../../src/model/record-header.js';

/** Distinct inputs cycled through so the JIT cannot fold a constant input away. */
const INPUTS = 1024;
const INPUT_MASK = INPUTS - 1;
const REPETITIONS = 5;

export interface EncodeFigures {
  packedNs: number;
  builderNs: number;
  naiveNs: number;
}

/** Keeps results observable. */
let sink = 0;

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median ns per call of `body(iterations)` over REPETITIONS timed runs after a warm-up run. */
function measure(iterations: number, body: (iterations: number) => void): number {
  body(Math.ceil(iterations / 4));
  const samples: number[] = [];
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    const start = process.hrtime.bigint();
    body(iterations);
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  return median(samples);
}

/**
 * A one-level delta per call (alternating bid and ask, prices and sizes of a BTC-USDT book at
 * 2 and 8 decimals, seq counting up), the level batch filled by the caller as a source would.
 */
export function measureEncode(iterations: number): EncodeFigures {
  const prices = new Float64Array(INPUTS);
  const sizes = new Float64Array(INPUTS);
  for (let index = 0; index < INPUTS; index++) {
    prices[index] = 6_500_000 + ((index * 7919) % 2000);
    sizes[index] = index % 5 === 0 ? 0 : 10_000 + ((index * 104_729) % 500_000_000);
  }
  const stamps = createRecordStamps();
  setRecordStampsBig(stamps, 1_786_310_817_583_000_000n, 1_786_310_817_583_400_000n);
  const levels = new FeedLevels();
  const fill = (index: number): void => {
    const slot = index & INPUT_MASK;
    levels.clear();
    if ((index & 1) === 0) levels.addBid(prices[slot]!, sizes[slot]!);
    else levels.addAsk(prices[slot]!, sizes[slot]!);
  };

  const packed = new FeedEncoder();
  const packedNs = measure(iterations, (count) => {
    let total = 0;
    for (let index = 0; index < count; index++) {
      fill(index);
      total += packed.encodeDelta(7, index, stamps, levels).length;
    }
    sink += total;
  });
  const reused = new FeedBuilderEncoder();
  const builderNs = measure(Math.ceil(iterations / 4), (count) => {
    let total = 0;
    for (let index = 0; index < count; index++) {
      fill(index);
      total += reused.delta(7, index, stamps, levels).length;
    }
    sink += total;
  });
  const naiveNs = measure(Math.ceil(iterations / 8), (count) => {
    let total = 0;
    for (let index = 0; index < count; index++) {
      fill(index);
      total += new FeedBuilderEncoder(new Builder(256)).delta(7, index, stamps, levels).length;
    }
    sink += total;
  });
  if (sink === -1) process.stderr.write('');
  return { packedNs, builderNs, naiveNs };
}
