// One venue's ccxt client, budget and counters, and the retrying call every backfill request goes through.
import ccxt, { type Exchange } from 'ccxt';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZVT_ERR_BACKFILL_FETCH, storeError } from '../errors.js';
import { RequestBudget } from './request-budget.js';
import { headerValue, type VenueCandleApi } from './venue-candle-api.js';

/** Counters of one venue's requests, for the final report (a clean run has no refusals). */
export interface VenueRequestCounters {
  requests: number;
  /** 429/418 answers: the venue refused a request for its rate (should stay 0). */
  rateLimitRefusals: number;
  /** Retried answers other than refusals: timeouts, 5xx, dropped connections. */
  retries: number;
  /** Time spent waiting for the budget or a Retry-After, ms. */
  waitedMs: number;
}

export interface VenueSessionOptions {
  /** Attempts per request before the series fails (default 8). */
  maxAttempts?: number;
  /** Backoff before the first retry, doubled per attempt with jitter, at most maxBackoffMs (defaults 500, 30 000). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Source of jitter in [0, 1) (tests pass a seeded one). */
  random?: () => number;
}

/** A venue as backfill talks to it: one ccxt client used one request at a time, one budget. */
export class VenueSession {
  readonly budget: RequestBudget;
  readonly counters: VenueRequestCounters = { requests: 0, rateLimitRefusals: 0, retries: 0, waitedMs: 0 };
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;

  constructor(
    readonly api: VenueCandleApi,
    readonly exchange: Exchange,
    options: VenueSessionOptions = {},
  ) {
    this.budget = new RequestBudget(api.budgetRules);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseBackoffMs = options.baseBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /**
   * Runs one venue request under the budget. A refusal (429, 418) waits its Retry-After (the
   * whole venue waits: the limit is per IP); a network failure, timeout or 5xx waits a jittered,
   * doubling backoff; anything else (bad symbol, bad parameters, auth) fails at once.
   */
  async call<T>(description: string, cost: Readonly<Record<string, number>>, request: () => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const waitedBefore = this.budget.waitedMs;
      await this.budget.acquire(cost);
      this.counters.waitedMs += this.budget.waitedMs - waitedBefore;
      this.counters.requests++;
      try {
        const result = await request();
        this.api.observeHeaders(this.lastHeaders(), this.budget);
        return result;
      } catch (error) {
        lastError = error;
        const headers = this.lastHeaders();
        this.api.observeHeaders(headers, this.budget);
        if (error instanceof ccxt.DDoSProtection) {
          // RateLimitExceeded (429) is a DDoSProtection (418) in ccxt's hierarchy.
          this.counters.rateLimitRefusals++;
          const retryAfterSeconds = Number(headerValue(headers, 'retry-after'));
          const waitMs = Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0 ? retryAfterSeconds * 1000 : this.backoffMs(attempt);
          this.budget.pauseUntil(Date.now() + waitMs + Math.floor(this.random() * 250));
          continue;
        }
        if (error instanceof ccxt.NetworkError) {
          this.counters.retries++;
          const waitMs = this.backoffMs(attempt);
          this.counters.waitedMs += waitMs;
          await sleep(waitMs);
          continue;
        }
        throw storeError(ZVT_ERR_BACKFILL_FETCH, `${this.api.venue}: ${description} failed: ${describe(error)}`);
      }
    }
    throw storeError(ZVT_ERR_BACKFILL_FETCH, `${this.api.venue}: ${description} failed ${this.maxAttempts} times; last: ${describe(lastError)}`);
  }

  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempt - 1));
    return Math.floor(ceiling / 2 + (ceiling / 2) * this.random());
  }

  private lastHeaders(): Readonly<Record<string, string>> {
    const headers = (this.exchange as unknown as { last_response_headers?: unknown }).last_response_headers;
    return typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : {};
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message.slice(0, 300)}`;
  return String(error);
}
