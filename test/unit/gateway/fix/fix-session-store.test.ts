// FixSessionStore on disk: numbering and logged messages survive a reopen, a torn last record is cut, a crash before the seqnums write is healed.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZvtError } from '../../../../src/model/errors.js';
import { compIdFileName, FixSessionStore } from '../../../../src/gateway/fix/fix-session-store.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-fix-store-'));
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('FixSessionStore', () => {
  it('starts at 1/1 and keeps sequence numbers and application messages across a reopen', () => {
    const store = FixSessionStore.open(directory, 'ZVT', 'CLIENT');
    expect([store.nextSenderSeqNum, store.nextTargetSeqNum]).toEqual([1, 1]);
    expect(store.takeSenderSeqNum()).toBe(1);
    expect(store.appendApplication('8', '20250102-12:00:00.000', '37=1\x0111=a\x01')).toBe(2);
    expect(store.takeSenderSeqNum()).toBe(3);
    expect(store.appendApplication('9', '20250102-12:00:01.000', '37=1\x0158=line\nbreak\x01')).toBe(4);
    store.setNextTargetSeqNum(12);
    store.close();

    const again = FixSessionStore.open(directory, 'ZVT', 'CLIENT', 'always');
    expect([again.nextSenderSeqNum, again.nextTargetSeqNum]).toEqual([5, 12]);
    expect(again.message(1)).toBeUndefined();
    expect(again.message(2)).toEqual({ msgSeqNum: 2, msgType: '8', sendingTime: '20250102-12:00:00.000', body: '37=1\x0111=a\x01' });
    expect(again.message(4)?.body).toBe('37=1\x0158=line\nbreak\x01');
    again.reset();
    expect([again.nextSenderSeqNum, again.nextTargetSeqNum, again.message(2)]).toEqual([1, 1, undefined]);
    again.close();
    expect(readFileSync(join(directory, 'ZVT-CLIENT.messages'), 'latin1')).toBe('');
  });

  it('cuts a torn last record and moves next-sender past a record the seqnums line missed', () => {
    const store = FixSessionStore.open(directory, 'ZVT', 'CLIENT');
    store.appendApplication('8', '20250102-12:00:00.000', '37=1\x01');
    store.close();
    const log = join(directory, 'ZVT-CLIENT.messages');
    // A record written just before a crash that never reached the seqnums line, then half a record.
    appendFileSync(log, '7 8 20250102-12:00:02.000 5\n37=7\x01\n', 'latin1');
    appendFileSync(log, '8 8 20250102-12:00:03.000 40\n37=', 'latin1');
    const reopened = FixSessionStore.open(directory, 'ZVT', 'CLIENT');
    expect(reopened.nextSenderSeqNum).toBe(8);
    expect(reopened.message(7)?.body).toBe('37=7\x01');
    expect(reopened.message(8)).toBeUndefined();
    expect(reopened.appendApplication('8', '20250102-12:00:04.000', '37=8\x01')).toBe(8);
    reopened.close();
    expect(FixSessionStore.open(directory, 'ZVT', 'CLIENT').message(8)?.body).toBe('37=8\x01');
  });

  it('refuses a seqnums file it did not write, and names files safely', () => {
    writeFileSync(join(directory, 'ZVT-BROKEN.seqnums'), 'hello\n');
    let thrown: unknown;
    try {
      FixSessionStore.open(directory, 'ZVT', 'BROKEN');
    } catch (error) {
      thrown = error;
    }
    expect(isZvtError(thrown, 'ZVT_ERR_FIX_STORE')).toBe(true);
    expect(compIdFileName('../etc/pass wd')).toBe('%2E.%2Fetc%2Fpass%20wd');
  });
});
