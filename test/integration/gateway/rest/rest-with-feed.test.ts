// mountRestApi on the same uWS app as the binary feed (as the gateway mounts them): REST routes, the /v1/ 404 fallback and the /v1/feed WebSocket all work side by side.
import { once } from 'node:events';
import type { us_listen_socket } from 'uWebSockets.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../../../src/config/logger.js';
import { signedRequestHeaders } from '../../../../src/gateway/auth/request-signature.js';
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import { registerFeedRoute } from '../../../../src/gateway/feed/feed-route.js';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import { mountRestApi, type RestApi } from '../../../../src/gateway/rest/mount-rest-api.js';
import { loadNativeUws } from '../../../../src/platform/uws.js';
import { testConfig } from '../../../helpers/test-config.js';
import { READER, RestHarness } from './rest-harness.js';

let harness: RestHarness;
let hub: FeedHub;
let api: RestApi;
let listenSocket: us_listen_socket;
let port: number;

beforeAll(async () => {
  harness = await RestHarness.start();
  const uws = loadNativeUws();
  const app = uws.App();
  hub = new FeedHub();
  registerFeedRoute(app, hub);
  api = mountRestApi(app, harness.context(), harness.apiOptions({}, createLogger(testConfig({ log: { level: 'error' } })), new GatewayMetrics({ processMetrics: false })));
  listenSocket = await new Promise<us_listen_socket>((resolve, reject) => {
    app.listen('127.0.0.1', 0, (socket) => (socket === false ? reject(new Error('listen failed')) : resolve(socket)));
  });
  port = uws.us_socket_local_port(listenSocket);
});

afterAll(async () => {
  loadNativeUws().us_listen_socket_close(listenSocket);
  hub.close();
  api.close();
  await harness.close();
});

describe('REST next to the feed on one uWS app', () => {
  it('serves REST, signed REST and the feed WebSocket upgrade on the same port', async () => {
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/v1/instruments`)).status).toBe(200);
    expect((await fetch(`${base}/v1/unknown`)).status).toBe(404);
    const signed = await fetch(`${base}/v1/positions`, { headers: signedRequestHeaders(READER, 'GET', '/v1/positions', '', Date.now()) });
    expect(signed.status).toBe(200);

    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/feed`);
    await once(socket, 'open');
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(hub.stats().connections).toBe(1);
    socket.close();
    await once(socket, 'close');
  });
});
