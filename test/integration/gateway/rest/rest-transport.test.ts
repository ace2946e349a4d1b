// HTTP transport edges over raw TCP: a body arriving in pieces, a client vanishing mid-upload, a declared length past the limit (413 and close).
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedRequestHeaders } from '../../../../src/gateway/auth/request-signature.js';
import { INGESTER, RestHarness } from './rest-harness.js';

let harness: RestHarness;

beforeAll(async () => {
  harness = await RestHarness.start({ rest: { bodyLimitBytes: 4096 } });
});

afterAll(async () => {
  await harness.close();
});

async function open(): Promise<Socket> {
  const socket = connect(harness.server.port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Everything the server sends until it closes the connection or `until` matches. */
async function readResponse(socket: Socket, until: RegExp): Promise<string> {
  let text = '';
  socket.setEncoding('latin1');
  for await (const chunk of socket) {
    text += chunk as string;
    if (until.test(text)) break;
  }
  return text;
}

function requestHead(method: string, path: string, headers: Record<string, string>, length: number): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${length}`, 'Content-Type: application/json', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

describe('REST transport', () => {
  it('reads a body that arrives in pieces and verifies the signature over all of it', async () => {
    const body = JSON.stringify({ instrument: 'okx:BTC-USDT', rows: [{ tradeId: 'p-1', price: '65000.1', size: '0.5', side: 'buy', tsMs: 1_700_000_000_000 }] });
    const socket = await open();
    socket.write(requestHead('POST', '/v1/trades', signedRequestHeaders(INGESTER, 'POST', '/v1/trades', body, Date.now()), Buffer.byteLength(body)));
    const third = Math.floor(body.length / 3);
    for (const piece of [body.slice(0, third), body.slice(third, 2 * third), body.slice(2 * third)]) {
      socket.write(piece);
      await sleep(20);
    }
    const response = await readResponse(socket, /"errors":\[\]\}$/);
    socket.destroy();
    expect(response.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(response).toContain('{"received":1,"stored":1,"changed":1,"rejected":0,"errors":[]}');
  });

  it('survives a client that disconnects mid-upload, and keeps serving', async () => {
    const socket = await open();
    socket.write(requestHead('POST', '/v1/trades', signedRequestHeaders(INGESTER, 'POST', '/v1/trades', '{}', Date.now()), 3000));
    socket.write('{"instrument": "okx:BTC-USDT", "rows": [');
    await sleep(20);
    socket.destroy();
    await sleep(50);
    expect((await harness.get('/healthz')).status).toBe(200);
    expect((await harness.get('/v1/instruments')).status).toBe(200);
  });

  it('answers 413 to a declared length past the limit without reading the body, and closes', async () => {
    const socket = await open();
    socket.write(requestHead('POST', '/v1/trades', signedRequestHeaders(INGESTER, 'POST', '/v1/trades', '', Date.now()), 100_000));
    // The server closes the connection after the answer: everything it sent arrives before 'close'.
    let response = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    await once(socket, 'close');
    expect(response.startsWith('HTTP/1.1 413 Payload Too Large\r\n')).toBe(true);
    expect(response).toContain('"code":"ZVT_ERR_REST_BODY_TOO_LARGE"');
  });
});
