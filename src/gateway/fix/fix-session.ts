// One FIX 4.4 session (our CompID ↔ one SenderCompID): sequence numbers, heartbeats, test requests, resends and gap fills, sequence resets, rejects, logout.
//
// The session outlives its TCP connections: it is created at the first Logon and stays with its
// store, so application messages produced while the counterparty is away (fills of resting
// orders) are numbered and logged, and reach it through the ResendRequest its next Logon leads to.
// Inbound rules follow the FIX session specification:
//   MsgSeqNum = expected   process, expect one more
//   MsgSeqNum > expected   ResendRequest(expected, 0) once, drop the message (it comes again)
//   MsgSeqNum < expected   PossDupFlag=Y: ignore (seen already); else Logout and disconnect
//   SequenceReset-Reset    NewSeqNo taken whatever the MsgSeqNum (never lower: Reject 5)
//   a Reject (3) consumes its MsgSeqNum; a garbled frame never reaches here and consumes nothing.
import type { FixMessage, FixMessageProblem } from './fix-message.js';
import { FixBody, encodeFixMessage } from './fix-encoder.js';
import { seqNumOf, seqNumOrZero } from './fix-parse.js';
import type { FixSessionStore } from './fix-session-store.js';
import { MSG_TYPE, SESSION_REJECT_REASON, TAG } from './fix-tags.js';
import { formatUtcTimestamp, parseUtcTimestamp } from './fix-time.js';

/** The session's view of its connection. */
export interface FixSessionLink {
  write(bytes: Buffer): void;
  /** Ends the connection once what was written has gone out. */
  close(): void;
}

export type FixSessionEvent =
  | { readonly kind: 'logged_on'; readonly reset: boolean; readonly resendRequested: boolean }
  | { readonly kind: 'logged_out'; readonly text: string }
  | { readonly kind: 'reject_sent'; readonly refSeqNum: number; readonly reason: number; readonly text: string }
  | { readonly kind: 'reject_received'; readonly refSeqNum: number | null; readonly text: string | null }
  | { readonly kind: 'resend_request_received'; readonly begin: number; readonly end: number }
  | { readonly kind: 'application_error'; readonly error: unknown };

export interface FixSessionConfig {
  readonly ourCompId: string;
  readonly theirCompId: string;
  readonly store: FixSessionStore;
  /** How far SendingTime of an in-session message may be from our clock (FIX suggests about two minutes). */
  readonly sendingTimeToleranceMs: number;
  /** How long a Logout we sent waits for the counterparty's before the connection is closed. */
  readonly logoutTimeoutMs: number;
  readonly clock: () => number;
  /** Every application message received in sequence. May call back into the session (reports, rejects). */
  readonly onApplicationMessage: (session: FixSession, message: FixMessage, msgSeqNum: number) => void;
  readonly onEvent: (session: FixSession, event: FixSessionEvent) => void;
}

type State = 'offline' | 'active' | 'logout_sent';

export class FixSession {
  /** The account the logged-on API key trades for. */
  accountId: string | null = null;
  private link: FixSessionLink | null = null;
  private state: State = 'offline';
  private heartbeatMs = 30_000;
  private lastSentMs = 0;
  private lastReceivedMs = 0;
  private testRequest: { readonly id: string; readonly sentMs: number } | null = null;
  /** While set, a ResendRequest of ours is outstanding until the expected MsgSeqNum passes it. */
  private resendUpTo: number | null = null;
  private resendRequestedMs = 0;
  private logoutDeadlineMs = 0;
  private testRequestCounter = 0;

  constructor(private readonly config: FixSessionConfig) {}

  get theirCompId(): string {
    return this.config.theirCompId;
  }

  get store(): FixSessionStore {
    return this.config.store;
  }

  /** A connection is attached (logged on, or logging out). */
  get isConnected(): boolean {
    return this.link !== null;
  }

  get isLoggedOn(): boolean {
    return this.state === 'active';
  }

  /**
   * Takes a Logon that passed authentication (the acceptor checked CompIDs, SendingTime,
   * signature and, with ResetSeqNumFlag=Y, MsgSeqNum 1). Answers with a Logon, then a
   * ResendRequest when the MsgSeqNum is ahead of what we expect. Returns false when the Logon's
   * MsgSeqNum is below what we expect (Logout sent, connection closed).
   */
  logon(link: FixSessionLink, msgSeqNum: number, heartBtIntSeconds: number, reset: boolean, accountId: string): boolean {
    const now = this.config.clock();
    this.link = link;
    this.accountId = accountId;
    this.heartbeatMs = heartBtIntSeconds * 1000;
    this.testRequest = null;
    this.resendUpTo = null;
    this.lastReceivedMs = now;
    this.lastSentMs = now;
    this.state = 'active';
    const store = this.config.store;
    if (reset) store.reset();
    const expected = store.nextTargetSeqNum;
    if (msgSeqNum < expected) {
      this.terminate(`MsgSeqNum too low, expecting ${expected} but received ${msgSeqNum}`);
      return false;
    }
    const body = new FixBody().field(TAG.EncryptMethod, 0).field(TAG.HeartBtInt, heartBtIntSeconds);
    if (reset) body.field(TAG.ResetSeqNumFlag, 'Y');
    this.sendAdmin(MSG_TYPE.Logon, body);
    if (msgSeqNum === expected) store.setNextTargetSeqNum(msgSeqNum + 1);
    else this.requestResend(expected, msgSeqNum);
    this.config.onEvent(this, { kind: 'logged_on', reset, resendRequested: msgSeqNum > expected });
    return true;
  }

  /** A message that parsed, on the logged-on connection. */
  receive(message: FixMessage): void {
    if (this.link === null) return;
    const now = this.config.clock();
    this.lastReceivedMs = now;
    this.testRequest = null;
    const msgType = message.msgType;
    const msgSeqNum = seqNumOf(message.get(TAG.MsgSeqNum));
    if (msgSeqNum === null) return this.terminate('MsgSeqNum(34) missing or not a positive integer');

    if (message.get(TAG.SenderCompID) !== this.config.theirCompId || message.get(TAG.TargetCompID) !== this.config.ourCompId) {
      this.sendReject(msgSeqNum, SESSION_REJECT_REASON.CompIdProblem, TAG.SenderCompID, msgType, 'CompID problem');
      return this.terminate('SenderCompID or TargetCompID differs from the Logon');
    }
    const sendingTime = parseUtcTimestamp(message.get(TAG.SendingTime) ?? '');
    if (sendingTime !== null && Math.abs(now - sendingTime) > this.config.sendingTimeToleranceMs) {
      this.sendReject(msgSeqNum, SESSION_REJECT_REASON.SendingTimeAccuracyProblem, TAG.SendingTime, msgType, 'SendingTime accuracy problem');
      return this.terminate('SendingTime accuracy problem');
    }

    if (msgType === MSG_TYPE.SequenceReset && message.get(TAG.GapFillFlag) !== 'Y') return this.onSequenceReset(message, msgSeqNum);

    const store = this.config.store;
    const expected = store.nextTargetSeqNum;
    const possDup = message.get(TAG.PossDupFlag) === 'Y';
    if (msgSeqNum > expected) {
      // Answer a ResendRequest first, or both sides could wait on each other's resends.
      if (msgType === MSG_TYPE.ResendRequest) this.onResendRequest(message, msgSeqNum);
      if (msgType === MSG_TYPE.Logout) return this.onLogout();
      return this.requestResend(expected, msgSeqNum);
    }
    if (msgSeqNum < expected) {
      if (possDup) return;
      return this.terminate(`MsgSeqNum too low, expecting ${expected} but received ${msgSeqNum}`);
    }

    // In sequence: the message is received, whatever happens to it next.
    const rejectInSequence = (reason: number, refTagId: number | null, text: string): void => {
      store.setNextTargetSeqNum(msgSeqNum + 1);
      this.afterInSequence();
      this.sendReject(msgSeqNum, reason, refTagId, msgType, text);
    };
    if (message.get(TAG.SendingTime) === undefined) return rejectInSequence(SESSION_REJECT_REASON.RequiredTagMissing, TAG.SendingTime, 'Required tag 52 missing');
    if (sendingTime === null) return rejectInSequence(SESSION_REJECT_REASON.IncorrectDataFormatForValue, TAG.SendingTime, 'SendingTime is not a UTCTimestamp');
    if (possDup) {
      const original = message.get(TAG.OrigSendingTime);
      if (original === undefined) return rejectInSequence(SESSION_REJECT_REASON.RequiredTagMissing, TAG.OrigSendingTime, 'OrigSendingTime(122) is required with PossDupFlag=Y');
      const originalMs = parseUtcTimestamp(original);
      if (originalMs === null) return rejectInSequence(SESSION_REJECT_REASON.IncorrectDataFormatForValue, TAG.OrigSendingTime, 'OrigSendingTime is not a UTCTimestamp');
      if (originalMs > sendingTime) {
        this.sendReject(msgSeqNum, SESSION_REJECT_REASON.SendingTimeAccuracyProblem, TAG.OrigSendingTime, msgType, 'OrigSendingTime is later than SendingTime');
        return this.terminate('SendingTime accuracy problem');
      }
    }
    if (msgType === MSG_TYPE.SequenceReset) {
      const newSeqNo = seqNumOf(message.get(TAG.NewSeqNo));
      if (newSeqNo === null) return rejectInSequence(SESSION_REJECT_REASON.RequiredTagMissing, TAG.NewSeqNo, 'NewSeqNo(36) missing or not a positive integer');
      if (newSeqNo <= msgSeqNum) return rejectInSequence(SESSION_REJECT_REASON.ValueIsIncorrect, TAG.NewSeqNo, `Attempt to lower sequence number, invalid value NewSeqNo=${newSeqNo}`);
      store.setNextTargetSeqNum(newSeqNo);
      return this.afterInSequence();
    }
    store.setNextTargetSeqNum(msgSeqNum + 1);
    this.afterInSequence();
    this.dispatch(message, msgSeqNum);
  }

  /** A message that failed to parse (see FixMessageProblem): Reject when in sequence, else the same sequence rules. */
  receiveProblem(problem: FixMessageProblem): void {
    if (this.link === null) return;
    this.lastReceivedMs = this.config.clock();
    this.testRequest = null;
    const msgSeqNum = problem.msgSeqNum;
    if (msgSeqNum === null) return this.terminate(`MsgSeqNum(34) missing or invalid (${problem.text})`);
    const store = this.config.store;
    const expected = store.nextTargetSeqNum;
    if (msgSeqNum > expected) return this.requestResend(expected, msgSeqNum);
    // Below the expected number: a duplicate we cannot read; nothing to do with it.
    if (msgSeqNum < expected) return;
    store.setNextTargetSeqNum(msgSeqNum + 1);
    this.afterInSequence();
    this.sendReject(msgSeqNum, problem.reason, problem.refTagId, problem.msgType, problem.text);
  }

  /** Heartbeats, test requests, timeouts; called by the acceptor's timer. */
  tick(): void {
    if (this.link === null) return;
    const now = this.config.clock();
    if (this.state === 'logout_sent') {
      if (now >= this.logoutDeadlineMs) this.closeLink('Logout not answered in time');
      return;
    }
    if (this.state !== 'active') return;
    // FIX leaves "a reasonable transmission time" to the engines: 20 % of the interval, at least half a second.
    const grace = Math.max(500, this.heartbeatMs / 5);
    if (this.testRequest !== null && now - this.testRequest.sentMs >= this.heartbeatMs + grace) {
      return this.terminate('Heartbeat timeout: no answer to TestRequest');
    }
    if (this.testRequest === null && now - this.lastReceivedMs >= this.heartbeatMs + grace) {
      const id = `TEST-${++this.testRequestCounter}`;
      this.testRequest = { id, sentMs: now };
      this.sendAdmin(MSG_TYPE.TestRequest, new FixBody().field(TAG.TestReqID, id));
    }
    if (this.resendUpTo !== null && now - this.resendRequestedMs >= 2 * this.heartbeatMs) {
      // Our ResendRequest went unanswered for two intervals: ask again.
      const upTo = this.resendUpTo;
      this.resendUpTo = null;
      this.requestResend(this.config.store.nextTargetSeqNum, upTo);
    }
    if (now - this.lastSentMs >= this.heartbeatMs) this.sendAdmin(MSG_TYPE.Heartbeat, new FixBody());
  }

  /** An application message (ExecutionReport ...): numbered and logged even when no connection is up; sent when logged on. */
  sendApplication(msgType: string, body: string): void {
    const now = this.config.clock();
    const sendingTime = formatUtcTimestamp(now);
    const msgSeqNum = this.config.store.appendApplication(msgType, sendingTime, body);
    if (this.link === null || this.state !== 'active') return;
    this.write(encodeFixMessage(this.header(msgType, msgSeqNum, sendingTime), body), now);
  }

  sendReject(refSeqNum: number, reason: number, refTagId: number | null, refMsgType: string | null, text: string): void {
    const body = new FixBody()
      .field(TAG.RefSeqNum, refSeqNum)
      .field(TAG.RefTagID, refTagId)
      .field(TAG.RefMsgType, refMsgType)
      .field(TAG.SessionRejectReason, reason)
      .field(TAG.Text, text);
    this.sendAdmin(MSG_TYPE.Reject, body);
    this.config.onEvent(this, { kind: 'reject_sent', refSeqNum, reason, text });
  }

  /** BusinessMessageReject (j): an application message this venue cannot take. An application message, so it is logged and resent. */
  sendBusinessReject(refSeqNum: number, refMsgType: string, reason: number, refId: string | null, text: string): void {
    const body = new FixBody()
      .field(TAG.RefSeqNum, refSeqNum)
      .field(TAG.RefMsgType, refMsgType)
      .field(TAG.BusinessRejectRefID, refId)
      .field(TAG.BusinessRejectReason, reason)
      .field(TAG.Text, text);
    this.sendApplication(MSG_TYPE.BusinessMessageReject, body.toString());
  }

  /** Starts a graceful logout (acceptor shutdown): Logout now, the connection closes on the answer or after logoutTimeoutMs. */
  logout(text: string): void {
    if (this.link === null || this.state !== 'active') return;
    this.sendAdmin(MSG_TYPE.Logout, new FixBody().field(TAG.Text, text));
    this.state = 'logout_sent';
    this.logoutDeadlineMs = this.config.clock() + this.config.logoutTimeoutMs;
  }

  /** Logout with the reason, then close without waiting (errors the session cannot continue after). */
  terminate(text: string): void {
    if (this.link === null) return;
    this.sendAdmin(MSG_TYPE.Logout, new FixBody().field(TAG.Text, text));
    this.closeLink(text);
  }

  /** The connection went away (closed by either side). Only the link the session holds counts. */
  linkLost(link: FixSessionLink): void {
    if (this.link !== link) return;
    this.link = null;
    this.state = 'offline';
    this.config.onEvent(this, { kind: 'logged_out', text: 'Connection closed' });
  }

  // ---- inbound ---------------------------------------------------------------------------

  private dispatch(message: FixMessage, msgSeqNum: number): void {
    switch (message.msgType) {
      case MSG_TYPE.Heartbeat:
        return;
      case MSG_TYPE.TestRequest: {
        const id = message.get(TAG.TestReqID);
        if (id === undefined) return this.sendReject(msgSeqNum, SESSION_REJECT_REASON.RequiredTagMissing, TAG.TestReqID, message.msgType, 'Required tag 112 missing');
        return this.sendAdmin(MSG_TYPE.Heartbeat, new FixBody().field(TAG.TestReqID, id));
      }
      case MSG_TYPE.ResendRequest:
        return this.onResendRequest(message, msgSeqNum);
      case MSG_TYPE.Reject:
        this.config.onEvent(this, { kind: 'reject_received', refSeqNum: seqNumOf(message.get(TAG.RefSeqNum)), text: message.get(TAG.Text) ?? null });
        return;
      case MSG_TYPE.Logout:
        return this.onLogout();
      case MSG_TYPE.Logon:
        return this.terminate('Logon received in an active session');
      default:
        try {
          this.config.onApplicationMessage(this, message, msgSeqNum);
        } catch (error) {
          // One message's failure must not end the session: reject it and carry on.
          this.config.onEvent(this, { kind: 'application_error', error });
          this.sendReject(msgSeqNum, SESSION_REJECT_REASON.Other, null, message.msgType, 'The message could not be processed');
        }
    }
  }

  private onResendRequest(message: FixMessage, msgSeqNum: number): void {
    const begin = seqNumOf(message.get(TAG.BeginSeqNo));
    const end = seqNumOrZero(message.get(TAG.EndSeqNo));
    if (begin === null) return this.sendReject(msgSeqNum, SESSION_REJECT_REASON.RequiredTagMissing, TAG.BeginSeqNo, message.msgType, 'BeginSeqNo(7) missing or not a positive integer');
    if (end === null) return this.sendReject(msgSeqNum, SESSION_REJECT_REASON.RequiredTagMissing, TAG.EndSeqNo, message.msgType, 'EndSeqNo(16) missing or not an integer');
    if (end !== 0 && end < begin) return this.sendReject(msgSeqNum, SESSION_REJECT_REASON.ValueIsIncorrect, TAG.EndSeqNo, message.msgType, 'EndSeqNo is below BeginSeqNo');
    this.config.onEvent(this, { kind: 'resend_request_received', begin, end });
    const lastSent = this.config.store.nextSenderSeqNum - 1;
    this.resend(begin, end === 0 || end > lastSent ? lastSent : end);
  }

  /** Resends logged application messages of [from, to] with PossDupFlag=Y; runs of anything else become one SequenceReset-GapFill. */
  private resend(from: number, to: number): void {
    const store = this.config.store;
    let gapStart: number | null = null;
    for (let seq = from; seq <= to; seq++) {
      const stored = store.message(seq);
      if (stored === undefined) {
        gapStart ??= seq;
        continue;
      }
      if (gapStart !== null) this.sendGapFill(gapStart, seq);
      gapStart = null;
      const now = this.config.clock();
      const header = { ...this.header(stored.msgType, seq, formatUtcTimestamp(now)), origSendingTime: stored.sendingTime };
      this.write(encodeFixMessage(header, stored.body), now);
    }
    if (gapStart !== null) this.sendGapFill(gapStart, to + 1);
  }

  private sendGapFill(msgSeqNum: number, newSeqNo: number): void {
    const now = this.config.clock();
    const sendingTime = formatUtcTimestamp(now);
    const body = new FixBody().field(TAG.GapFillFlag, 'Y').field(TAG.NewSeqNo, newSeqNo).toString();
    this.write(encodeFixMessage({ ...this.header(MSG_TYPE.SequenceReset, msgSeqNum, sendingTime), origSendingTime: sendingTime }, body), now);
  }

  private onSequenceReset(message: FixMessage, msgSeqNum: number): void {
    const newSeqNo = seqNumOf(message.get(TAG.NewSeqNo));
    const store = this.config.store;
    if (newSeqNo === null) return this.sendReject(msgSeqNum, SESSION_REJECT_REASON.RequiredTagMissing, TAG.NewSeqNo, message.msgType, 'NewSeqNo(36) missing or not a positive integer');
    if (newSeqNo < store.nextTargetSeqNum) {
      return this.sendReject(msgSeqNum, SESSION_REJECT_REASON.ValueIsIncorrect, TAG.NewSeqNo, message.msgType, `Attempt to lower sequence number, invalid value NewSeqNo=${newSeqNo}`);
    }
    store.setNextTargetSeqNum(newSeqNo);
    this.afterInSequence();
  }

  private onLogout(): void {
    if (this.state === 'logout_sent') return this.closeLink('Logout confirmed');
    this.sendAdmin(MSG_TYPE.Logout, new FixBody());
    this.closeLink('Logout requested by the counterparty');
  }

  private requestResend(expected: number, received: number): void {
    if (this.resendUpTo === null) {
      this.sendAdmin(MSG_TYPE.ResendRequest, new FixBody().field(TAG.BeginSeqNo, expected).field(TAG.EndSeqNo, 0));
      this.resendRequestedMs = this.config.clock();
    }
    this.resendUpTo = Math.max(this.resendUpTo ?? 0, received);
  }

  private afterInSequence(): void {
    if (this.resendUpTo !== null && this.config.store.nextTargetSeqNum > this.resendUpTo) this.resendUpTo = null;
  }

  // ---- outbound --------------------------------------------------------------------------

  private sendAdmin(msgType: string, body: FixBody): void {
    if (this.link === null) return;
    const now = this.config.clock();
    const msgSeqNum = this.config.store.takeSenderSeqNum();
    this.write(encodeFixMessage(this.header(msgType, msgSeqNum, formatUtcTimestamp(now)), body.toString()), now);
  }

  private header(msgType: string, msgSeqNum: number, sendingTime: string): { msgType: string; senderCompId: string; targetCompId: string; msgSeqNum: number; sendingTime: string } {
    return { msgType, senderCompId: this.config.ourCompId, targetCompId: this.config.theirCompId, msgSeqNum, sendingTime };
  }

  private write(bytes: Buffer, now: number): void {
    if (this.link === null) return;
    this.lastSentMs = now;
    this.link.write(bytes);
  }

  private closeLink(text: string): void {
    const link = this.link;
    if (link === null) return;
    this.link = null;
    this.state = 'offline';
    link.close();
    this.config.onEvent(this, { kind: 'logged_out', text });
  }
}
