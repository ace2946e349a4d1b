// Progress of a backfill: a redrawn bar with rate and ETA on a terminal, plain timestamped lines otherwise.

export interface ProgressOutput {
  write(text: string): unknown;
  /** Set on a terminal (process.stderr.isTTY). */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Redraws at most this often on a terminal, prints a line at most this often elsewhere. */
const TTY_REDRAW_MS = 100;
const PLAIN_LINE_MS = 5_000;

/**
 * Counts buckets done out of a known total (the missing buckets found before the first request).
 * Rate is buckets per second since the start; ETA = remaining / rate.
 */
export class BackfillProgress {
  private done = 0;
  private readonly startedMs: number;
  private lastDrawMs = 0;
  private label = '';

  constructor(
    private readonly output: ProgressOutput | null,
    private readonly total: number,
    private readonly now: () => number = Date.now,
    /** What is counted: candles, or minutes of trade history covered. */
    private readonly unit: string = 'candles',
  ) {
    this.startedMs = now();
  }

  /** `buckets` more are done (stored, rejected, or known to be empty at the venue). */
  advance(buckets: number, label: string): void {
    this.done += buckets;
    this.label = label;
    const now = this.now();
    const interval = this.output?.isTTY === true ? TTY_REDRAW_MS : PLAIN_LINE_MS;
    if (now - this.lastDrawMs >= interval) this.draw(now);
  }

  /** Final state: the bar at its end (terminal) or one last line. */
  finish(): void {
    this.draw(this.now());
    if (this.output?.isTTY === true) this.output.write('\n');
  }

  /** The current line, without terminal control characters (for tests and plain output). */
  line(now = this.now()): string {
    const elapsedSeconds = Math.max((now - this.startedMs) / 1000, 1e-3);
    const rate = this.done / elapsedSeconds;
    const remaining = Math.max(this.total - this.done, 0);
    const eta = rate > 0 ? formatDuration(remaining / rate) : '--:--';
    const percent = this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100);
    return `${percent}% ${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} ${this.unit}, ${Math.round(rate).toLocaleString('en-US')}/s, ETA ${eta}${this.label === '' ? '' : `  ${this.label}`}`;
  }

  private draw(now: number): void {
    this.lastDrawMs = now;
    if (this.output === null) return;
    if (this.output.isTTY === true) {
      const width = 24;
      const filled = this.total === 0 ? width : Math.min(width, Math.floor((this.done / this.total) * width));
      const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.line(now)}`;
      const columns = this.output.columns ?? 120;
      this.output.write(`\r${text.slice(0, columns - 1).padEnd(columns - 1)}`);
    } else {
      this.output.write(`${new Date(now).toISOString()} backfill ${this.line(now)}\n`);
    }
  }
}

function formatDuration(seconds: number): string {
  const total = Math.ceil(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
