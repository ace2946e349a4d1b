// Mounts /v1/feed on a uWS app: WebSocket events go to the FeedHub; backpressure settings come from its options.
import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import { loadNativeUws } from '../../platform/uws.js';
import type { FeedConnection } from './feed-connection.js';
import type { FeedFanoutMode } from './feed-fanout.js';
import type { FeedHub } from './feed-hub.js';

export const FEED_PATH = '/v1/feed';
/** Largest control frame a client may send; uWS closes the connection past it. Control frames are small JSON. */
export const MAX_CONTROL_FRAME_BYTES = 64 * 1024;
/** Seconds without traffic from the client before uWS closes it; uWS pings automatically, and every WebSocket client answers pings. */
const IDLE_TIMEOUT_SECONDS = 120;

export interface FeedUserData {
  connection?: FeedConnection;
}

export interface FeedRouteOptions {
  path?: string;
  /** 'topics' (default): uWS publish per message; 'direct': one send per subscriber from JS (feed-fanout.ts). */
  fanout?: FeedFanoutMode;
}

/** Adds the feed's WebSocket route to `app` (the gateway's one uWS app, or FeedServer's own). One app per hub. */
export function registerFeedRoute(app: TemplatedApp, hub: FeedHub, options: FeedRouteOptions = {}): void {
  const uws = loadNativeUws();
  const path = options.path ?? FEED_PATH;
  if ((options.fanout ?? 'topics') === 'topics') hub.usePublisher((topic, message) => app.publish(topic, message, true));
  app.ws<FeedUserData>(path, {
    compression: uws.DISABLED,
    maxPayloadLength: MAX_CONTROL_FRAME_BYTES,
    // The hub conflates at its soft limit; uWS refuses sends past the hard one (send() returns 2).
    maxBackpressure: hub.options.hardLimitBytes,
    idleTimeout: IDLE_TIMEOUT_SECONDS,
    sendPingsAutomatically: true,
    open: (ws: WebSocket<FeedUserData>) => {
      if (hub.isClosed) {
        ws.end(1001, 'feed closing');
        return;
      }
      ws.getUserData().connection = hub.openConnection(ws);
    },
    message: (ws: WebSocket<FeedUserData>, message: ArrayBuffer, isBinary: boolean) => {
      const connection = ws.getUserData().connection;
      if (connection === undefined) return;
      // `message` is only valid inside this callback: decoded to a string right here.
      hub.onControlMessage(connection, isBinary ? null : Buffer.from(message).toString('utf8'));
    },
    drain: (ws: WebSocket<FeedUserData>) => {
      const connection = ws.getUserData().connection;
      if (connection !== undefined) hub.onDrain(connection);
    },
    close: (ws: WebSocket<FeedUserData>) => {
      // The socket is dead here: never touch it again (the hub marks the connection closed).
      const connection = ws.getUserData().connection;
      if (connection !== undefined) hub.onClosed(connection);
    },
  });
}
