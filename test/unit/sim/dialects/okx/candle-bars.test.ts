// OKX bar boundaries: UTC bars (…utc and up to 4H) and Hong Kong bars (6H, 12H, 1D, 1W, 1M, 3M), and what each is built from.
import { describe, expect, it } from 'vitest';
import { okxBar, okxBarNames } from '../../../../../src/sim/dialects/okx/public-rest/candle-bars.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

function bucket(name: string, time: string): [string, string] {
  const bar = okxBar(name)!;
  const start = bar.bucketStart(at(time));
  return [iso(start), iso(bar.nextStart(at(time)))];
}

describe('OKX candle bars', () => {
  it('knows every documented bar except 1s, case-sensitively', () => {
    expect(okxBarNames().sort()).toEqual(
      ['1m', '3m', '5m', '15m', '30m', '1H', '2H', '4H', '6H', '12H', '1D', '2D', '3D', '1W', '1M', '3M', '6Hutc', '12Hutc', '1Dutc', '2Dutc', '3Dutc', '1Wutc', '1Mutc', '3Mutc'].sort(),
    );
    expect(okxBar('1s')).toBeUndefined();
    expect(okxBar('1h')).toBeUndefined();
    expect(okxBar('1d')).toBeUndefined();
  });

  it('1D is the Hong Kong day (16:00 UTC to 16:00 UTC), 1Dutc the UTC day', () => {
    expect(bucket('1D', '2024-03-10T15:59:59.999Z')).toEqual(['2024-03-09T16:00:00.000Z', '2024-03-10T16:00:00.000Z']);
    expect(bucket('1D', '2024-03-10T16:00:00.000Z')).toEqual(['2024-03-10T16:00:00.000Z', '2024-03-11T16:00:00.000Z']);
    expect(bucket('1Dutc', '2024-03-10T15:59:59.999Z')).toEqual(['2024-03-10T00:00:00.000Z', '2024-03-11T00:00:00.000Z']);
    expect(okxBar('1D')!.source).toBe('4h');
    expect(okxBar('1Dutc')!).toMatchObject({ source: '1d', direct: true });
  });

  it('6H and 12H follow Hong Kong hours, 6Hutc and 12Hutc UTC hours', () => {
    // HK 6H buckets start at 00/06/12/18 HK = 16/22/04/10 UTC.
    expect(bucket('6H', '2024-03-10T03:00:00Z')).toEqual(['2024-03-09T22:00:00.000Z', '2024-03-10T04:00:00.000Z']);
    expect(bucket('6Hutc', '2024-03-10T03:00:00Z')).toEqual(['2024-03-10T00:00:00.000Z', '2024-03-10T06:00:00.000Z']);
    expect(bucket('12H', '2024-03-10T03:00:00Z')).toEqual(['2024-03-09T16:00:00.000Z', '2024-03-10T04:00:00.000Z']);
    expect(bucket('12Hutc', '2024-03-10T03:00:00Z')).toEqual(['2024-03-10T00:00:00.000Z', '2024-03-10T12:00:00.000Z']);
    expect(okxBar('6H')!.source).toBe('1h');
  });

  it('1W starts Monday 00:00 Hong Kong (Sunday 16:00 UTC), 1Wutc Monday 00:00 UTC', () => {
    // 2024-03-10 is a Sunday.
    expect(bucket('1W', '2024-03-10T17:00:00Z')).toEqual(['2024-03-10T16:00:00.000Z', '2024-03-17T16:00:00.000Z']);
    expect(bucket('1W', '2024-03-10T15:00:00Z')).toEqual(['2024-03-03T16:00:00.000Z', '2024-03-10T16:00:00.000Z']);
    expect(bucket('1Wutc', '2024-03-10T17:00:00Z')).toEqual(['2024-03-04T00:00:00.000Z', '2024-03-11T00:00:00.000Z']);
  });

  it('1M and 3M are calendar months and quarters, of Hong Kong or UTC', () => {
    expect(bucket('1M', '2024-02-29T16:30:00Z')).toEqual(['2024-02-29T16:00:00.000Z', '2024-03-31T16:00:00.000Z']);
    expect(bucket('1Mutc', '2024-02-29T16:30:00Z')).toEqual(['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    expect(bucket('3Mutc', '2024-05-20T00:00:00Z')).toEqual(['2024-04-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z']);
    expect(bucket('3M', '2024-03-31T17:00:00Z')).toEqual(['2024-03-31T16:00:00.000Z', '2024-06-30T16:00:00.000Z']);
  });

  it('minute and hour bars up to 4H have one alignment (8 h is a whole number of them)', () => {
    expect(bucket('3m', '2024-03-10T03:04:05Z')).toEqual(['2024-03-10T03:03:00.000Z', '2024-03-10T03:06:00.000Z']);
    expect(bucket('2H', '2024-03-10T03:04:05Z')).toEqual(['2024-03-10T02:00:00.000Z', '2024-03-10T04:00:00.000Z']);
    expect(bucket('4H', '2024-03-10T03:04:05Z')).toEqual(['2024-03-10T00:00:00.000Z', '2024-03-10T04:00:00.000Z']);
    expect(okxBar('1m')).toMatchObject({ source: '1m', direct: true });
  });
});
