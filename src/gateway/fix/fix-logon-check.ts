// Checks the first message of a connection: a Logon to our CompID, fresh SendingTime, a known API key, a valid signature, sane HeartBtInt and reset flag.
import type { FixMessage } from './fix-message.js';
import { seqNumOf, seqNumOrZero } from './fix-parse.js';
import { verifyLogonSignature, type FixCredential, type FixCredentialLookup } from './fix-logon-signature.js';
import { MSG_TYPE, TAG } from './fix-tags.js';
import { parseUtcTimestamp } from './fix-time.js';

export interface FixLogonPolicy {
  readonly compId: string;
  readonly credentials: FixCredentialLookup;
  readonly sendingTimeToleranceMs: number;
  readonly minHeartBtIntSeconds: number;
  readonly maxHeartBtIntSeconds: number;
}

export type FixLogonCheck =
  | {
      readonly ok: true;
      readonly senderCompId: string;
      readonly msgSeqNum: number;
      readonly heartBtIntSeconds: number;
      readonly reset: boolean;
      readonly credential: FixCredential;
    }
  /** Refused: Logout with `text` (addressed to `senderCompId` when known), then close. */
  | { readonly ok: false; readonly senderCompId: string | null; readonly text: string };

export function checkLogon(message: FixMessage, policy: FixLogonPolicy, nowMs: number): FixLogonCheck {
  const senderCompId = message.get(TAG.SenderCompID) ?? null;
  const refuse = (text: string): FixLogonCheck => ({ ok: false, senderCompId, text });
  if (message.msgType !== MSG_TYPE.Logon) return refuse('The first message must be a Logon');
  if (senderCompId === null) return refuse('SenderCompID(49) is required');
  const target = message.get(TAG.TargetCompID);
  if (target !== policy.compId) return refuse(`TargetCompID must be ${policy.compId}`);
  const msgSeqNum = seqNumOf(message.get(TAG.MsgSeqNum));
  if (msgSeqNum === null) return refuse('MsgSeqNum(34) missing or not a positive integer');

  const sendingTimeText = message.get(TAG.SendingTime);
  const sendingTime = sendingTimeText === undefined ? null : parseUtcTimestamp(sendingTimeText);
  if (sendingTimeText === undefined || sendingTime === null) return refuse('SendingTime(52) missing or not a UTCTimestamp');
  if (Math.abs(nowMs - sendingTime) > policy.sendingTimeToleranceMs) {
    return refuse(`SendingTime is more than ${policy.sendingTimeToleranceMs} ms from the acceptor's clock`);
  }
  if (message.get(TAG.EncryptMethod) !== '0') return refuse('EncryptMethod(98) must be 0 (none)');
  const heartBtInt = seqNumOrZero(message.get(TAG.HeartBtInt));
  if (heartBtInt === null || heartBtInt < policy.minHeartBtIntSeconds || heartBtInt > policy.maxHeartBtIntSeconds) {
    return refuse(`HeartBtInt(108) must be ${policy.minHeartBtIntSeconds} to ${policy.maxHeartBtIntSeconds} seconds`);
  }
  const resetFlag = message.get(TAG.ResetSeqNumFlag);
  if (resetFlag !== undefined && resetFlag !== 'Y' && resetFlag !== 'N') return refuse('ResetSeqNumFlag(141) must be Y or N');
  const reset = resetFlag === 'Y';
  if (reset && msgSeqNum !== 1) return refuse('A Logon with ResetSeqNumFlag=Y must have MsgSeqNum 1');

  const apiKey = message.get(TAG.Username);
  if (apiKey === undefined) return refuse('Username(553) must carry the API key');
  const credential = policy.credentials(apiKey);
  if (credential === undefined) return refuse('Unknown API key');
  const signature = message.get(TAG.RawData);
  if (signature === undefined) return refuse('RawData(96) must carry the Logon signature');
  const signed = {
    sendingTime: sendingTimeText,
    msgType: MSG_TYPE.Logon,
    msgSeqNum: message.get(TAG.MsgSeqNum)!,
    senderCompId,
    targetCompId: target,
  };
  if (!verifyLogonSignature(credential.secret, signed, signature)) return refuse('Invalid signature');
  if (credential.senderCompIds !== undefined && !credential.senderCompIds.includes(senderCompId)) {
    return refuse(`The API key may not log on as SenderCompID ${senderCompId}`);
  }
  return { ok: true, senderCompId, msgSeqNum, heartBtIntSeconds: heartBtInt, reset, credential };
}
