// Logon signature: a vector computed with openssl, constant-time verification, and UTCTimestamp text both ways.
import { describe, expect, it } from 'vitest';
import { logonPrehash, logonSignature, verifyLogonSignature } from '../../../../src/gateway/fix/fix-logon-signature.js';
import { formatUtcTimestamp, parseUtcTimestamp } from '../../../../src/gateway/fix/fix-time.js';

const FIELDS = { sendingTime: '20250102-12:00:00.000', msgType: 'A', msgSeqNum: '1', senderCompId: 'TRADER1', targetCompId: 'ZVT' };

describe('Logon signature', () => {
  it('is base64 HMAC-SHA256 of SendingTime␁MsgType␁MsgSeqNum␁SenderCompID␁TargetCompID', () => {
    expect(logonPrehash(FIELDS)).toBe('20250102-12:00:00.000\x01A\x011\x01TRADER1\x01ZVT');
    // printf '20250102-12:00:00.000\x01A\x011\x01TRADER1\x01ZVT' | openssl dgst -sha256 -hmac 'example-secret' -binary | base64
    expect(logonSignature('example-secret', FIELDS)).toBe('4fcQZP2WraYi7bGYPCRWGhKqLg3JZmfFbtmOoTT6cW8=');
  });

  it('verifies only the exact signature of the exact fields', () => {
    const signature = logonSignature('example-secret', FIELDS);
    expect(verifyLogonSignature('example-secret', FIELDS, signature)).toBe(true);
    expect(verifyLogonSignature('other-secret', FIELDS, signature)).toBe(false);
    expect(verifyLogonSignature('example-secret', { ...FIELDS, msgSeqNum: '2' }, signature)).toBe(false);
    expect(verifyLogonSignature('example-secret', FIELDS, signature.slice(1))).toBe(false);
  });
});

describe('UTCTimestamp', () => {
  it('formats with milliseconds and parses 0, 3, 6 or 9 fraction digits', () => {
    const epochMs = Date.UTC(2025, 0, 2, 3, 4, 5, 67);
    expect(formatUtcTimestamp(epochMs)).toBe('20250102-03:04:05.067');
    expect(parseUtcTimestamp('20250102-03:04:05.067')).toBe(epochMs);
    expect(parseUtcTimestamp('20250102-03:04:05')).toBe(epochMs - 67);
    expect(parseUtcTimestamp('20250102-03:04:05.067891')).toBe(epochMs);
    expect(parseUtcTimestamp('20250102-03:04:05.067891234')).toBe(epochMs);
  });

  it('refuses text that is no instant', () => {
    for (const text of ['20251302-00:00:00', '20250431-00:00:00', '20250102-24:00:00', '20250102 03:04:05', '20250102-03:04:05.1', '']) {
      expect(parseUtcTimestamp(text)).toBeNull();
    }
  });
});
