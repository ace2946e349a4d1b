// Coinbase's time texts: Go's RFC 3339 with trimmed nanoseconds, and Go's time.String() in heartbeats.

/*
 * Coinbase's servers are written in Go, and the recorded session (../shared/data/recordings/COINBASE.jsonl.gz)
 * shows Go's formats verbatim:
 * - `timestamp`, `event_time`, trade `time`: time.RFC3339Nano, whose fraction drops trailing zeros
 *   and the dot with them ("2026-08-09T21:05:38.50436Z", "2026-08-09T21:05:48Z");
 * - heartbeat `current_time`: time.String() with the monotonic reading,
 *   "2026-08-09 21:05:48.854840045 +0000 UTC m=+41691.260485341" (fraction trimmed the same way,
 *   the monotonic seconds always with nine digits).
 * The simulator's clock has millisecond resolution, so fractions have at most three digits.
 */

/** RFC 3339 UTC text of an epoch-ms time, fraction trimmed as Go's RFC3339Nano does. */
export function goRfc3339(epochMs: number): string {
  return `${datePart(epochMs)}T${clockPart(epochMs)}Z`;
}

/**
 * Go's time.String() of an epoch-ms UTC time with a monotonic reading `monotonicMs` after the
 * process started: the heartbeat's `current_time`.
 */
export function goTimeString(epochMs: number, monotonicMs: number): string {
  const seconds = Math.floor(monotonicMs / 1000);
  const nanos = (monotonicMs - seconds * 1000) * 1_000_000;
  return `${datePart(epochMs)} ${clockPart(epochMs)} +0000 UTC m=+${seconds}.${String(nanos).padStart(9, '0')}`;
}

function datePart(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

/** HH:MM:SS plus the trimmed millisecond fraction. */
function clockPart(epochMs: number): string {
  const date = new Date(epochMs);
  const clock = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  const millis = date.getUTCMilliseconds();
  if (millis === 0) return clock;
  return `${clock}.${String(millis).padStart(3, '0').replace(/0+$/, '')}`;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
