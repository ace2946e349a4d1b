// resolveRestOptions: defaults and exact validation messages.
import { describe, expect, it } from 'vitest';
import { REST_DEFAULTS, resolveRestOptions } from '../../../../src/gateway/rest/rest-options.js';

describe('resolveRestOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveRestOptions()).toEqual(REST_DEFAULTS);
    expect(resolveRestOptions({ maxDepth: 50 }).maxDepth).toBe(50);
  });

  it('names the broken option', () => {
    expect(() => resolveRestOptions({ bodyLimitBytes: 10 })).toThrow('rest.bodyLimitBytes must be an integer from 1024 to 67108864 (got 10)');
    expect(() => resolveRestOptions({ orderTimeoutMs: 1.5 })).toThrow('rest.orderTimeoutMs must be an integer from 1 to 600000 (got 1.5)');
    expect(() => resolveRestOptions({ maxDepth: 10 })).toThrow('rest.defaultDepth (20) must not exceed rest.maxDepth (10)');
  });
});
