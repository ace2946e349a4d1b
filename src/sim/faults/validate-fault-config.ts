// Validates a SimFaultConfig from untrusted JSON: unknown fields and bad values fail with a message naming the field.
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_FAULTS } from '../errors.js';
import type {
  SimDelay,
  SimDisconnectFault,
  SimFaultConfig,
  SimFrameSelector,
  SimRestErrorFault,
  SimRestFaults,
  SimRestTimeoutFault,
  SimStallFault,
  SimWebSocketFaults,
} from './sim-fault-config.js';

/** Longest hold or delay a fault may ask for: an hour (a bigger number is a unit mistake). */
const MAX_DELAY_MS = 3_600_000;
const REST_ERROR_STATUSES = [500, 502, 503, 504];

function fail(path: string, message: string): never {
  throw new ZvtError(ZVT_ERR_SIM_FAULTS, `${path} ${message}`);
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? typeof value;
}

function record(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object (got ${show(value)})`);
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) fail(`${path}.${key}`, `is not a known field (allowed: ${allowed.join(', ')})`);
  }
  return object;
}

function list(path: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be an array (got ${show(value)})`);
  return value as unknown[];
}

function integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(path, `must be an integer in [${min}, ${max}] (got ${show(value)})`);
  }
  return value;
}

function fraction(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) fail(path, `must be a number in [0, 1] (got ${show(value)})`);
  return value;
}

function milliseconds(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_DELAY_MS) {
    fail(path, `must be a number of milliseconds in [0, ${MAX_DELAY_MS}] (got ${show(value)})`);
  }
  return value;
}

function boolean(path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(path, `must be true or false (got ${show(value)})`);
  return value;
}

function text(path: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') fail(path, `must be a non-empty string (got ${show(value)})`);
  return value;
}

function delay(path: string, value: unknown): SimDelay {
  const object = record(path, value, ['fixedMs', 'uniformMs', 'normalMs']);
  const keys = Object.keys(object);
  if (keys.length !== 1) fail(path, `must have exactly one of fixedMs, uniformMs, normalMs (got ${keys.length === 0 ? 'none' : keys.join(', ')})`);
  if (object.fixedMs !== undefined) return { fixedMs: milliseconds(`${path}.fixedMs`, object.fixedMs) };
  if (object.uniformMs !== undefined) {
    const bounds = list(`${path}.uniformMs`, object.uniformMs);
    if (bounds.length !== 2) fail(`${path}.uniformMs`, `must be [min, max] (got ${show(bounds)})`);
    const low = milliseconds(`${path}.uniformMs[0]`, bounds[0]);
    const high = milliseconds(`${path}.uniformMs[1]`, bounds[1]);
    if (high < low) fail(`${path}.uniformMs`, `must have min <= max (got ${show(bounds)})`);
    return { uniformMs: [low, high] };
  }
  const normal = record(`${path}.normalMs`, object.normalMs, ['mean', 'sd']);
  return { normalMs: { mean: milliseconds(`${path}.normalMs.mean`, normal.mean), sd: milliseconds(`${path}.normalMs.sd`, normal.sd) } };
}

function selector(path: string, value: unknown): SimFrameSelector {
  const object = record(path, value, ['key', 'probability', 'frames']);
  const key = object.key === undefined ? undefined : text(`${path}.key`, object.key);
  if ((object.probability === undefined) === (object.frames === undefined)) fail(path, 'must have exactly one of probability and frames');
  const keyPart = key === undefined ? {} : { key };
  if (object.probability !== undefined) return { ...keyPart, probability: fraction(`${path}.probability`, object.probability) };
  const frames = list(`${path}.frames`, object.frames).map((frame, index) => integer(`${path}.frames[${index}]`, frame, 1));
  if (frames.length === 0) fail(`${path}.frames`, 'must list at least one frame number');
  return { ...keyPart, frames };
}

function selectors(path: string, value: unknown): SimFrameSelector[] {
  return list(path, value).map((entry, index) => selector(`${path}[${index}]`, entry));
}

/** afterFrames xor afterMs, shared by disconnect and stall. */
function trigger(path: string, object: Record<string, unknown>): { afterFrames: number } | { afterMs: number } {
  if ((object.afterFrames === undefined) === (object.afterMs === undefined)) fail(path, 'must have exactly one of afterFrames and afterMs');
  return object.afterFrames !== undefined ? { afterFrames: integer(`${path}.afterFrames`, object.afterFrames, 1) } : { afterMs: milliseconds(`${path}.afterMs`, object.afterMs) };
}

function disconnect(path: string, value: unknown): SimDisconnectFault {
  const object = record(path, value, ['afterFrames', 'afterMs', 'every', 'code']);
  return {
    ...trigger(path, object),
    ...(object.every === undefined ? {} : { every: boolean(`${path}.every`, object.every) }),
    // 1000 and 3000-4999 are what a server may send (RFC 6455 7.4); 1001-1014 the defined ones it may use.
    ...(object.code === undefined ? {} : { code: closeCode(`${path}.code`, object.code) }),
  };
}

function closeCode(path: string, value: unknown): number {
  const code = integer(path, value, 1000, 4999);
  if ((code > 1014 && code < 3000) || code === 1004 || code === 1005 || code === 1006) fail(path, `must be a close code a server may send: 1000-1003, 1007-1014 or 3000-4999 (got ${code})`);
  return code;
}

function stall(path: string, value: unknown): SimStallFault {
  const object = record(path, value, ['afterFrames', 'afterMs', 'durationMs', 'every']);
  return {
    ...trigger(path, object),
    ...(object.durationMs === undefined ? {} : { durationMs: milliseconds(`${path}.durationMs`, object.durationMs) }),
    ...(object.every === undefined ? {} : { every: boolean(`${path}.every`, object.every) }),
  };
}

function websocket(path: string, value: unknown): SimWebSocketFaults {
  const object = record(path, value, ['drop', 'duplicate', 'reorder', 'corruptChecksum', 'disconnect', 'stall', 'latency']);
  const faults: Record<string, unknown> = {};
  for (const name of ['drop', 'duplicate', 'reorder', 'corruptChecksum'] as const) {
    if (object[name] !== undefined) faults[name] = selectors(`${path}.${name}`, object[name]);
  }
  if (object.disconnect !== undefined) faults.disconnect = list(`${path}.disconnect`, object.disconnect).map((entry, index) => disconnect(`${path}.disconnect[${index}]`, entry));
  if (object.stall !== undefined) faults.stall = list(`${path}.stall`, object.stall).map((entry, index) => stall(`${path}.stall[${index}]`, entry));
  if (object.latency !== undefined) faults.latency = delay(`${path}.latency`, object.latency);
  return faults;
}

function pathPrefix(path: string, value: unknown): { pathPrefix?: string } {
  if (value === undefined) return {};
  const prefix = text(path, value);
  if (!prefix.startsWith('/')) fail(path, `must start with / (got ${show(prefix)})`);
  return { pathPrefix: prefix };
}

function restError(path: string, value: unknown): SimRestErrorFault {
  const object = record(path, value, ['status', 'rate', 'pathPrefix']);
  if (typeof object.status !== 'number' || !REST_ERROR_STATUSES.includes(object.status)) {
    fail(`${path}.status`, `must be one of ${REST_ERROR_STATUSES.join(', ')} (got ${show(object.status)})`);
  }
  return { status: object.status as SimRestErrorFault['status'], rate: fraction(`${path}.rate`, object.rate), ...pathPrefix(`${path}.pathPrefix`, object.pathPrefix) };
}

function restTimeout(path: string, value: unknown): SimRestTimeoutFault {
  const object = record(path, value, ['rate', 'holdMs', 'pathPrefix']);
  return { rate: fraction(`${path}.rate`, object.rate), holdMs: milliseconds(`${path}.holdMs`, object.holdMs), ...pathPrefix(`${path}.pathPrefix`, object.pathPrefix) };
}

function rest(path: string, value: unknown): SimRestFaults {
  const object = record(path, value, ['errors', 'timeout', 'latency']);
  return {
    ...(object.errors === undefined ? {} : { errors: list(`${path}.errors`, object.errors).map((entry, index) => restError(`${path}.errors[${index}]`, entry)) }),
    ...(object.timeout === undefined ? {} : { timeout: restTimeout(`${path}.timeout`, object.timeout) }),
    ...(object.latency === undefined ? {} : { latency: delay(`${path}.latency`, object.latency) }),
  };
}

/**
 * The configuration as a fresh plain object, or ZVT_ERR_SIM_FAULTS with a message such as
 * `faults.websocket.drop[0].probability must be a number in [0, 1] (got 2)`. `path` names the root.
 */
export function validateSimFaultConfig(value: unknown, path = 'faults'): SimFaultConfig {
  const object = record(path, value, ['seed', 'websocket', 'rest']);
  return {
    ...(object.seed === undefined ? {} : { seed: integer(`${path}.seed`, object.seed, 0, 0xffff_ffff) }),
    ...(object.websocket === undefined ? {} : { websocket: websocket(`${path}.websocket`, object.websocket) }),
    ...(object.rest === undefined ? {} : { rest: rest(`${path}.rest`, object.rest) }),
  };
}
