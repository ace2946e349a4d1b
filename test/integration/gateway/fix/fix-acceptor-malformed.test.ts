// Raw-socket tests: garbage, split and coalesced reads, bad checksums, oversized frames, missing tags, bad values, sequence errors and silence, answered as the FIX session spec says and never a crash.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixTestVenue } from './fix-test-venue.js';
import { RawFixClient } from './raw-fix-client.js';

let venue: FixTestVenue;
const open: RawFixClient[] = [];

beforeEach(async () => {
  venue = await FixTestVenue.start({ logonTimeoutMs: 1_500 });
});

afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await venue.close();
});

async function client(senderCompId = 'RAW1'): Promise<RawFixClient> {
  const raw = await RawFixClient.connect(venue.acceptor.port, senderCompId);
  open.push(raw);
  return raw;
}

async function loggedOn(senderCompId = 'RAW1', heartBtInt = 30): Promise<RawFixClient> {
  const raw = await client(senderCompId);
  raw.write(raw.logonMessage(venue.traderKey.apiKey, venue.traderKey.secret, { heartBtInt }));
  await raw.next((message) => message.msgType === 'A');
  return raw;
}

const testRequest = (id: string): string => `112=${id}\x01`;
const order = (clientOrderId: string, extra = ''): string =>
  `11=${clientOrderId}\x0155=BTC-USDT\x0154=1\x0160=20250102-12:00:00.000\x0138=0.001\x0140=2\x0144=10000\x01${extra}`;

/** The message with BodyLength off by `delta` (the checksum recomputed is beside the point: the frame no longer ends where it says). */
function withBodyLength(message: Buffer, delta: number): Buffer {
  const text = message.toString('latin1');
  const start = text.indexOf('\x019=') + 3;
  const end = text.indexOf('\x01', start);
  return Buffer.from(`${text.slice(0, start)}${Number(text.slice(start, end)) + delta}${text.slice(end)}`, 'latin1');
}

describe('FIX acceptor on malformed input', () => {
  it('skips garbage before a Logon and reads a Logon that arrives one byte at a time', async () => {
    const raw = await client();
    raw.write('GET / HTTP/1.1\r\n\r\n8=FIY\x01garbage\x01');
    await raw.writeByteByByte(raw.logonMessage(venue.traderKey.apiKey, venue.traderKey.secret));
    const logon = await raw.next((message) => message.msgType === 'A');
    expect(logon.get(34)).toBe('1');
    expect(venue.acceptor.stats().garbledFrames).toBeGreaterThan(0);
  });

  it('reads a Logon, an order and a TestRequest coalesced in one write', async () => {
    const raw = await client();
    raw.write(
      Buffer.concat([
        raw.logonMessage(venue.traderKey.apiKey, venue.traderKey.secret),
        raw.message('D', order('coalesced'), { seq: 2 }),
        raw.message('1', testRequest('ping'), { seq: 3 }),
      ]),
    );
    const report = await raw.next((message) => message.msgType === '8');
    expect([report.get(11), report.get(150)]).toEqual(['coalesced', '0']);
    await raw.next((message) => message.msgType === '0' && message.get(112) === 'ping');
  });

  it('drops messages with a bad checksum or body length without using up their sequence number', async () => {
    const raw = await loggedOn();
    const good = raw.message('1', testRequest('second-try'), { seq: 2 });
    const badChecksum = Buffer.from(good);
    badChecksum[badChecksum.length - 2] = badChecksum[badChecksum.length - 2] === 0x30 ? 0x31 : 0x30;
    const badLength = withBodyLength(raw.message('1', testRequest('first-try'), { seq: 2 }), 3);
    raw.write(badChecksum);
    raw.write(badLength);
    raw.write(good);
    const heartbeat = await raw.next((message) => message.msgType === '0');
    expect(heartbeat.get(112)).toBe('second-try');
    expect(raw.received.filter((message) => message.msgType === '0')).toHaveLength(1);
    expect(venue.acceptor.sequenceNumbers('RAW1')!.nextTarget).toBe(3);
  });

  it('rejects a message that misses a required tag (reason 1) and counts it as received', async () => {
    const raw = await loggedOn();
    raw.write(raw.message('D', '55=BTC-USDT\x0154=1\x0160=20250102-12:00:00.000\x0138=0.001\x0140=2\x0144=1000\x01', { seq: 2 }));
    const reject = await raw.next((message) => message.msgType === '3');
    expect([reject.get(45), reject.get(371), reject.get(372), reject.get(373)]).toEqual(['2', '11', 'D', '1']);
    raw.write(raw.message('1', testRequest('after-reject'), { seq: 3 }));
    await raw.next((message) => message.get(112) === 'after-reject');
  });

  it('rejects a bad value (5), a bad format (6), a limit order without price (1), an unknown MsgType (11); BusinessMessageReject for a FIX type it does not serve', async () => {
    const raw = await loggedOn();
    raw.write(raw.message('D', order('bad-side').replace('54=1', '54=Z'), { seq: 2 }));
    raw.write(raw.message('D', order('bad-qty').replace('38=0.001', '38=1e-3'), { seq: 3 }));
    raw.write(raw.message('D', order('no-price').replace('44=10000\x01', ''), { seq: 4 }));
    raw.write(raw.message('ZZ', '58=what\x01', { seq: 5 }));
    raw.write(raw.message('V', '262=md-1\x01263=1\x01264=1\x01', { seq: 6 }));
    raw.write(raw.message('D', `${order('dup-tag')}11=again\x01`, { seq: 7 }));
    const business = await raw.next((message) => message.msgType === 'j');
    expect([business.get(45), business.get(372), business.get(380)]).toEqual(['6', 'V', '3']);
    await raw.next((message) => message.msgType === '3' && message.get(45) === '7');
    const rejects = raw.received.filter((message) => message.msgType === '3').map((message) => [message.get(45), message.get(371), message.get(373)]);
    expect(rejects).toEqual([
      ['2', '54', '5'],
      ['3', '38', '6'],
      ['4', '44', '1'],
      ['5', '35', '11'],
      ['7', '11', '13'],
    ]);
  });

  it('asks for a resend when MsgSeqNum is ahead, and logs out when it falls behind without PossDup', async () => {
    const raw = await loggedOn();
    raw.write(raw.message('1', testRequest('ahead'), { seq: 5 }));
    const resend = await raw.next((message) => message.msgType === '2');
    expect([resend.get(7), resend.get(16)]).toEqual(['2', '0']);
    // A PossDup duplicate below the expected number is ignored; a plain one ends the session.
    raw.write(raw.message('1', testRequest('dup'), { seq: 1, origSendingTime: '20250102-12:00:00.000' }));
    raw.write(raw.message('1', testRequest('behind'), { seq: 1 }));
    const logout = await raw.next((message) => message.msgType === '5');
    expect(logout.get(58)).toBe('MsgSeqNum too low, expecting 2 but received 1');
    await raw.closed;
    expect(raw.received.some((message) => message.get(112) === 'dup' || message.get(112) === 'behind')).toBe(false);
  });

  it('moves the expected number on SequenceReset, in reset mode and as a gap fill', async () => {
    const raw = await loggedOn();
    raw.write(raw.message('4', '36=10\x01', { seq: 99 }));
    raw.write(raw.message('4', '123=Y\x0136=20\x01', { seq: 10, origSendingTime: '20250102-12:00:00.000' }));
    raw.write(raw.message('1', testRequest('at-20'), { seq: 20 }));
    await raw.next((message) => message.get(112) === 'at-20');
    raw.write(raw.message('4', '36=5\x01', { seq: 21 }));
    const reject = await raw.next((message) => message.msgType === '3');
    expect([reject.get(371), reject.get(373)]).toEqual(['36', '5']);
  });

  it('logs a client out on an oversized message and keeps serving the others', async () => {
    const raw = await loggedOn();
    raw.write(`8=FIX.4.4\x019=900000\x0135=D\x01`);
    const logout = await raw.next((message) => message.msgType === '5');
    expect(logout.get(58)).toBe('Message too large: BodyLength 900000 exceeds 65536');
    await raw.closed;
    const other = await loggedOn('RAW2');
    other.write(other.message('1', testRequest('still-here'), { seq: 2 }));
    await other.next((message) => message.get(112) === 'still-here');
  });

  it('closes a connection that does not start with a Logon, and refuses stale, unknown and wrong-version Logons', async () => {
    const notLogon = await client();
    notLogon.write(notLogon.message('0', '', { seq: 1 }));
    await notLogon.closed;
    expect(notLogon.received).toEqual([]);

    const stale = await client('STALE');
    stale.write(stale.logonMessage(venue.traderKey.apiKey, venue.traderKey.secret, { sendingTimeMs: Date.now() - 60_000 }));
    expect((await stale.next((message) => message.msgType === '5')).get(58)).toBe("SendingTime is more than 5000 ms from the acceptor's clock");

    const unknown = await client('UNKNOWN');
    unknown.write(unknown.logonMessage('no-such-key', 'x'));
    expect((await unknown.next((message) => message.msgType === '5')).get(58)).toBe('Unknown API key');

    const older = await client('OLDER');
    older.write(RawFixClient.withBeginString(older.logonMessage(venue.traderKey.apiKey, venue.traderKey.secret), 'FIX.4.2'));
    await older.closed;
    expect(venue.acceptor.stats().fatalFrames).toBe(1);

    const silent = await client('SILENT');
    await silent.closed;
    expect(venue.acceptor.stats().logonsRefused).toBeGreaterThanOrEqual(4);
  });

  it('answers a TestRequest with its TestReqID, and tests then logs out a client that goes quiet', async () => {
    const raw = await loggedOn('QUIET', 1);
    raw.write(raw.message('1', testRequest('are-you-there'), { seq: 2 }));
    await raw.next((message) => message.msgType === '0' && message.get(112) === 'are-you-there');
    const probe = await raw.next((message) => message.msgType === '1');
    expect(probe.get(112)).toMatch(/^TEST-/);
    const logout = await raw.next((message) => message.msgType === '5');
    expect(logout.get(58)).toBe('Heartbeat timeout: no answer to TestRequest');
    await raw.closed;
  });

  it('survives a stream of random bytes and keeps serving', async () => {
    let state = 12_345;
    const random = (): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state >>> 16;
    };
    for (let round = 0; round < 5; round++) {
      const raw = await client(`NOISE${round}`);
      const noise = Buffer.alloc(20_000);
      for (let index = 0; index < noise.length; index++) noise[index] = random() & 0xff;
      // Sprinkle frame starts so the framer's every path runs.
      for (let index = 0; index < noise.length - 20; index += 997) noise.write('8=FIX.4.4\x019=12\x01', index, 'latin1');
      raw.write(noise);
    }
    const survivor = await loggedOn('SURVIVOR');
    survivor.write(survivor.message('1', testRequest('alive'), { seq: 2 }));
    await survivor.next((message) => message.get(112) === 'alive');
    expect(venue.acceptor.stats().internalErrors).toBe(0);
  });
});
