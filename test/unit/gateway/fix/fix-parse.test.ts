// parseFixMessage and encodeFixMessage: fields, data fields holding SOH, NewOrderList groups, and the SessionRejectReason of each broken rule.
import { describe, expect, it } from 'vitest';
import { encodeFixMessage, FixBody } from '../../../../src/gateway/fix/fix-encoder.js';
import { FixFrameReader } from '../../../../src/gateway/fix/fix-frame-reader.js';
import { parseFixMessage } from '../../../../src/gateway/fix/fix-parse.js';
import { CAPTURED_MESSAGES, wire } from './fix-fixtures.js';

const HEADER = { msgType: 'E', senderCompId: 'CLIENT', targetCompId: 'ZVT', msgSeqNum: 7, sendingTime: '20250102-12:00:00.000' };

function encode(msgType: string, body: string, msgSeqNum = 7): Buffer {
  return encodeFixMessage({ ...HEADER, msgType, msgSeqNum }, body);
}

function problemOf(bytes: Buffer): { reason: number; refTagId: number | null; msgSeqNum: number | null } {
  const parsed = parseFixMessage(bytes);
  if (parsed.ok) throw new Error('parsed');
  const { reason, refTagId, msgSeqNum } = parsed.problem;
  return { reason, refTagId, msgSeqNum };
}

describe('parseFixMessage', () => {
  it('reads captured messages', () => {
    const parsed = parseFixMessage(wire(CAPTURED_MESSAGES[4]!));
    if (!parsed.ok) throw new Error(parsed.problem.text);
    expect(parsed.message.msgType).toBe('A');
    expect([parsed.message.get(553), parsed.message.get(554), parsed.message.get(108), parsed.message.get(9)]).toEqual(['js-client', 'pwd-client', '30', '0000117']);
  });

  it('takes a data field by its length even when it holds SOH and "="', () => {
    const raw = 'ab\x01c=d';
    const parsed = parseFixMessage(encode('A', new FixBody().field(98, 0).data(95, 96, raw).field(108, 30).toString()));
    if (!parsed.ok) throw new Error(parsed.problem.text);
    expect(parsed.message.get(96)).toBe(raw);
    expect(parsed.message.get(108)).toBe('30');
  });

  it('reads the NoOrders group of a NewOrderList', () => {
    const body = new FixBody().field(66, 'L1').field(394, 3).field(68, 2).field(1385, 1).field(73, 2);
    body.field(11, 'a').field(67, 1).field(55, 'BTC-USDT').field(54, 2).field(38, '0.1').field(40, 2).field(44, '70000');
    body.field(11, 'b').field(67, 2).field(55, 'BTC-USDT').field(54, 2).field(38, '0.1').field(40, 2).field(44, '60000');
    const parsed = parseFixMessage(encode('E', body.toString()));
    if (!parsed.ok) throw new Error(parsed.problem.text);
    const orders = parsed.message.group(73);
    expect(orders.map((order) => [order.get(11), order.get(67), order.get(44)])).toEqual([
      ['a', '1', '70000'],
      ['b', '2', '60000'],
    ]);
    expect(parsed.message.get(1385)).toBe('1');
    expect(parsed.message.has(11)).toBe(false);
  });

  it('refuses a group whose count is wrong (16) or whose instance does not start with ClOrdID (15)', () => {
    const counted = new FixBody().field(66, 'L1').field(394, 3).field(68, 2).field(73, 2).field(11, 'a').field(67, 1);
    expect(problemOf(encode('E', counted.toString()))).toEqual({ reason: 16, refTagId: 73, msgSeqNum: 7 });
    const unordered = new FixBody().field(66, 'L1').field(73, 1).field(67, 1).field(11, 'a');
    expect(problemOf(encode('E', unordered.toString()))).toEqual({ reason: 15, refTagId: 11, msgSeqNum: 7 });
  });

  it('names the rule each broken message breaks, with its MsgSeqNum', () => {
    expect(problemOf(encode('D', '11=a\x0111=b\x01'))).toEqual({ reason: 13, refTagId: 11, msgSeqNum: 7 });
    expect(problemOf(encode('D', '11=\x01'))).toEqual({ reason: 4, refTagId: 11, msgSeqNum: 7 });
    expect(problemOf(encode('D', '1x=a\x01'))).toEqual({ reason: 0, refTagId: null, msgSeqNum: 7 });
    expect(problemOf(encode('D', '011=a\x01'))).toEqual({ reason: 0, refTagId: null, msgSeqNum: 7 });
    expect(problemOf(encode('A', '95=9\x0196=short\x01'))).toEqual({ reason: 6, refTagId: 96, msgSeqNum: 7 });
    expect(problemOf(encode('D', '10=000\x01'))).toEqual({ reason: 14, refTagId: 10, msgSeqNum: 7 });
  });

  it('wants 8, 9 and 35 first', () => {
    const swapped = Buffer.from(encode('0', '').toString('latin1').replace('35=0\x0149=CLIENT', '49=CLIENT\x0135=0'), 'latin1');
    expect(problemOf(swapped)).toMatchObject({ reason: 14, refTagId: 49 });
  });
});

describe('encodeFixMessage', () => {
  it('writes a header, BodyLength and CheckSum the framer and parser accept, and marks resends', () => {
    const bytes = encodeFixMessage({ ...HEADER, msgType: '8', origSendingTime: '20250102-11:59:00.000' }, new FixBody().field(37, 'x').field(58, 'bad\x01text').toString());
    const text = bytes.toString('latin1');
    expect(text.startsWith('8=FIX.4.4\x019=')).toBe(true);
    expect(text).toContain('\x0143=Y\x01122=20250102-11:59:00.000\x01');
    const reader = new FixFrameReader(65_536);
    reader.push(bytes);
    const event = reader.next();
    expect(event?.kind).toBe('frame');
    const parsed = parseFixMessage(bytes);
    if (!parsed.ok) throw new Error(parsed.problem.text);
    expect([parsed.message.get(34), parsed.message.get(49), parsed.message.get(56), parsed.message.get(58)]).toEqual(['7', 'CLIENT', 'ZVT', 'bad text']);
  });
});
