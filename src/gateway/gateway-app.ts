// GatewayApp: the one uWS app (/v1/feed, /v1/orders, /healthz; REST, /metrics and the dashboard through mountRest) plus the FIX 4.4 acceptor on its own TCP port, with an orderly shutdown.
import type { TemplatedApp, us_listen_socket } from 'uWebSockets.js';
import type { Logger } from '../config/logger.js';
import { loadNativeUws } from '../platform/uws.js';
import { ZVT_ERR_GATEWAY_LISTEN, gatewayError } from './errors.js';
import type { FeedHub } from './feed/feed-hub.js';
import { FEED_PATH, registerFeedRoute } from './feed/feed-route.js';
import { startFixAcceptor, type FixAcceptor } from './fix/fix-acceptor.js';
import type { FixAcceptorOptions } from './fix/fix-acceptor-options.js';
import type { OrdersRouteOptions } from './orders-ws/orders-ws-options.js';
import { ORDERS_PATH, registerOrdersRoute, type OrdersRoute } from './orders-ws/orders-ws-route.js';

/** Binary order entry over WebSocket (DESIGN §7, docs/orders.md): served when GatewayAppOptions.orders is set. */
export { ORDERS_PATH };

export interface GatewayAppOptions {
  hub: FeedHub;
  /** Default 127.0.0.1: exposing the gateway beyond the host is an operator's deliberate choice. */
  host?: string | undefined;
  /** Default 0 (any free port). */
  port?: number | undefined;
  /** The FIX acceptor (its own TCP port, default 0); null or absent: no FIX. */
  fix?: FixAcceptorOptions | null;
  /** Binary order entry at /v1/orders (FlatBuffers over WebSocket, docs/orders.md); null or absent: not served. */
  orders?: OrdersRouteOptions | null;
  /**
   * Mounts more routes on the app before the catch-all: the REST API (`mountRestApi`, which serves
   * /healthz, /readyz and /metrics itself), the dashboard (startLiveGateway in src/gateway/live does
   * both). Without it the app answers /healthz alone.
   */
  mountRest?: (app: TemplatedApp) => void;
  logger?: Logger;
}

/*
 * Shutdown order (close()): stop accepting HTTP/WebSocket connections, send Logout to every
 * /v1/orders session and close its socket (1001), log every FIX session out (FixAcceptor.close
 * waits for the Logout answers, closes its listener and session stores), then close every feed
 * socket (1001 Going Away). Flushing the recorder belongs to the engine's owner
 * (MarketDataEngine.flushRecorder, then stop), after the gateway is closed.
 */
export class GatewayApp {
  private listenSocket: us_listen_socket | null;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly hub: FeedHub,
    readonly host: string,
    readonly port: number,
    readonly fix: FixAcceptor | null,
    /** The /v1/orders route (its stats() feed /metrics), or null when not served. */
    readonly orders: OrdersRoute | null,
    listenSocket: us_listen_socket,
    readonly restMounted: boolean,
  ) {
    this.listenSocket = listenSocket;
  }

  static async start(options: GatewayAppOptions): Promise<GatewayApp> {
    const uws = loadNativeUws();
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 0;
    const app = uws.App();
    registerFeedRoute(app, options.hub);
    const orders = options.orders === undefined || options.orders === null ? null : registerOrdersRoute(app, options.orders);
    // One /healthz: REST's when it is mounted (uWS aborts the process on a second handler for a route).
    if (options.mountRest === undefined) {
      app.get('/healthz', (response) => {
        response.writeStatus('200 OK').writeHeader('content-type', 'application/json').end(JSON.stringify({ status: 'ok' }));
      });
    } else options.mountRest(app);
    app.any('/*', (response) => {
      response.writeStatus('404 Not Found').end(`no such path; the feed is at ${FEED_PATH}, order entry at ${ORDERS_PATH}, health at /healthz\n`);
    });
    const listenSocket = await new Promise<us_listen_socket>((resolve, reject) => {
      app.listen(host, port, (socket) => {
        if (socket === false) {
          orders?.close();
          reject(gatewayError(ZVT_ERR_GATEWAY_LISTEN, `the gateway could not listen on ${host}:${port}`, { host, port }));
        } else resolve(socket);
      });
    });
    let fix: FixAcceptor | null = null;
    try {
      if (options.fix !== undefined && options.fix !== null) fix = await startFixAcceptor(options.fix);
    } catch (error: unknown) {
      uws.us_listen_socket_close(listenSocket);
      orders?.close();
      throw error;
    }
    options.logger?.info({ host, port: uws.us_socket_local_port(listenSocket), fixPort: fix?.port ?? null }, 'gateway listening');
    return new GatewayApp(options.hub, host, uws.us_socket_local_port(listenSocket), fix, orders, listenSocket, options.mountRest !== undefined);
  }

  get httpUrl(): string {
    return `http://${this.host}:${this.port}`;
  }

  get feedUrl(): string {
    return `ws://${this.host}:${this.port}${FEED_PATH}`;
  }

  get ordersUrl(): string {
    return `ws://${this.host}:${this.port}${ORDERS_PATH}`;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.listenSocket !== null) {
      loadNativeUws().us_listen_socket_close(this.listenSocket);
      this.listenSocket = null;
    }
    this.orders?.close();
    await this.fix?.close();
    this.hub.close();
  }
}
