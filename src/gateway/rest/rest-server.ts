// RestServer: a uWS app serving only the REST API on a host and port (tests, a standalone API); the gateway mounts mountRestApi on its own app instead.
import type { us_listen_socket } from 'uWebSockets.js';
import { loadNativeUws } from '../../platform/uws.js';
import { gatewayError, ZVT_ERR_GATEWAY_LISTEN } from '../errors.js';
import { mountRestApi, type RestApi, type RestApiOptions } from './mount-rest-api.js';
import type { RestContext } from './rest-context.js';

export interface RestServerOptions extends RestApiOptions {
  /** Loopback unless an operator deliberately exposes the API. */
  readonly host?: string | undefined;
  /** 0 = any free port. */
  readonly port?: number | undefined;
}

export class RestServer {
  private listenSocket: us_listen_socket | null;

  private constructor(
    readonly api: RestApi,
    readonly host: string,
    readonly port: number,
    listenSocket: us_listen_socket,
  ) {
    this.listenSocket = listenSocket;
  }

  static start(context: RestContext, options: RestServerOptions): Promise<RestServer> {
    const uws = loadNativeUws();
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 0;
    const app = uws.App();
    const api = mountRestApi(app, context, options);
    return new Promise((resolve, reject) => {
      app.listen(host, port, (listenSocket) => {
        if (listenSocket === false) {
          api.close();
          reject(gatewayError(ZVT_ERR_GATEWAY_LISTEN, `the REST API could not listen on ${host}:${port}`, { host, port }));
          return;
        }
        resolve(new RestServer(api, host, uws.us_socket_local_port(listenSocket), listenSocket));
      });
    });
  }

  /** `http://<host>:<port>`. */
  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** Stops listening (open keep-alive connections finish their requests) and closes the API. */
  close(): void {
    if (this.listenSocket === null) return;
    loadNativeUws().us_listen_socket_close(this.listenSocket);
    this.listenSocket = null;
    this.api.close();
  }
}
