// FeedServer: a uWS app serving only /v1/feed on a host and port (tests, benchmarks, a standalone feed); the gateway mounts registerFeedRoute on its own app instead.
import type { us_listen_socket } from 'uWebSockets.js';
import { loadNativeUws } from '../../platform/uws.js';
import { ZVT_ERR_GATEWAY_LISTEN, gatewayError } from '../errors.js';
import type { FeedFanoutMode } from './feed-fanout.js';
import type { FeedHub } from './feed-hub.js';
import { FEED_PATH, registerFeedRoute } from './feed-route.js';

export interface FeedServerOptions {
  /** Loopback unless an operator deliberately exposes the feed. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  path?: string;
  /** How messages reach subscribers (feed-fanout.ts); default 'topics'. */
  fanout?: FeedFanoutMode;
}

export class FeedServer {
  private listenSocket: us_listen_socket | null;

  private constructor(
    readonly hub: FeedHub,
    readonly host: string,
    readonly port: number,
    readonly path: string,
    listenSocket: us_listen_socket,
  ) {
    this.listenSocket = listenSocket;
  }

  static start(hub: FeedHub, options: FeedServerOptions = {}): Promise<FeedServer> {
    const uws = loadNativeUws();
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 0;
    const path = options.path ?? FEED_PATH;
    const app = uws.App();
    registerFeedRoute(app, hub, { path, fanout: options.fanout ?? 'topics' });
    app.any('/*', (response) => {
      response.writeStatus('404 Not Found').end(`no such path; the feed is at ${path}\n`);
    });
    return new Promise((resolve, reject) => {
      app.listen(host, port, (listenSocket) => {
        if (listenSocket === false) {
          reject(gatewayError(ZVT_ERR_GATEWAY_LISTEN, `the feed could not listen on ${host}:${port}`, { host, port }));
          return;
        }
        resolve(new FeedServer(hub, host, uws.us_socket_local_port(listenSocket), path, listenSocket));
      });
    });
  }

  /** `ws://<host>:<port><path>`. */
  get url(): string {
    return `ws://${this.host}:${this.port}${this.path}`;
  }

  /** Stops listening and closes the hub (every connection gets 1001). */
  close(): void {
    if (this.listenSocket === null) return;
    loadNativeUws().us_listen_socket_close(this.listenSocket);
    this.listenSocket = null;
    this.hub.close();
  }
}
