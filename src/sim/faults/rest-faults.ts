// Decides a REST request's fault (timeout, 5xx, latency) under the installed configuration, with the server's seeded random stream.
import type { FaultRandom } from './fault-random.js';
import { sampleDelay } from './sample-delay.js';
import type { SimRestFaults } from './sim-fault-config.js';

export type RestFaultDecision =
  | { readonly kind: 'timeout'; readonly holdMs: number }
  | { readonly kind: 'error'; readonly status: number }
  | { readonly kind: 'pass'; readonly delayMs: number };

/*
 * Draw order per request (reproducible for a seed): the timeout, when configured for the path, one
 * draw; then each error entry matching the path, one draw each, the first hit answering; then, if
 * the request goes through, the latency sample (uniform one draw, normal two). A timeout hit
 * draws nothing further.
 */
export function decideRestFault(faults: SimRestFaults | undefined, path: string, random: FaultRandom): RestFaultDecision {
  if (faults === undefined) return { kind: 'pass', delayMs: 0 };
  const applies = (prefix: string | undefined): boolean => prefix === undefined || path.startsWith(prefix);
  const timeout = faults.timeout;
  if (timeout !== undefined && applies(timeout.pathPrefix) && random() < timeout.rate) return { kind: 'timeout', holdMs: timeout.holdMs };
  for (const error of faults.errors ?? []) {
    if (applies(error.pathPrefix) && random() < error.rate) return { kind: 'error', status: error.status };
  }
  return { kind: 'pass', delayMs: faults.latency === undefined ? 0 : sampleDelay(faults.latency, random) };
}
