// Venue heartbeats a replay server must answer itself: they were never part of the recording.
import { readClientJson } from './client-json.js';

/**
 * Returns the venue's reply to a client heartbeat frame, or null when the frame is not one.
 * Binance uses WebSocket-level ping frames (answered by the server library); Coinbase pushes a
 * `heartbeats` channel and expects nothing from the client.
 */
export function heartbeatReply(venue: string, frame: string, connectionId: string): string | null {
  if (venue === 'okx') return frame === 'ping' ? 'pong' : null;
  if (venue === 'bybit') {
    const message = readClientJson(frame, '"ping"');
    if (message?.op !== 'ping') return null;
    const requestId = message.req_id;
    // Bybit v5 public pong: {"success":true,"ret_msg":"pong","conn_id":...,"op":"ping"} (+ req_id when sent).
    return JSON.stringify({ success: true, ret_msg: 'pong', conn_id: connectionId, ...(typeof requestId === 'string' ? { req_id: requestId } : {}), op: 'ping' });
  }
  return null;
}
