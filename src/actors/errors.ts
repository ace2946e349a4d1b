// Error codes of the actor runtime.
import { ZvtError } from '../model/errors.js';

export const ZVT_ERR_ACTOR_TOPOLOGY = 'ZVT_ERR_ACTOR_TOPOLOGY';
export const ZVT_ERR_ACTOR_TRANSITION = 'ZVT_ERR_ACTOR_TRANSITION';
export const ZVT_ERR_ACTOR_MODULE = 'ZVT_ERR_ACTOR_MODULE';
export const ZVT_ERR_ACTOR_UNKNOWN = 'ZVT_ERR_ACTOR_UNKNOWN';
export const ZVT_ERR_WORKER_GAVE_UP = 'ZVT_ERR_WORKER_GAVE_UP';
export const ZVT_ERR_SUPERVISOR_STOPPED = 'ZVT_ERR_SUPERVISOR_STOPPED';
export const ZVT_ERR_REQUEST_TIMEOUT = 'ZVT_ERR_REQUEST_TIMEOUT';
/** `hotpath: native` was asked for, but the native addon did not load (not built, or failed to load). */
export const ZVT_ERR_NATIVE_UNAVAILABLE = 'ZVT_ERR_NATIVE_UNAVAILABLE';

export function topologyError(message: string, details?: Record<string, unknown>): ZvtError {
  return new ZvtError(ZVT_ERR_ACTOR_TOPOLOGY, message, details);
}
/**
 * A store request to the recorder actor (RecorderStoreClient) got no answer: it timed out, the
 * recorder's worker crashed or gave up, or the engine stopped. The store itself may be fine;
 * details.cause is the supervisor's code. A write may still have landed (retrying it is harmless:
 * natural keys).
 */
export const ZVT_ERR_RECORDER_UNAVAILABLE = 'ZVT_ERR_RECORDER_UNAVAILABLE';
