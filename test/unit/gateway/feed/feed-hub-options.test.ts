// FeedHub options: defaults, overrides and the exact refusal messages.
import { describe, expect, it } from 'vitest';
import { FEED_HUB_DEFAULTS, resolveFeedHubOptions } from '../../../../src/gateway/feed/feed-hub-options.js';
import { ZVT_ERR_GATEWAY_FEED_OPTIONS } from '../../../../src/gateway/errors.js';

describe('resolveFeedHubOptions', () => {
  it('fills defaults and keeps overrides, frozen', () => {
    expect(resolveFeedHubOptions()).toEqual(FEED_HUB_DEFAULTS);
    const resolved = resolveFeedHubOptions({ softLimitBytes: 65_536, resumeBelowBytes: 0, maxSlowMs: 300 });
    expect(resolved).toMatchObject({ softLimitBytes: 65_536, resumeBelowBytes: 0, maxSlowMs: 300, hardLimitBytes: FEED_HUB_DEFAULTS.hardLimitBytes });
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('refuses limits out of order, non-integers and unknown names', () => {
    const refuse = (options: object, message: string): void => {
      expect(() => resolveFeedHubOptions(options)).toThrow(expect.objectContaining({ code: ZVT_ERR_GATEWAY_FEED_OPTIONS, message }));
    };
    refuse({ softLimitBytes: 32 * 1024 * 1024 }, 'FeedHub option softLimitBytes must be an integer in [1, 16777215], got 33554432');
    refuse({ resumeBelowBytes: 2 * 1024 * 1024 }, 'FeedHub option resumeBelowBytes must be an integer in [0, 1048575], got 2097152');
    refuse({ maxSlowMs: 0.5 }, 'FeedHub option maxSlowMs must be an integer in [1, 3600000], got 0.5');
    refuse({ heartbeatIntervalMs: 1 }, 'FeedHub option heartbeatIntervalMs must be an integer in [10, 3600000], got 1');
    refuse({ maxTopics: 5 }, 'unknown FeedHub option "maxTopics"');
  });
});
