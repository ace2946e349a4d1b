// FIX acceptor options: defaults filled in, each out-of-range value refused with ZVT_ERR_FIX_OPTIONS and the rule it breaks.
import { describe, expect, it } from 'vitest';
import { FIX_ACCEPTOR_DEFAULTS, resolveFixAcceptorOptions, type FixAcceptorOptions } from '../../../../src/gateway/fix/fix-acceptor-options.js';
import type { OrderEntryHandler } from '../../../../src/gateway/orders/order-entry-handler.js';

const handler: OrderEntryHandler = {
  symbols: [],
  place: () => undefined,
  cancel: () => undefined,
  replace: () => undefined,
  status: () => undefined,
  placeList: () => undefined,
  subscribe: () => () => undefined,
};
const BASE: FixAcceptorOptions = { handler, credentials: () => undefined, storeDirectory: '/tmp/fix-store' };

function refusal(options: Partial<FixAcceptorOptions>): string {
  try {
    resolveFixAcceptorOptions({ ...BASE, ...options });
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return `${code}: ${message}`;
  }
  return 'accepted';
}

describe('resolveFixAcceptorOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveFixAcceptorOptions({ ...BASE, port: 9878 });
    expect(resolved).toMatchObject({ ...FIX_ACCEPTOR_DEFAULTS, port: 9878 });
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('refuses values out of range with the rule', () => {
    expect(refusal({ storeDirectory: '' })).toBe('ZVT_ERR_FIX_OPTIONS: FIX acceptor option storeDirectory is required');
    expect(refusal({ compId: 'has space' })).toBe('ZVT_ERR_FIX_OPTIONS: FIX acceptor option compId must be 1 to 64 printable ASCII characters without spaces, got "has space"');
    expect(refusal({ port: 70_000 })).toBe('ZVT_ERR_FIX_OPTIONS: FIX acceptor option port must be 0..65535, got 70000');
    expect(refusal({ maxMessageBytes: 0 })).toBe('ZVT_ERR_FIX_OPTIONS: FIX acceptor option maxMessageBytes must be a positive integer, got 0');
    expect(refusal({ minHeartBtIntSeconds: 30, maxHeartBtIntSeconds: 10 })).toBe('ZVT_ERR_FIX_OPTIONS: FIX acceptor option maxHeartBtIntSeconds must be at least minHeartBtIntSeconds');
    expect(refusal({ fsync: 'sometimes' as 'never' })).toBe('ZVT_ERR_FIX_OPTIONS: FIX acceptor option fsync must be "never" or "always", got "sometimes"');
  });
});
