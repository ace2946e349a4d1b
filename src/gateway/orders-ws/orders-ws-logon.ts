// Checks a /v1/orders Logon: fresh sending_time, a known API key, the FIX Logon signature (request_id as MsgSeqNum, api_key as SenderCompID), not replayed.
//
// The signature is verified by the FIX acceptor's own function (verifyLogonSignature): a client
// that can sign a FIX Logon can sign this one. A FIX Logon's MsgSeqNum makes it single-use once
// the session moves on; a WebSocket session has no persistent sequence, so accepted signatures
// are remembered until their sending_time leaves the tolerance window instead (ReplayGuard).
import { ReplayGuard } from '../auth/replay-guard.js';
import { verifyLogonSignature, type FixCredential, type FixCredentialLookup, type FixLogonSignedFields } from '../fix/fix-logon-signature.js';
import { parseUtcTimestamp } from '../fix/fix-time.js';
import type { LogonRejectReasonName, WsRequestBody } from './orders-ws-frames.js';

/** The FIX MsgType of a Logon, signed as in FIX. */
const LOGON_MSG_TYPE = 'A';
/** Logon signatures remembered at most; past it new Logons are refused (try_later) until old ones expire. */
const MAX_REMEMBERED_LOGONS = 10_000;

export interface WsLogonPolicy {
  readonly compId: string;
  readonly credentials: FixCredentialLookup;
  readonly timeToleranceMs: number;
}

export type WsLogonCheck =
  | { readonly ok: true; readonly credential: FixCredential }
  | { readonly ok: false; readonly reason: LogonRejectReasonName; readonly text: string };

/** The fields a /v1/orders Logon signs, in the FIX Logon's prehash order. */
export function wsLogonSignedFields(apiKey: string, sendingTime: string, requestId: bigint, compId: string): FixLogonSignedFields {
  return { sendingTime, msgType: LOGON_MSG_TYPE, msgSeqNum: requestId.toString(), senderCompId: apiKey, targetCompId: compId };
}

export class WsLogonChecker {
  private readonly replays: ReplayGuard;

  constructor(private readonly policy: WsLogonPolicy) {
    this.replays = new ReplayGuard(policy.timeToleranceMs, MAX_REMEMBERED_LOGONS);
  }

  check(logon: Extract<WsRequestBody, { kind: 'logon' }>, requestId: bigint, nowMs: number): WsLogonCheck {
    const refuse = (reason: LogonRejectReasonName, text: string): WsLogonCheck => ({ ok: false, reason, text });
    const { apiKey, sendingTime, signature } = logon;
    if (apiKey === null || apiKey.length === 0) return refuse('malformed', 'api_key is required');
    if (sendingTime === null || signature === null || signature.length === 0) return refuse('malformed', 'sending_time and signature are required');
    const sentMs = parseUtcTimestamp(sendingTime);
    if (sentMs === null) return refuse('malformed', 'sending_time must be a UTCTimestamp (YYYYMMDD-HH:MM:SS.sss)');
    if (Math.abs(nowMs - sentMs) > this.policy.timeToleranceMs) {
      return refuse('stale_timestamp', `sending_time is more than ${this.policy.timeToleranceMs} ms from the server's clock`);
    }
    const credential = this.policy.credentials(apiKey);
    if (credential === undefined) return refuse('unknown_key', 'Unknown API key');
    if (!verifyLogonSignature(credential.secret, wsLogonSignedFields(apiKey, sendingTime, requestId, this.policy.compId), signature)) {
      return refuse('invalid_signature', 'Invalid signature');
    }
    const seen = this.replays.check(apiKey, signature, nowMs);
    if (seen === 'replay') return refuse('replayed', 'This Logon was already used; sign a new one');
    if (seen === 'full') return refuse('try_later', 'Too many Logons inside the timestamp window; retry shortly');
    this.replays.remember(apiKey, signature, sentMs);
    return { ok: true, credential };
  }
}
