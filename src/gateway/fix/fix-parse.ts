// Parses one framed FIX message into fields and repeating groups, or says which session-level rule it breaks.
//
// Input is a frame from FixFrameReader (BodyLength and CheckSum already verified). Rules checked
// here, with the SessionRejectReason each one earns: a tag that is not a positive integer (0),
// a field without a value (4), a data field whose length does not match (6), header fields out
// of the 8, 9, 35 order or a 10 before the end (14), a tag twice outside a group (13), a group
// whose instance count differs from its NumInGroup (16) or whose instance does not start with
// the delimiter tag (15).
import { GROUPS_BY_MSG_TYPE, type FixGroupSpec } from './fix-groups.js';
import { FixMessage, type FixGroupInstance, type FixMessageProblem } from './fix-message.js';
import { DATA_FIELD_LENGTH_TAGS, SESSION_REJECT_REASON, SOH_BYTE, TAG } from './fix-tags.js';

export type FixParseResult = { readonly ok: true; readonly message: FixMessage } | { readonly ok: false; readonly problem: FixMessageProblem };

const CHAR_0 = 0x30;
const CHAR_9 = 0x39;
const CHAR_EQUALS = 0x3d;
/** Tags above this are not FIX tags (user-defined tags end at 9999; FIX 5 goes past 1000; leave room). */
const MAX_TAG = 99_999;

interface Tokens {
  readonly tags: number[];
  readonly values: string[];
}

export function parseFixMessage(frame: Uint8Array): FixParseResult {
  const buffer = Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  // Only a failing message is scanned for its MsgType and MsgSeqNum (the Reject references them).
  const fail = (reason: number, refTagId: number | null, text: string): FixParseResult => ({
    ok: false,
    problem: { reason, refTagId, text, msgType: headerValue(buffer, TAG.MsgType), msgSeqNum: seqNumOf(headerValue(buffer, TAG.MsgSeqNum)) },
  });

  const tokens: Tokens = { tags: [], values: [] };
  let cursor = 0;
  let dataLength = -1;
  let dataTag = -1;
  while (cursor < buffer.length) {
    let tag = 0;
    const tagStart = cursor;
    while (cursor < buffer.length && buffer[cursor] !== CHAR_EQUALS && buffer[cursor] !== SOH_BYTE) {
      const byte = buffer[cursor]!;
      if (byte < CHAR_0 || byte > CHAR_9 || tag > MAX_TAG) return fail(SESSION_REJECT_REASON.InvalidTagNumber, null, 'Invalid tag number');
      tag = tag * 10 + (byte - CHAR_0);
      cursor++;
    }
    if (cursor === tagStart || buffer[cursor] !== CHAR_EQUALS || tag === 0 || buffer[tagStart] === CHAR_0) {
      return fail(SESSION_REJECT_REASON.InvalidTagNumber, null, 'Invalid tag number');
    }
    cursor++;
    const valueStart = cursor;
    if (tag === dataTag) {
      cursor = valueStart + dataLength;
      if (cursor >= buffer.length || buffer[cursor] !== SOH_BYTE) {
        return fail(SESSION_REJECT_REASON.IncorrectDataFormatForValue, tag, `Data field ${tag} does not have the length its length field gives`);
      }
    } else {
      while (cursor < buffer.length && buffer[cursor] !== SOH_BYTE) cursor++;
    }
    if (cursor === valueStart) return fail(SESSION_REJECT_REASON.TagSpecifiedWithoutAValue, tag, `Tag ${tag} specified without a value`);
    const value = buffer.toString('latin1', valueStart, cursor);
    cursor++;
    tokens.tags.push(tag);
    tokens.values.push(value);

    dataTag = -1;
    const pairedData = DATA_FIELD_LENGTH_TAGS.get(tag);
    if (pairedData !== undefined) {
      const length = seqNumOf(value);
      if (length === null) return fail(SESSION_REJECT_REASON.IncorrectDataFormatForValue, tag, `Length field ${tag} is not a positive integer`);
      dataTag = pairedData;
      dataLength = length;
    }
  }
  return structure(tokens, fail);
}

function structure(tokens: Tokens, fail: (reason: number, refTagId: number | null, text: string) => FixParseResult): FixParseResult {
  const { tags, values } = tokens;
  const expected = [TAG.BeginString, TAG.BodyLength, TAG.MsgType];
  for (let index = 0; index < expected.length; index++) {
    if (tags[index] !== expected[index]) {
      return fail(SESSION_REJECT_REASON.TagSpecifiedOutOfRequiredOrder, tags[index] ?? expected[index]!, 'BeginString, BodyLength and MsgType must be the first three fields');
    }
  }
  const last = tags.length - 1;
  if (tags[last] !== TAG.CheckSum) return fail(SESSION_REJECT_REASON.TagSpecifiedOutOfRequiredOrder, TAG.CheckSum, 'CheckSum must be the last field');
  const msgType = values[2]!;
  const groupSpecs = GROUPS_BY_MSG_TYPE.get(msgType) ?? [];

  const fields = new Map<number, string>();
  const groups = new Map<number, FixGroupInstance[]>();
  let index = 0;
  while (index <= last) {
    const tag = tags[index]!;
    if (tag === TAG.CheckSum && index !== last) return fail(SESSION_REJECT_REASON.TagSpecifiedOutOfRequiredOrder, tag, 'CheckSum must be the last field');
    if (fields.has(tag)) return fail(SESSION_REJECT_REASON.TagAppearsMoreThanOnce, tag, `Tag ${tag} appears more than once`);
    fields.set(tag, values[index]!);
    index++;
    const spec = groupSpecs.find((candidate) => candidate.countTag === tag);
    if (spec === undefined) continue;
    const count = seqNumOrZero(values[index - 1]);
    if (count === null) return fail(SESSION_REJECT_REASON.IncorrectDataFormatForValue, tag, `NumInGroup ${tag} is not a non-negative integer`);
    const parsed = parseGroup(spec, tags, values, index);
    if (typeof parsed === 'string') return fail(SESSION_REJECT_REASON.RepeatingGroupFieldsOutOfOrder, spec.delimiterTag, parsed);
    if (parsed.instances.length !== count) {
      return fail(
        SESSION_REJECT_REASON.IncorrectNumInGroupCountForRepeatingGroup,
        tag,
        `NumInGroup ${tag} says ${count} but ${parsed.instances.length} instances follow`,
      );
    }
    groups.set(tag, parsed.instances);
    index = parsed.next;
  }
  return { ok: true, message: new FixMessage(msgType, fields, groups) };
}

function parseGroup(
  spec: FixGroupSpec,
  tags: readonly number[],
  values: readonly string[],
  from: number,
): { readonly instances: FixGroupInstance[]; readonly next: number } | string {
  const instances: FixGroupInstance[] = [];
  let current: Map<number, string> | null = null;
  let index = from;
  for (; index < tags.length; index++) {
    const tag = tags[index]!;
    if (!spec.memberTags.has(tag)) break;
    if (tag === spec.delimiterTag) {
      current = new Map();
      instances.push(current);
    } else if (current === null) {
      return `Group ${spec.countTag} instance must start with tag ${spec.delimiterTag}`;
    }
    if (current.has(tag)) return `Tag ${tag} appears twice in one instance of group ${spec.countTag}`;
    current.set(tag, values[index]!);
  }
  return { instances, next: index };
}

/** The value of a header tag found by scanning (for Reject/Logout references when parsing fails), or null. */
function headerValue(buffer: Buffer, tag: number): string | null {
  const needle = Buffer.from(`\x01${tag}=`, 'latin1');
  const at = buffer.indexOf(needle);
  if (at < 0) return null;
  const start = at + needle.length;
  const end = buffer.indexOf(SOH_BYTE, start);
  return end < 0 ? null : buffer.toString('latin1', start, end);
}

/** A positive integer without sign or leading zeros' ambiguity ("007" is read as 7), or null. */
export function seqNumOf(text: string | null | undefined): number | null {
  const value = seqNumOrZero(text);
  return value === null || value === 0 ? null : value;
}

/** A non-negative safe integer written with digits only, or null. */
export function seqNumOrZero(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.length === 0 || text.length > 15) return null;
  let value = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < CHAR_0 || code > CHAR_9) return null;
    value = value * 10 + (code - CHAR_0);
  }
  return value;
}
