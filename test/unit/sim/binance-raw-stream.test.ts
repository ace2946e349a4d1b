// Binance's raw `/ws` endpoint protocol, served from the real recorded combined-stream connection.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import type { RecordedConnection, Recording } from '../../../src/sim/recording/recording-format.js';
import { BinanceRawStream } from '../../../src/sim/replay/binance-raw-stream.js';
import { BINANCE_RECORDING, BYBIT_RECORDING } from '../../helpers/recordings.js';

let binance: Recording;
let received: string[];
beforeAll(async () => {
  binance = await loadRecording(BINANCE_RECORDING);
  received = binance.connections[0]!.frames.filter((frame) => frame.direction === 'recv').map((frame) => frame.data);
});

function session(path = '/ws/0'): BinanceRawStream {
  const stream = BinanceRawStream.forRequest('binance', path, binance.connections);
  if (stream === null) throw new Error(`no raw stream session for ${path}`);
  return stream;
}

function firstFrameOf(stream: string): string {
  const frame = received.find((data) => data.startsWith(`{"stream":"${stream}",`));
  if (frame === undefined) throw new Error(`no recorded frame of ${stream}`);
  return frame;
}

describe('BinanceRawStream.forRequest', () => {
  it('serves /ws and /ws/<anything> from the recorded combined connection, and nothing else', async () => {
    expect(session('/ws').recordedAddress).toBe(binance.connections[0]!.address);
    expect(session('/ws/0').idle).toBe(true);
    expect(BinanceRawStream.forRequest('binance', '/stream?streams=nknusdt@depth@100ms', binance.connections)).toBeNull();
    expect(BinanceRawStream.forRequest('binance', '/wsx', binance.connections)).toBeNull();
    const bybit = await loadRecording(BYBIT_RECORDING);
    expect(BinanceRawStream.forRequest('bybit', '/ws/0', bybit.connections)).toBeNull();
    // A Binance recording without a combined-stream connection has nothing to serve a raw client from.
    const rawOnly: RecordedConnection = { ...binance.connections[0]!, address: 'wss://stream.binance.com:9443/ws/nknusdt@depth@100ms' };
    expect(BinanceRawStream.forRequest('binance', '/ws/0', [rawOnly])).toBeNull();
  });

  it('subscribes the stream named in a /ws/<stream> path, as Binance does', () => {
    const stream = session('/ws/lrcbtc@depth@100ms');
    expect(stream.idle).toBe(false);
    expect(stream.subscribed).toEqual(['lrcbtc@depth@100ms']);
    expect(stream.outbound(firstFrameOf('lrcbtc@depth@100ms'))).not.toBeNull();
  });
});

describe('BinanceRawStream control frames', () => {
  it('answers SUBSCRIBE, LIST_SUBSCRIPTIONS and UNSUBSCRIBE with the documented replies', () => {
    const stream = session();
    expect(stream.onClientFrame('{"method":"SUBSCRIBE","params":["nknusdt@depth@100ms","blzeth@depth@100ms"],"id":1}')).toBe('{"result":null,"id":1}');
    expect(stream.idle).toBe(false);
    expect(stream.onClientFrame('{"method":"LIST_SUBSCRIPTIONS","id":"list7"}')).toBe('{"result":["nknusdt@depth@100ms","blzeth@depth@100ms"],"id":"list7"}');
    expect(stream.onClientFrame('{"method":"UNSUBSCRIBE","params":["nknusdt@depth@100ms"],"id":2}')).toBe('{"result":null,"id":2}');
    expect(stream.subscribed).toEqual(['blzeth@depth@100ms']);
    expect(stream.onClientFrame('{"method":"UNSUBSCRIBE","params":["blzeth@depth@100ms"],"id":3}')).toBe('{"result":null,"id":3}');
    expect(stream.idle).toBe(true);
  });

  it('refuses a stream the recording does not hold instead of accepting it and never serving it', () => {
    const stream = session();
    const reply = JSON.parse(stream.onClientFrame('{"method":"SUBSCRIBE","params":["nknusdt@depth@100ms","nknusdt@depth"],"id":4}')!) as { error: { code: number; msg: string }; id: number };
    expect(reply.id).toBe(4);
    expect(reply.error.code).toBe(2);
    expect(reply.error.msg).toContain('nknusdt@depth ');
    // All or nothing: the recorded stream of the same request was not subscribed either.
    expect(stream.idle).toBe(true);
  });

  it("answers malformed requests with Binance's error codes", () => {
    const stream = session();
    expect(JSON.parse(stream.onClientFrame('{"method":')!)).toMatchObject({ error: { code: 3 }, id: null });
    expect(JSON.parse(stream.onClientFrame('{"method":"SUBSCRIBE","params":["nknusdt@depth@100ms"],"id":1.5}')!)).toMatchObject({ error: { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' } });
    expect(JSON.parse(stream.onClientFrame('{"method":"SUBSCRIBE","params":"nknusdt@depth@100ms","id":1}')!)).toMatchObject({ error: { code: 2 }, id: 1 });
    expect(JSON.parse(stream.onClientFrame('{"method":"PING","id":9}')!)).toMatchObject({ error: { code: 2 }, id: 9 });
    expect(JSON.parse(stream.onClientFrame('{"method":"SET_PROPERTY","params":["speed",true],"id":5}')!)).toEqual({ error: { code: 0, msg: 'Unknown property' }, id: 5 });
    expect(JSON.parse(stream.onClientFrame('{"method":"SET_PROPERTY","params":["combined","yes"],"id":6}')!)).toEqual({ error: { code: 1, msg: 'Invalid value type: expected Boolean' }, id: 6 });
    expect(stream.idle).toBe(true);
  });
});

describe('BinanceRawStream.outbound', () => {
  it('sends a subscribed event as its exact recorded payload bytes, and nothing of other streams', () => {
    const stream = session();
    stream.onClientFrame('{"method":"SUBSCRIBE","params":["nknusdt@depth@100ms"],"id":1}');
    let sent = 0;
    for (const frame of received) {
      const envelope = JSON.parse(frame) as { stream: string; data: unknown };
      const out = stream.outbound(frame);
      if (envelope.stream !== 'nknusdt@depth@100ms') {
        expect(out, envelope.stream).toBeNull();
        continue;
      }
      sent++;
      expect(JSON.parse(out!)).toEqual(envelope.data);
      // Byte-exact: the payload is a slice of the recorded frame, not a re-serialisation.
      expect(frame).toBe(`{"stream":"nknusdt@depth@100ms","data":${out!}}`);
    }
    expect(sent).toBe(received.filter((frame) => frame.startsWith('{"stream":"nknusdt@depth@100ms"')).length);
    expect(sent).toBeGreaterThan(100);
  });

  it('keeps the wrapper when the client sets the combined property, and reports it', () => {
    const stream = session();
    stream.onClientFrame('{"method":"SUBSCRIBE","params":["runeeur@depth@100ms"],"id":1}');
    expect(stream.onClientFrame('{"method":"GET_PROPERTY","params":["combined"],"id":2}')).toBe('{"result":false,"id":2}');
    expect(stream.onClientFrame('{"method":"SET_PROPERTY","params":["combined",true],"id":3}')).toBe('{"result":null,"id":3}');
    expect(stream.onClientFrame('{"method":"GET_PROPERTY","params":["combined"],"id":4}')).toBe('{"result":true,"id":4}');
    const frame = firstFrameOf('runeeur@depth@100ms');
    expect(stream.outbound(frame)).toBe(frame);
  });

  it('reads a wrapper written differently as JSON, and drops frames that are not events', () => {
    const stream = session();
    stream.onClientFrame('{"method":"SUBSCRIBE","params":["blzeth@depth@100ms"],"id":1}');
    const envelope = JSON.parse(firstFrameOf('blzeth@depth@100ms')) as { stream: string; data: unknown };
    const spaced = JSON.stringify({ data: envelope.data, stream: envelope.stream }, null, 1);
    expect(JSON.parse(stream.outbound(spaced)!)).toEqual(envelope.data);
    // The recorder's own subscription replies are not for this client, which made no such request.
    expect(stream.outbound('{"result":null,"id":1}')).toBeNull();
    expect(stream.outbound('not json')).toBeNull();
  });
});
