// Seeded random numbers for the fault layer: mulberry32 streams, one per session or per server, derived from one seed.

/*
 * Local and tiny on purpose: the fault layer needs only uniform [0, 1) draws that are identical on
 * every run for a given seed, and its streams must not shift when the market model's use of its
 * own generator changes. mulberry32 (Tommy Ettinger, public domain) passes gjrand/PractRand far
 * enough for this and is 4 lines.
 */

/** A uniform draw in [0, 1). */
export type FaultRandom = () => number;

export function mulberry32(seed: number): FaultRandom {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The seed of stream `index` under `seed` (session 1, 2, ... of a server; 0 = the server's REST
 * stream): a murmur3 finaliser mix, so neighbouring indexes give unrelated streams.
 */
export function streamSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
