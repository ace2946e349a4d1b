// FIX UTCTimestamp text ("YYYYMMDD-HH:MM:SS.sss") to and from epoch milliseconds.

const TIMESTAMP_PATTERN = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}|\d{6}|\d{9}))?$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** UTCTimestamp with milliseconds, the form FIX 4.4 engines send ("20240101-12:00:00.000"). */
export function formatUtcTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}-` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

/**
 * Epoch ms of a UTCTimestamp (seconds, or 3, 6 or 9 fraction digits; sub-millisecond digits are
 * truncated), or null when the text is not one or names no real instant (month 13, 31 April ...).
 * Second 60 (a leap second) is accepted and lands on the next minute.
 */
export function parseUtcTimestamp(text: string): number | null {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const dayStart = Date.UTC(year, month - 1, day);
  if (new Date(dayStart).getUTCDate() !== day) return null;
  return dayStart + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}
