// Faults a replay server injects into a recorded session, as a lossy network or a flaky venue would.

/**
 * One received frame of a recorded connection, chosen either by its position or by the book it
 * changes. `conn` names the recorded connection (`BYBIT.ws.2`); left out, the selector applies to
 * every connection of the recording, each counting its own frames.
 *
 * - `{ frame: N }`: the Nth frame the venue sent on the connection (1 = the first), whatever it is.
 * - `{ symbol, after: K }`: the book frame of `symbol` (the venue's own spelling: `NKNUSDT`,
 *   `BTCUSDT`, `BTC-USD`, `BTC-USDT`) that follows its first K book frames on the connection
 *   (snapshots and updates alike; K = 0 is its first book frame).
 */
export type ReplayFrameSelector = { conn?: string; frame: number } | { conn?: string; symbol: string; after: number };

/** Close every open session of a connection once N of its received frames went past (sent or withheld). */
export interface ReplayDisconnect {
  conn?: string;
  afterFrames: number;
}

/**
 * Faults for `ReplayServer.start(recording, { speed, faults })`; every member is optional and an
 * empty object replays the recording faithfully. What a fault does and what the server does next is
 * what the real venue would do, so the client's recovery is exercised end to end:
 *
 * - `drop`: the selected frames never reach the client. The venue's own book still moved (the
 *   server's book trackers apply them), so a fresh snapshot after the client's resync includes
 *   them. On Coinbase the connection's `sequence_num` shows the hole, as it would live.
 * - `disconnect`: the server closes the connection's sessions (close code 1001). The recorded
 *   stream goes on without the client; a reconnecting client continues where the stream is now,
 *   gets nothing before it subscribes, and gets a fresh snapshot of every book it subscribes to.
 * - `corruptChecksum`: the selected book frame reaches the client with a wrong `checksum` (OKX,
 *   the only venue here that sends one); its levels are intact. Selecting a frame of a venue
 *   without checksums is an error.
 */
export interface ReplayFaults {
  drop?: readonly ReplayFrameSelector[];
  disconnect?: readonly ReplayDisconnect[];
  corruptChecksum?: readonly ReplayFrameSelector[];
}
