// validateSimFaultConfig: accepted shapes come back as plain copies; each mistake fails with ZVT_ERR_SIM_FAULTS and a message naming the field.
import { describe, expect, it } from 'vitest';
import { isZvtError } from '../../../../src/model/errors.js';
import { ZVT_ERR_SIM_FAULTS } from '../../../../src/sim/errors.js';
import { validateSimFaultConfig } from '../../../../src/sim/faults/validate-fault-config.js';

describe('validateSimFaultConfig', () => {
  it('accepts every fault kind and returns it unchanged', () => {
    const config = {
      seed: 12,
      websocket: {
        drop: [{ key: 'BTCUSDT', probability: 0.1 }, { frames: [3, 7] }],
        duplicate: [{ key: '*', frames: [1] }],
        reorder: [{ probability: 0 }],
        corruptChecksum: [{ probability: 1 }],
        disconnect: [{ afterFrames: 100 }, { afterMs: 5_000, every: true, code: 4000 }],
        stall: [{ afterMs: 1_000, durationMs: 2_000 }, { afterFrames: 10, every: false }],
        latency: { normalMs: { mean: 20, sd: 5 } },
      },
      rest: {
        errors: [{ status: 503, rate: 0.05, pathPrefix: '/api/v3/order' }],
        timeout: { rate: 0.01, holdMs: 30_000 },
        latency: { uniformMs: [5, 50] },
      },
    };
    expect(validateSimFaultConfig(config)).toEqual(config);
    expect(validateSimFaultConfig({})).toEqual({});
    expect(validateSimFaultConfig({ websocket: { latency: { fixedMs: 0 } } })).toEqual({ websocket: { latency: { fixedMs: 0 } } });
  });

  it.each([
    [null, 'faults must be an object (got null)'],
    [{ web: {} }, 'faults.web is not a known field (allowed: seed, websocket, rest)'],
    [{ seed: -3 }, 'faults.seed must be an integer in [0, 4294967295] (got -3)'],
    [{ websocket: { drop: {} } }, 'faults.websocket.drop must be an array (got {})'],
    [{ websocket: { drop: [{ probability: 1.5 }] } }, 'faults.websocket.drop[0].probability must be a number in [0, 1] (got 1.5)'],
    [{ websocket: { drop: [{ probability: 0.5, frames: [1] }] } }, 'faults.websocket.drop[0] must have exactly one of probability and frames'],
    [{ websocket: { duplicate: [{ frames: [] }] } }, 'faults.websocket.duplicate[0].frames must list at least one frame number'],
    [{ websocket: { reorder: [{ frames: [0] }] } }, 'faults.websocket.reorder[0].frames[0] must be an integer in [1, 9007199254740991] (got 0)'],
    [{ websocket: { corruptChecksum: [{ key: '', probability: 1 }] } }, 'faults.websocket.corruptChecksum[0].key must be a non-empty string (got "")'],
    [{ websocket: { disconnect: [{}] } }, 'faults.websocket.disconnect[0] must have exactly one of afterFrames and afterMs'],
    [{ websocket: { disconnect: [{ afterMs: 1, code: 1006 }] } }, 'faults.websocket.disconnect[0].code must be a close code a server may send: 1000-1003, 1007-1014 or 3000-4999 (got 1006)'],
    [{ websocket: { disconnect: [{ afterMs: 1, every: 'yes' }] } }, 'faults.websocket.disconnect[0].every must be true or false (got "yes")'],
    [{ websocket: { stall: [{ afterFrames: 1, durationMs: -1 }] } }, 'faults.websocket.stall[0].durationMs must be a number of milliseconds in [0, 3600000] (got -1)'],
    [{ websocket: { latency: {} } }, 'faults.websocket.latency must have exactly one of fixedMs, uniformMs, normalMs (got none)'],
    [{ websocket: { latency: { fixedMs: 1, uniformMs: [1, 2] } } }, 'faults.websocket.latency must have exactly one of fixedMs, uniformMs, normalMs (got fixedMs, uniformMs)'],
    [{ websocket: { latency: { uniformMs: [5, 1] } } }, 'faults.websocket.latency.uniformMs must have min <= max (got [5,1])'],
    [{ websocket: { latency: { uniformMs: [5] } } }, 'faults.websocket.latency.uniformMs must be [min, max] (got [5])'],
    [{ websocket: { latency: { normalMs: { mean: 5 } } } }, 'faults.websocket.latency.normalMs.sd must be a number of milliseconds in [0, 3600000] (got undefined)'],
    [{ rest: { errors: [{ status: 404, rate: 1 }] } }, 'faults.rest.errors[0].status must be one of 500, 502, 503, 504 (got 404)'],
    [{ rest: { errors: [{ status: 500, rate: 1, pathPrefix: 'api' }] } }, 'faults.rest.errors[0].pathPrefix must start with / (got "api")'],
    [{ rest: { timeout: { rate: 1 } } }, 'faults.rest.timeout.holdMs must be a number of milliseconds in [0, 3600000] (got undefined)'],
    [{ rest: { latency: { fixedMs: Number.POSITIVE_INFINITY } } }, 'faults.rest.latency.fixedMs must be a number of milliseconds in [0, 3600000] (got Infinity)'],
  ])('rejects %j: %s', (config, message) => {
    try {
      validateSimFaultConfig(config);
      expect.unreachable();
    } catch (error: unknown) {
      expect(isZvtError(error, ZVT_ERR_SIM_FAULTS)).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });
});
