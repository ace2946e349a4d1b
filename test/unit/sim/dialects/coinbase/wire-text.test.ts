// Coinbase text helpers: Go time formats as recorded, UUID ids that map back to numbers, the percentage text of the ticker.
import { describe, expect, it } from 'vitest';
import { percentChange } from '../../../../../src/sim/dialects/coinbase/shared/ticker-stats.js';
import { goRfc3339, goTimeString } from '../../../../../src/sim/dialects/coinbase/wire/go-time.js';
import { coinbaseUuid, parseCoinbaseUuid } from '../../../../../src/sim/dialects/coinbase/wire/order-ids.js';

describe('Go time formats', () => {
  it('RFC3339Nano drops trailing fraction zeros and the dot with them, as the recorded timestamps', () => {
    expect(goRfc3339(Date.UTC(2026, 7, 9, 21, 5, 38, 500))).toBe('2026-08-09T21:05:38.5Z');
    expect(goRfc3339(Date.UTC(2026, 7, 9, 21, 5, 38, 504))).toBe('2026-08-09T21:05:38.504Z');
    expect(goRfc3339(Date.UTC(2026, 7, 9, 21, 5, 38, 50))).toBe('2026-08-09T21:05:38.05Z');
    expect(goRfc3339(Date.UTC(2026, 7, 9, 21, 5, 48))).toBe('2026-08-09T21:05:48Z');
  });

  it('time.String() with a monotonic reading, as the recorded heartbeat current_time', () => {
    // Recorded: "2026-08-09 21:05:48.854840045 +0000 UTC m=+41691.260485341" (nanoseconds there, milliseconds here).
    expect(goTimeString(Date.UTC(2026, 7, 9, 21, 5, 48, 854), 41_691_260)).toBe('2026-08-09 21:05:48.854 +0000 UTC m=+41691.260000000');
    expect(goTimeString(Date.UTC(2026, 7, 9, 21, 5, 48), 5)).toBe('2026-08-09 21:05:48 +0000 UTC m=+0.005000000');
  });
});

describe('Coinbase UUID ids', () => {
  it('carry the number in the last group and map back; other kinds and shapes are unknown', () => {
    const id = coinbaseUuid('order', 1_234_567_890);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseCoinbaseUuid('order', id)).toBe(1_234_567_890);
    expect(parseCoinbaseUuid('fill', id)).toBeNull();
    expect(parseCoinbaseUuid('order', id.toUpperCase())).toBeNull();
    expect(parseCoinbaseUuid('order', 'not-an-id')).toBeNull();
  });
});

describe('percentChange', () => {
  it('is a percentage with 14 fraction digits, truncated toward zero', () => {
    expect(percentChange(6_500_000, 6_506_240)).toBe('0.096');
    expect(percentChange(3, 4)).toBe('33.33333333333333');
    expect(percentChange(3, 2)).toBe('-33.33333333333333');
    expect(percentChange(null, 5)).toBe('0');
    expect(percentChange(0, 5)).toBe('0');
  });
});
