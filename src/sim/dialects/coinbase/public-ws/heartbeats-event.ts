// `heartbeats` events: one a second per subscribed connection, with the server's counter and Go-formatted clock.
import { goTimeString } from '../wire/go-time.js';

/*
 * Recorded: {"current_time":"2026-08-09 21:05:48.854840045 +0000 UTC m=+41691.260485341",
 * "heartbeat_counter":41691}: the counter is the server's, shared by every connection (it is not
 * per subscription), a JSON number (the docs' example shows a string; the live venue sends a number).
 */

export function heartbeatsEvent(nowMs: number, monotonicMs: number, counter: number): string {
  return JSON.stringify({ current_time: goTimeString(nowMs, monotonicMs), heartbeat_counter: counter });
}
