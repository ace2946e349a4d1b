// The simulator's own REST endpoints on every venue server: /__sim/faults (get, replace, clear) and /__sim/stats. Never rate limited or faulted.
import { isZvtError } from '../../model/errors.js';
import type { SimFaultControl } from '../faults/fault-control.js';
import type { SimHttpRequest, SimHttpResponse } from './sim-dialect.js';
import type { SimServerStats } from './sim-server-stats.js';

/** Paths under this prefix belong to the simulator, not the venue (no venue uses it). */
export const CONTROL_PATH_PREFIX = '/__sim/';

function methodNotAllowed(allowed: string): SimHttpResponse {
  return { status: 405, headers: { allow: allowed }, body: { error: `method not allowed (allowed: ${allowed})` } };
}

/** The answer to a control request, or null when the path is not a control path (the venue's). */
export function handleControlRequest(request: SimHttpRequest, faults: SimFaultControl, stats: () => SimServerStats): SimHttpResponse | null {
  if (!request.path.startsWith(CONTROL_PATH_PREFIX)) return null;
  if (request.path === '/__sim/stats') {
    return request.method === 'GET' ? { status: 200, body: stats() } : methodNotAllowed('GET');
  }
  if (request.path === '/__sim/faults') {
    switch (request.method) {
      case 'GET':
        return { status: 200, body: faults.current };
      case 'DELETE':
        faults.clear();
        return { status: 200, body: faults.current };
      case 'PUT': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(request.body) as unknown;
        } catch (error: unknown) {
          return { status: 400, body: { error: `body is not JSON: ${(error as Error).message}` } };
        }
        try {
          return { status: 200, body: faults.set(parsed) };
        } catch (error: unknown) {
          if (isZvtError(error)) return { status: 400, body: { error: error.message, code: error.code } };
          throw error;
        }
      }
      default:
        return methodNotAllowed('GET, PUT, DELETE');
    }
  }
  return { status: 404, body: { error: `no simulator endpoint ${request.path} (known: /__sim/faults, /__sim/stats)` } };
}
