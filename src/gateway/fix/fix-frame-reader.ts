// Streaming FIX framer: cuts whole messages out of TCP reads (split or coalesced), verifies BodyLength and CheckSum, resynchronises on garbage.
//
// A frame is `8=<BeginString>␁9=<BodyLength>␁<body>10=<ddd>␁` where BodyLength counts the bytes
// from after the 9= field's SOH up to and including the SOH before 10=, and CheckSum is the sum of
// every byte before "10=" modulo 256. Per the FIX session specification a garbled message (bad
// length, bad checksum, broken header) is dropped without further processing, so it is reported
// and skipped here; the session does not count it as received. After garbage the reader looks
// for the next "8=FIX" and starts again there.
import { fixChecksum } from './fix-checksum.js';
import { FIX_BEGIN_STRING, SOH_BYTE } from './fix-tags.js';

export type FixGarbledReason = 'no_begin_string' | 'bad_header' | 'bad_body_length' | 'bad_checksum';

export type FixFrameEvent =
  /** One whole message with a correct BodyLength and CheckSum. Valid until the next push(): copy what you keep. */
  | { readonly kind: 'frame'; readonly bytes: Buffer }
  /** `bytes` bytes were dropped. */
  | { readonly kind: 'garbled'; readonly reason: FixGarbledReason; readonly bytes: number }
  /** A header declared a body longer than the limit; the reader stops (the connection must close). */
  | { readonly kind: 'oversized'; readonly bodyLength: number }
  /** A well-framed message of another FIX version; it is consumed. */
  | { readonly kind: 'wrong_begin_string'; readonly beginString: string };

const SYNC = Buffer.from('8=FIX', 'latin1');
/** "8=" + the longest BeginString there is ("FIXT.1.1") + SOH, with room to spare. */
const MAX_BEGIN_FIELD = 24;
const MAX_LENGTH_DIGITS = 10;
/** "10=ddd" + SOH. */
const TRAILER_BYTES = 7;
const CHAR_0 = 0x30;
const CHAR_9 = 0x39;
const CHAR_1 = 0x31;
const CHAR_EQUALS = 0x3d;

export class FixFrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;
  private stopped = false;

  constructor(private readonly maxMessageBytes: number) {}

  /** Adds bytes read from the socket. */
  push(chunk: Buffer): void {
    if (this.stopped || chunk.length === 0) return;
    if (this.offset >= this.buffer.length) {
      this.buffer = chunk;
    } else {
      this.buffer = Buffer.concat([this.buffer.subarray(this.offset), chunk]);
    }
    this.offset = 0;
  }

  /** Bytes held while waiting for the rest of a message. */
  get pendingBytes(): number {
    return this.buffer.length - this.offset;
  }

  /** The next event, or null when more bytes are needed. Call until null after every push(). */
  next(): FixFrameEvent | null {
    if (this.stopped) return null;
    const buffer = this.buffer;
    const start = this.offset;
    const available = buffer.length - start;
    if (available === 0) return null;

    if (!startsWithSync(buffer, start)) return this.resynchronise(buffer, start);

    const beginEnd = indexOfSoh(buffer, start + 2, Math.min(buffer.length, start + MAX_BEGIN_FIELD));
    if (beginEnd < 0) return available >= MAX_BEGIN_FIELD ? this.skip('bad_header', 1) : null;
    const lengthTag = beginEnd + 1;
    if (buffer.length < lengthTag + 2) return null;
    if (buffer[lengthTag] !== 0x39 || buffer[lengthTag + 1] !== CHAR_EQUALS) return this.skip('bad_header', 1);

    let bodyLength = 0;
    let cursor = lengthTag + 2;
    for (;;) {
      if (cursor >= buffer.length) return null;
      const byte = buffer[cursor]!;
      if (byte === SOH_BYTE) break;
      if (byte < CHAR_0 || byte > CHAR_9 || cursor - (lengthTag + 2) >= MAX_LENGTH_DIGITS) return this.skip('bad_header', 1);
      bodyLength = bodyLength * 10 + (byte - CHAR_0);
      cursor++;
    }
    if (cursor === lengthTag + 2) return this.skip('bad_header', 1);
    if (bodyLength > this.maxMessageBytes) {
      this.stopped = true;
      this.release();
      return { kind: 'oversized', bodyLength };
    }

    const bodyEnd = cursor + 1 + bodyLength;
    const frameEnd = bodyEnd + TRAILER_BYTES;
    if (buffer.length < frameEnd) return null;
    if (!hasTrailerAt(buffer, bodyEnd) || bodyLength === 0 || buffer[bodyEnd - 1] !== SOH_BYTE) {
      return this.skip('bad_body_length', 1);
    }
    const declared = (buffer[bodyEnd + 3]! - CHAR_0) * 100 + (buffer[bodyEnd + 4]! - CHAR_0) * 10 + (buffer[bodyEnd + 5]! - CHAR_0);
    if (fixChecksum(buffer, start, bodyEnd) !== declared) return this.skip('bad_checksum', frameEnd - start);

    this.offset = frameEnd;
    const beginString = buffer.toString('latin1', start + 2, beginEnd);
    if (beginString !== FIX_BEGIN_STRING) return { kind: 'wrong_begin_string', beginString };
    return { kind: 'frame', bytes: buffer.subarray(start, frameEnd) };
  }

  /** Drops bytes up to the next "8=FIX", keeping a tail that may be the start of one. */
  private resynchronise(buffer: Buffer, start: number): FixFrameEvent | null {
    const found = buffer.indexOf(SYNC, start);
    let drop: number;
    if (found >= 0) {
      drop = found - start;
    } else {
      const keep = syncPrefixAtEnd(buffer, start);
      drop = buffer.length - start - keep;
    }
    if (drop === 0) return null;
    return this.skip('no_begin_string', drop);
  }

  private skip(reason: FixGarbledReason, bytes: number): FixFrameEvent {
    this.offset += bytes;
    if (this.offset >= this.buffer.length) this.release();
    return { kind: 'garbled', reason, bytes };
  }

  private release(): void {
    this.buffer = Buffer.alloc(0);
    this.offset = 0;
  }
}

function startsWithSync(buffer: Buffer, start: number): boolean {
  const length = Math.min(SYNC.length, buffer.length - start);
  for (let index = 0; index < length; index++) if (buffer[start + index] !== SYNC[index]) return false;
  // A partial "8=FI" at the end of the buffer counts: the rest may arrive.
  return true;
}

/** Length of the longest suffix of buffer[start..] that is a proper prefix of "8=FIX". */
function syncPrefixAtEnd(buffer: Buffer, start: number): number {
  for (let keep = Math.min(SYNC.length - 1, buffer.length - start); keep > 0; keep--) {
    let matches = true;
    for (let index = 0; index < keep; index++) {
      if (buffer[buffer.length - keep + index] !== SYNC[index]) {
        matches = false;
        break;
      }
    }
    if (matches) return keep;
  }
  return 0;
}

function indexOfSoh(buffer: Buffer, from: number, to: number): number {
  for (let index = from; index < to; index++) if (buffer[index] === SOH_BYTE) return index;
  return -1;
}

function hasTrailerAt(buffer: Buffer, at: number): boolean {
  if (buffer[at] !== CHAR_1 || buffer[at + 1] !== CHAR_0 || buffer[at + 2] !== CHAR_EQUALS) return false;
  for (let index = at + 3; index < at + 6; index++) {
    const byte = buffer[index]!;
    if (byte < CHAR_0 || byte > CHAR_9) return false;
  }
  return buffer[at + 6] === SOH_BYTE;
}
