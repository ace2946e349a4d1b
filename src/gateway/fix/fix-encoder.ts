// Builds FIX 4.4 messages: body fields in order, then the standard header, BodyLength(9) and CheckSum(10) computed over the bytes.
import { checksumText, fixChecksum } from './fix-checksum.js';
import { FIX_BEGIN_STRING, SOH, TAG } from './fix-tags.js';

/** Body fields of one message as `tag=value␁` text, in the order added. */
export class FixBody {
  private text = '';

  /** Adds a field; null and undefined values are left out. SOH inside a value is replaced by a space. */
  field(tag: number, value: string | number | null | undefined): this {
    if (value === null || value === undefined) return this;
    const text = typeof value === 'number' ? String(value) : value.includes(SOH) ? value.replaceAll(SOH, ' ') : value;
    this.text += `${tag}=${text}${SOH}`;
    return this;
  }

  /** A data field pair (RawDataLength/RawData ...): the value may hold any byte, its length goes first. */
  data(lengthTag: number, dataTag: number, value: string): this {
    this.text += `${lengthTag}=${value.length}${SOH}${dataTag}=${value}${SOH}`;
    return this;
  }

  toString(): string {
    return this.text;
  }
}

export interface FixHeader {
  readonly msgType: string;
  readonly senderCompId: string;
  readonly targetCompId: string;
  readonly msgSeqNum: number;
  /** UTCTimestamp text. */
  readonly sendingTime: string;
  /** Set on resent messages and gap fills: PossDupFlag(43)=Y and OrigSendingTime(122). */
  readonly origSendingTime?: string | undefined;
}

/**
 * The whole message as bytes. Text is written as latin1 (one byte per character), the same
 * mapping the parser reads with, so every value round-trips byte for byte.
 */
export function encodeFixMessage(header: FixHeader, body: string): Buffer {
  let rest =
    `${TAG.MsgType}=${header.msgType}${SOH}${TAG.SenderCompID}=${header.senderCompId}${SOH}` +
    `${TAG.TargetCompID}=${header.targetCompId}${SOH}${TAG.MsgSeqNum}=${header.msgSeqNum}${SOH}` +
    `${TAG.SendingTime}=${header.sendingTime}${SOH}`;
  if (header.origSendingTime !== undefined) rest += `${TAG.PossDupFlag}=Y${SOH}${TAG.OrigSendingTime}=${header.origSendingTime}${SOH}`;
  rest += body;
  const head = `${TAG.BeginString}=${FIX_BEGIN_STRING}${SOH}${TAG.BodyLength}=${rest.length}${SOH}`;
  const bodyEnd = head.length + rest.length;
  const bytes = Buffer.allocUnsafe(bodyEnd + 7);
  bytes.write(head, 0, 'latin1');
  bytes.write(rest, head.length, 'latin1');
  bytes.write(`${TAG.CheckSum}=${checksumText(fixChecksum(bytes, 0, bodyEnd))}${SOH}`, bodyEnd, 'latin1');
  return bytes;
}
