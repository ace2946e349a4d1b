// A client frame a replay server answers itself (subscribe, ping), read as a JSON object after a cheap text check.

/**
 * The frame as a JSON object when its text contains `marker` (most client frames are skipped without
 * parsing), or null: no marker, not JSON, or not an object.
 */
export function readClientJson(frame: string, marker: string): Readonly<Record<string, unknown>> | null {
  if (!frame.includes(marker)) return null;
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return null;
  }
  return typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : null;
}
