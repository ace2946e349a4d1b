// Logon authentication: Username(553) is the API key, RawData(96) the base64 HMAC-SHA256 of the Logon's own header fields under the key's secret.
//
// prehash = SendingTime(52) ␁ MsgType(35) ␁ MsgSeqNum(34) ␁ SenderCompID(49) ␁ TargetCompID(56),
// each exactly as written on the wire; signature = base64(HMAC-SHA256(secret as UTF-8 bytes,
// prehash)). This is the scheme of Coinbase's FIX order entry (which appends the passphrase too)
// without a passphrase. Signing the SendingTime and MsgSeqNum makes a captured Logon useless
// after the SendingTime window and after the sequence moves on.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SOH } from './fix-tags.js';

export interface FixLogonSignedFields {
  readonly sendingTime: string;
  readonly msgType: string;
  readonly msgSeqNum: string;
  readonly senderCompId: string;
  readonly targetCompId: string;
}

/** An API key the acceptor knows: its secret, the account its orders trade for, and optionally the SenderCompIDs it may log on as. */
export interface FixCredential {
  readonly apiKey: string;
  readonly secret: string;
  readonly accountId: string;
  /** When set, a Logon with another SenderCompID is refused. */
  readonly senderCompIds?: readonly string[] | undefined;
}

/** Finds the credential of an API key (undefined: unknown key). */
export type FixCredentialLookup = (apiKey: string) => FixCredential | undefined;

export function logonPrehash(fields: FixLogonSignedFields): string {
  return [fields.sendingTime, fields.msgType, fields.msgSeqNum, fields.senderCompId, fields.targetCompId].join(SOH);
}

/** The RawData(96) value a client puts on its Logon. */
export function logonSignature(secret: string, fields: FixLogonSignedFields): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(logonPrehash(fields), 'latin1').digest('base64');
}

/** Constant-time comparison of a received RawData with the expected signature. */
export function verifyLogonSignature(secret: string, fields: FixLogonSignedFields, rawData: string): boolean {
  const expected = Buffer.from(logonSignature(secret, fields), 'latin1');
  const received = Buffer.from(rawData, 'latin1');
  return expected.length === received.length && timingSafeEqual(expected, received);
}
