// The FixSession state machine with a real store and a set clock: logon, sequence rules, resends and gap fills, heartbeats and test requests, logout, rejects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFixMessage, FixBody } from '../../../../src/gateway/fix/fix-encoder.js';
import type { FixMessage } from '../../../../src/gateway/fix/fix-message.js';
import { parseFixMessage } from '../../../../src/gateway/fix/fix-parse.js';
import { FixSession, type FixSessionEvent, type FixSessionLink } from '../../../../src/gateway/fix/fix-session.js';
import { FixSessionStore } from '../../../../src/gateway/fix/fix-session-store.js';
import { formatUtcTimestamp } from '../../../../src/gateway/fix/fix-time.js';

const START_MS = Date.UTC(2025, 0, 2, 12);

let directory: string;
let now: number;
let sent: FixMessage[];
let closed: number;
let application: { message: FixMessage; msgSeqNum: number }[];
let events: FixSessionEvent[];
let failApplication: boolean;

const link: FixSessionLink = {
  write: (bytes) => {
    const parsed = parseFixMessage(bytes);
    if (!parsed.ok) throw new Error(parsed.problem.text);
    sent.push(parsed.message);
  },
  close: () => {
    closed++;
  },
};

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-fix-session-'));
  now = START_MS;
  sent = [];
  closed = 0;
  application = [];
  events = [];
  failApplication = false;
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

function session(): FixSession {
  return new FixSession({
    ourCompId: 'ZVT',
    theirCompId: 'CLIENT',
    store: FixSessionStore.open(directory, 'ZVT', 'CLIENT'),
    sendingTimeToleranceMs: 120_000,
    logoutTimeoutMs: 2_000,
    clock: () => now,
    onApplicationMessage: (_session, message, msgSeqNum) => {
      if (failApplication) throw new Error('handler broke');
      application.push({ message, msgSeqNum });
    },
    onEvent: (_session, event) => events.push(event),
  });
}

function inbound(msgType: string, msgSeqNum: number, body = '', extra: { possDup?: boolean; sender?: string; sendingTimeMs?: number } = {}): FixMessage {
  const sendingTime = formatUtcTimestamp(extra.sendingTimeMs ?? now);
  const bytes = encodeFixMessage(
    { msgType, senderCompId: extra.sender ?? 'CLIENT', targetCompId: 'ZVT', msgSeqNum, sendingTime, origSendingTime: extra.possDup === true ? formatUtcTimestamp(now - 1_000) : undefined },
    body,
  );
  const parsed = parseFixMessage(bytes);
  if (!parsed.ok) throw new Error(parsed.problem.text);
  return parsed.message;
}

function summary(messages: readonly FixMessage[]): string[] {
  return messages.map((message) => {
    const detail = [7, 16, 36, 123, 43, 112, 45, 373, 58].filter((tag) => message.has(tag)).map((tag) => `${tag}=${message.get(tag)}`);
    return [`${message.msgType}#${message.get(34)}`, ...detail].join(' ');
  });
}

describe('FixSession', () => {
  it('answers an in-sequence Logon and processes application messages in order', () => {
    const fix = session();
    expect(fix.logon(link, 1, 30, true, 'acct')).toBe(true);
    fix.receive(inbound('D', 2, '11=a\x01'));
    fix.receive(inbound('D', 3, '11=b\x01'));
    expect(summary(sent)).toEqual(['A#1']);
    expect(sent[0]!.get(141)).toBe('Y');
    expect(application.map((entry) => [entry.msgSeqNum, entry.message.get(11)])).toEqual([
      [2, 'a'],
      [3, 'b'],
    ]);
    expect(fix.store.nextTargetSeqNum).toBe(4);
  });

  it('asks for a resend when the Logon is ahead, drops later messages until the gap is filled, then goes on', () => {
    const fix = session();
    fix.logon(link, 5, 30, false, 'acct');
    fix.receive(inbound('D', 6, '11=early\x01'));
    expect(summary(sent)).toEqual(['A#1', '2#2 7=1 16=0']);
    fix.receive(inbound('D', 1, '11=resent\x01', { possDup: true }));
    fix.receive(inbound('4', 2, '123=Y\x0136=7\x01', { possDup: true }));
    fix.receive(inbound('D', 7, '11=next\x01'));
    expect(application.map((entry) => entry.message.get(11))).toEqual(['resent', 'next']);
    expect(summary(sent)).toEqual(['A#1', '2#2 7=1 16=0']);
  });

  it('logs out on a MsgSeqNum below the expected one unless it is a PossDup', () => {
    const fix = session();
    fix.logon(link, 1, 30, true, 'acct');
    fix.receive(inbound('D', 2, '11=a\x01'));
    fix.receive(inbound('D', 2, '11=dup\x01', { possDup: true }));
    expect(closed).toBe(0);
    fix.receive(inbound('D', 2, '11=again\x01'));
    expect(summary(sent).at(-1)).toBe('5#2 58=MsgSeqNum too low, expecting 3 but received 2');
    expect(closed).toBe(1);
    expect(fix.isConnected).toBe(false);
    expect(application).toHaveLength(1);
  });

  it('resends logged application messages with PossDupFlag and replaces admin runs by one gap fill', () => {
    const fix = session();
    fix.logon(link, 1, 30, true, 'acct');
    fix.sendApplication('8', '37=1\x0111=a\x01');
    fix.receive(inbound('1', 2, '112=t\x01'));
    fix.receive(inbound('0', 3));
    now += 30_000;
    fix.tick();
    fix.sendApplication('8', '37=1\x0111=b\x01');
    expect(summary(sent)).toEqual(['A#1', '8#2', '0#3 112=t', '0#4', '8#5']);
    sent = [];
    fix.receive(inbound('2', 4, '7=1\x0116=0\x01'));
    expect(summary(sent)).toEqual(['4#1 36=2 123=Y 43=Y', '8#2 43=Y', '4#3 36=5 123=Y 43=Y', '8#5 43=Y']);
    expect(sent[1]!.get(122)).toBe(formatUtcTimestamp(START_MS));
    expect(sent[1]!.get(11)).toBe('a');
    expect(fix.store.nextSenderSeqNum).toBe(6);
  });

  it('numbers and logs application messages while offline; the next Logon answers above them', () => {
    const fix = session();
    fix.logon(link, 1, 30, true, 'acct');
    fix.linkLost(link);
    fix.sendApplication('8', '37=1\x01');
    fix.sendApplication('8', '37=2\x01');
    expect(summary(sent)).toEqual(['A#1']);
    fix.logon(link, 2, 30, false, 'acct');
    expect(summary(sent)).toEqual(['A#1', 'A#4']);
    expect(fix.store.message(3)?.body).toBe('37=2\x01');
  });

  it('heartbeats when idle, tests a silent peer, then logs it out', () => {
    const fix = session();
    fix.logon(link, 1, 10, true, 'acct');
    now += 10_000;
    fix.tick();
    expect(summary(sent)).toEqual(['A#1', '0#2']);
    now += 2_000;
    fix.tick();
    expect(summary(sent).at(-1)).toBe('1#3 112=TEST-1');
    fix.receive(inbound('0', 2, '112=TEST-1\x01'));
    now += 12_000;
    fix.tick();
    // The TestRequest itself is traffic: no Heartbeat on top of it.
    expect(summary(sent).at(-1)).toBe('1#4 112=TEST-2');
    now += 12_000;
    fix.tick();
    expect(summary(sent).at(-1)).toBe('5#5 58=Heartbeat timeout: no answer to TestRequest');
    expect(closed).toBe(1);
  });

  it('completes a Logout either way round', () => {
    const fix = session();
    fix.logon(link, 1, 30, true, 'acct');
    fix.receive(inbound('5', 2));
    expect(summary(sent)).toEqual(['A#1', '5#2']);
    expect(closed).toBe(1);

    fix.logon(link, 3, 30, false, 'acct');
    fix.logout('going away');
    now += 1_000;
    fix.tick();
    expect(closed).toBe(1);
    now += 1_500;
    fix.tick();
    expect(closed).toBe(2);
    expect(events.filter((event) => event.kind === 'logged_out').map((event) => (event.kind === 'logged_out' ? event.text : ''))).toEqual([
      'Logout requested by the counterparty',
      'Logout not answered in time',
    ]);
  });

  it('rejects and logs out on a wrong CompID or SendingTime; rejects and goes on when the application fails', () => {
    const first = session();
    first.logon(link, 1, 30, true, 'acct');
    failApplication = true;
    first.receive(inbound('D', 2, '11=a\x01'));
    expect(summary(sent).at(-1)).toBe('3#2 45=2 373=99 58=The message could not be processed');
    expect(first.isLoggedOn).toBe(true);
    first.receive(inbound('D', 3, '11=b\x01', { sender: 'SOMEONE' }));
    expect(summary(sent).slice(-2)).toEqual(['3#3 45=3 373=9 58=CompID problem', '5#4 58=SenderCompID or TargetCompID differs from the Logon']);

    sent = [];
    const second = session();
    // Same store: the message with the wrong CompID was never counted, so 3 is expected next.
    second.logon(link, 3, 30, false, 'acct');
    second.receive(inbound('0', 4, '', { sendingTimeMs: now - 600_000 }));
    expect(summary(sent)).toEqual(['A#5', '3#6 45=4 373=10 58=SendingTime accuracy problem', '5#7 58=SendingTime accuracy problem']);
  });

  it('takes SequenceReset in reset mode whatever its MsgSeqNum, never lowering the expected number', () => {
    const fix = session();
    fix.logon(link, 1, 30, true, 'acct');
    fix.receive(inbound('4', 40, '36=10\x01'));
    expect(fix.store.nextTargetSeqNum).toBe(10);
    fix.receive(inbound('4', 10, '36=3\x01'));
    expect(summary(sent).at(-1)).toBe('3#2 45=10 373=5 58=Attempt to lower sequence number, invalid value NewSeqNo=3');
    expect(fix.store.nextTargetSeqNum).toBe(10);
    fix.receive(inbound('D', 10, new FixBody().field(11, 'ten').toString()));
    expect(application.map((entry) => entry.msgSeqNum)).toEqual([10]);
  });
});
