// Counters of one simulator server, served as JSON on GET /__sim/stats and by SimServer.stats().
import type { FrameFaultCounters } from '../faults/session-faults.js';
import type { RateLimitRuleStats } from './rate-limiter.js';
import type { OutboxCounters } from './session-outbox.js';

export interface SimServerStats {
  /** REST requests received (control endpoints included). */
  requests: number;
  /** Answers written, by HTTP status ("200": 12, "429": 3). */
  responses: Record<string, number>;
  /** Exceptions a dialect threw (answered 500, or the session closed 1011). */
  dialectErrors: number;
  rest: {
    /** Requests answered with a 5xx by the fault layer. */
    faultErrors: number;
    /** Requests held and then cut without an answer. */
    timeouts: number;
    /** Requests handled late by the latency fault. */
    delayed: number;
    /** Bodies over the 1 MiB limit (413). */
    oversized: number;
  };
  rateLimits: {
    refusals: number;
    bans: number;
    rules: Record<string, RateLimitRuleStats>;
  };
  frames: {
    /** Frames written to sockets (duplicates count twice). */
    sent: number;
    dropped: number;
    duplicated: number;
    reordered: number;
    corrupted: number;
    /** Frames chosen for corruptChecksum that carry no checksum (sent unchanged). */
    corruptNotApplicable: number;
    delayed: number;
  };
  disconnects: number;
  stalls: number;
  sessions: {
    open: number;
    total: number;
    /** Upgrades to a path the dialect does not serve (404). */
    notFound: number;
  };
  /** Sessions closed with 1008 because the client did not read (or a stall outgrew the limit). */
  slowClientCloses: number;
}

/** The live counters; the fault layer and outboxes move the fields they share with it. */
export class SimServerCounters implements FrameFaultCounters, OutboxCounters {
  requests = 0;
  readonly responses = new Map<number, number>();
  dialectErrors = 0;
  restFaultErrors = 0;
  restTimeouts = 0;
  restDelayed = 0;
  restOversized = 0;
  sent = 0;
  dropped = 0;
  duplicated = 0;
  reordered = 0;
  corrupted = 0;
  corruptNotApplicable = 0;
  delayed = 0;
  disconnects = 0;
  stalls = 0;
  sessionsOpen = 0;
  sessionsTotal = 0;
  sessionsNotFound = 0;
  slowClientCloses = 0;

  responded(status: number): void {
    this.responses.set(status, (this.responses.get(status) ?? 0) + 1);
  }

  snapshot(rules: Record<string, RateLimitRuleStats>): SimServerStats {
    const ruleList = Object.values(rules);
    return {
      requests: this.requests,
      responses: Object.fromEntries([...this.responses].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count])),
      dialectErrors: this.dialectErrors,
      rest: { faultErrors: this.restFaultErrors, timeouts: this.restTimeouts, delayed: this.restDelayed, oversized: this.restOversized },
      rateLimits: {
        refusals: ruleList.reduce((sum, rule) => sum + rule.refusals, 0),
        bans: ruleList.reduce((sum, rule) => sum + rule.bans, 0),
        rules,
      },
      frames: {
        sent: this.sent,
        dropped: this.dropped,
        duplicated: this.duplicated,
        reordered: this.reordered,
        corrupted: this.corrupted,
        corruptNotApplicable: this.corruptNotApplicable,
        delayed: this.delayed,
      },
      disconnects: this.disconnects,
      stalls: this.stalls,
      sessions: { open: this.sessionsOpen, total: this.sessionsTotal, notFound: this.sessionsNotFound },
      slowClientCloses: this.slowClientCloses,
    };
  }
}
