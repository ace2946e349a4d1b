// Sequence numbers and sent application messages of one FIX session, persisted so a restarted acceptor continues the numbering and answers resends.
//
// Two files per session under the store directory, named after the session (our CompID, then
// the counterparty's, each reduced to [A-Za-z0-9._-] with other bytes as %XX):
//
//   <ours>-<theirs>.seqnums   one fixed-width line, rewritten in place at offset 0:
//                             "zvt-fix-seqnums v1 next-sender=<20 digits> next-target=<20 digits>\n"
//   <ours>-<theirs>.messages  append-only log of sent application messages, one record each:
//                             "<seq> <msgType> <sendingTime> <body bytes>\n<body>\n"
//                             (body = the fields after the standard header, as sent)
//
// Every outgoing application message is appended to the log before it is written to the
// socket (its record is also where its sequence number is kept); the seqnums line is rewritten
// before an admin message leaves and when a received message is accepted, before it is acted on.
// So whatever the counterparty saw can be resent, and nothing received is processed twice. Admin messages (Heartbeat, Logon
// ...) are not logged: a resend replaces them by SequenceReset-GapFill, as the FIX spec asks.
//
// fsync policy: 'never' (default) leaves both files to the page cache, which survives a process
// crash but not a power loss or kernel crash; 'always' fdatasyncs after every write, so a
// message is on disk before it is sent (and costs a disk flush per message). On open,
// next-sender is moved past the last log record, and a torn last record is cut off.
import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_FIX_STORE } from '../errors.js';

export type FixFsyncPolicy = 'never' | 'always';

/** A sent application message as the log holds it. */
export interface FixStoredMessage {
  readonly msgSeqNum: number;
  readonly msgType: string;
  /** SendingTime of the original transmission (OrigSendingTime of a resend). */
  readonly sendingTime: string;
  /** Fields after the standard header, `tag=value␁...`, without the trailer. */
  readonly body: string;
}

interface LogEntry {
  readonly msgType: string;
  readonly sendingTime: string;
  readonly bodyOffset: number;
  readonly bodyLength: number;
}

const SEQNUMS_PREFIX = 'zvt-fix-seqnums v1 ';
const SEQ_WIDTH = 20;
const SEQNUMS_PATTERN = /^zvt-fix-seqnums v1 next-sender=(\d{20}) next-target=(\d{20})\n$/;
const NEWLINE = 0x0a;

/** A CompID as a file name part: letters, digits, '.', '_' and '-' kept, every other byte %XX. */
export function compIdFileName(compId: string): string {
  let name = '';
  for (const byte of Buffer.from(compId, 'latin1')) {
    const char = String.fromCharCode(byte);
    name += /[A-Za-z0-9._-]/.test(char) && !(name.length === 0 && char === '.') ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return name;
}

export class FixSessionStore {
  private nextSender = 1;
  private nextTarget = 1;
  private readonly entries = new Map<number, LogEntry>();
  private logBytes = 0;
  private seqnumsFd: number;
  private logFd: number;
  private closed = false;

  private constructor(
    readonly directory: string,
    readonly baseName: string,
    private readonly fsync: FixFsyncPolicy,
  ) {
    mkdirSync(directory, { recursive: true });
    // Read-write without O_APPEND: Linux appends every pwrite of an O_APPEND descriptor at the end, whatever the offset.
    this.seqnumsFd = openSync(join(directory, `${baseName}.seqnums`), constants.O_RDWR | constants.O_CREAT, 0o644);
    this.logFd = openSync(join(directory, `${baseName}.messages`), 'a+');
    this.load();
  }

  /** Opens (creating when absent) the store of the session between `ourCompId` and `theirCompId`. */
  static open(directory: string, ourCompId: string, theirCompId: string, fsync: FixFsyncPolicy = 'never'): FixSessionStore {
    return new FixSessionStore(directory, `${compIdFileName(ourCompId)}-${compIdFileName(theirCompId)}`, fsync);
  }

  /** The MsgSeqNum our next message goes out with. */
  get nextSenderSeqNum(): number {
    return this.nextSender;
  }

  /** The MsgSeqNum expected from the counterparty next. */
  get nextTargetSeqNum(): number {
    return this.nextTarget;
  }

  /** Takes the next outgoing sequence number for an admin message (not logged). */
  takeSenderSeqNum(): number {
    const seq = this.nextSender++;
    this.writeSeqnums();
    return seq;
  }

  /** Takes the next outgoing sequence number for an application message and logs the message under it. */
  appendApplication(msgType: string, sendingTime: string, body: string): number {
    const seq = this.nextSender;
    const bodyBytes = Buffer.from(body, 'latin1');
    const head = Buffer.from(`${seq} ${msgType} ${sendingTime} ${bodyBytes.length}\n`, 'latin1');
    const record = Buffer.concat([head, bodyBytes, Buffer.from('\n', 'latin1')]);
    this.writeAll(this.logFd, record, null);
    this.entries.set(seq, { msgType, sendingTime, bodyOffset: this.logBytes + head.length, bodyLength: bodyBytes.length });
    this.logBytes += record.length;
    if (this.fsync === 'always') fdatasyncSync(this.logFd);
    // The record carries its sequence number, and open() takes next-sender past the last record:
    // the seqnums line need not be rewritten too (one write per report instead of two).
    this.nextSender = seq + 1;
    return seq;
  }

  setNextTargetSeqNum(seq: number): void {
    if (seq === this.nextTarget) return;
    this.nextTarget = seq;
    this.writeSeqnums();
  }

  /** Both sequences back to 1 and the message log emptied (Logon with ResetSeqNumFlag=Y). */
  reset(): void {
    this.requireOpen();
    ftruncateSync(this.logFd, 0);
    this.entries.clear();
    this.logBytes = 0;
    this.nextSender = 1;
    this.nextTarget = 1;
    this.writeSeqnums();
  }

  /** The logged application message sent under `seq`, or undefined (an admin message, or never sent). */
  message(seq: number): FixStoredMessage | undefined {
    const entry = this.entries.get(seq);
    if (entry === undefined) return undefined;
    this.requireOpen();
    const body = Buffer.alloc(entry.bodyLength);
    readExactly(this.logFd, body, entry.bodyOffset);
    return { msgSeqNum: seq, msgType: entry.msgType, sendingTime: entry.sendingTime, body: body.toString('latin1') };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.seqnumsFd);
    closeSync(this.logFd);
  }

  private load(): void {
    const seqnums = readAll(this.seqnumsFd).toString('latin1');
    if (seqnums.length > 0) {
      const match = SEQNUMS_PATTERN.exec(seqnums);
      if (match === null) throw new ZvtError(ZVT_ERR_FIX_STORE, `${this.baseName}.seqnums is not a seqnums line`, { directory: this.directory });
      this.nextSender = Number(match[1]);
      this.nextTarget = Number(match[2]);
    }
    const log = readAll(this.logFd);
    let offset = 0;
    while (offset < log.length) {
      const headEnd = log.indexOf(NEWLINE, offset);
      const parts = headEnd < 0 ? null : /^(\d+) (\S+) (\S+) (\d+)$/.exec(log.toString('latin1', offset, headEnd));
      if (parts === null || headEnd < 0) break;
      const bodyOffset = headEnd + 1;
      const bodyLength = Number(parts[4]);
      if (bodyOffset + bodyLength >= log.length || log[bodyOffset + bodyLength] !== NEWLINE) break;
      const seq = Number(parts[1]);
      this.entries.set(seq, { msgType: parts[2]!, sendingTime: parts[3]!, bodyOffset, bodyLength });
      if (seq >= this.nextSender) this.nextSender = seq + 1;
      offset = bodyOffset + bodyLength + 1;
    }
    // A torn record from a crash mid-append: cut it so the next append starts on a record boundary.
    if (offset < log.length) ftruncateSync(this.logFd, offset);
    this.logBytes = offset;
    this.writeSeqnums();
  }

  private writeSeqnums(): void {
    this.requireOpen();
    const line = `${SEQNUMS_PREFIX}next-sender=${String(this.nextSender).padStart(SEQ_WIDTH, '0')} next-target=${String(this.nextTarget).padStart(SEQ_WIDTH, '0')}\n`;
    // The line has a fixed width, so one positioned write replaces the old one (no truncate, no moment without a line).
    this.writeAll(this.seqnumsFd, Buffer.from(line, 'latin1'), 0);
    if (this.fsync === 'always') fdatasyncSync(this.seqnumsFd);
  }

  private writeAll(fd: number, bytes: Buffer, position: number | null): void {
    this.requireOpen();
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, bytes.length - written, position === null ? null : position + written);
    }
  }

  private requireOpen(): void {
    if (this.closed) throw new ZvtError(ZVT_ERR_FIX_STORE, `Session store ${this.baseName} is closed`);
  }
}

function readAll(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const bytes = Buffer.alloc(size);
  readExactly(fd, bytes, 0);
  return bytes;
}

function readExactly(fd: number, into: Buffer, position: number): void {
  let done = 0;
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new ZvtError(ZVT_ERR_FIX_STORE, 'Session store file ended early');
    done += read;
  }
}
