// Seeded random streams of the fault layer: one per session (and one for REST) per server, from the simulator's counter-based PRNG.
import { deriveSeed, uniform } from '../market/seeded-random.js';

/** A uniform draw in [0, 1); each call the next of its stream. */
export type FaultRandom = () => number;

/** Keeps the fault layer's streams apart from every stream the market model derives from the same seed. */
const FAULT_STREAM_SALT = 0x6661_756c; // "faul"

/**
 * Stream `stream` under `seed`: 0 = the server's REST faults, N = its Nth WebSocket session. Draw
 * k is uniform(derived seed, k): the same numbers for the same seed on every run and platform.
 */
export function faultStream(seed: number, stream: number): FaultRandom {
  const streamSeed = deriveSeed(seed, FAULT_STREAM_SALT, stream);
  let index = 0;
  return () => uniform(streamSeed, index++);
}
