// The server's heartbeat: once a second, a `heartbeats` message to every connection subscribed to it.
import type { CoinbaseWsConnection } from './ws-connection.js';
import { heartbeatsEvent } from './heartbeats-event.js';

/*
 * "Subscribe to the heartbeats channel to receive heartbeats messages every second"
 * (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels).
 * The counter is the server's own (recorded: 41691 on a server up for 41691.26 s, the `m=+`
 * monotonic reading), shared by all connections: here the dialect's whole seconds of uptime,
 * rising by at least one per beat.
 */

export const HEARTBEAT_INTERVAL_MS = 1000;

export class HeartbeatClock {
  private counter = 0;
  private readonly startedMs = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly connections: ReadonlySet<CoinbaseWsConnection>,
    private readonly nowMs: () => number,
  ) {
    this.timer = setInterval(this.beat, HEARTBEAT_INTERVAL_MS);
    // The simulator's owner decides when the process ends, not a heartbeat.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private readonly beat = (): void => {
    const uptimeMs = Date.now() - this.startedMs;
    this.counter = Math.max(this.counter + 1, Math.floor(uptimeMs / 1000));
    const nowMs = this.nowMs();
    let events: string | null = null;
    for (const connection of this.connections) {
      if (!connection.subscriptions.hasChannel('heartbeats')) continue;
      events ??= `[${heartbeatsEvent(nowMs, uptimeMs, this.counter)}]`;
      connection.send('heartbeats', nowMs, events);
    }
  };
}
