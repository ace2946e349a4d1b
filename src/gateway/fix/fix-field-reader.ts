// Reads typed fields of one message, keeping the first problem (which tag, which SessionRejectReason) instead of throwing.
import type { FixGroupInstance, FixMessage, FixMessageProblem } from './fix-message.js';
import { seqNumOrZero } from './fix-parse.js';
import { SESSION_REJECT_REASON } from './fix-tags.js';
import { parseUtcTimestamp } from './fix-time.js';

/** FIX Qty/Price text: digits with an optional fraction, no sign, no exponent. */
const DECIMAL_PATTERN = /^\d{1,20}(?:\.\d{1,20})?$/;

/**
 * What is wrong with a price or quantity as decimal text, or null when it is a positive decimal:
 * 'format' (not digits with an optional fraction) or 'zero'. Protocol-independent: the binary
 * order entry (/v1/orders) applies the same rule to its decimal strings.
 */
export function positiveDecimalProblem(value: string): 'format' | 'zero' | null {
  if (!DECIMAL_PATTERN.test(value)) return 'format';
  return /[1-9]/.test(value) ? null : 'zero';
}

/**
 * Every read returns null once a problem is recorded, so a caller reads all fields it needs and
 * checks `problem` once. Reads of a group instance pass that instance as `fields`.
 */
export class FixFieldReader {
  private firstProblem: FixMessageProblem | null = null;

  constructor(
    private readonly message: FixMessage,
    private readonly msgSeqNum: number,
  ) {}

  get messageFields(): FixGroupInstance {
    return this.message.fields;
  }

  get problem(): FixMessageProblem | null {
    return this.firstProblem;
  }

  /** Records a problem (the first one wins) and returns null for convenience. */
  fail(reason: number, refTagId: number | null, text: string): null {
    this.firstProblem ??= { reason, refTagId, text, msgType: this.message.msgType, msgSeqNum: this.msgSeqNum };
    return null;
  }

  required(tag: number, fields: FixGroupInstance = this.message.fields): string | null {
    const value = fields.get(tag);
    if (value === undefined) return this.fail(SESSION_REJECT_REASON.RequiredTagMissing, tag, `Required tag ${tag} missing`);
    return this.firstProblem === null ? value : null;
  }

  optional(tag: number, fields: FixGroupInstance = this.message.fields): string | null {
    return fields.get(tag) ?? null;
  }

  /**
   * A code field: `supported` maps the values handled to their meaning; any other value FIX 4.4
   * defines (`defined`) reads as 'unsupported' (a business refusal), anything else is Reject reason 5.
   */
  code<T>(tag: number, supported: Readonly<Record<string, T>>, defined: ReadonlySet<string>, value: string | null): T | 'unsupported' | null {
    if (value === null || this.firstProblem !== null) return null;
    if (Object.hasOwn(supported, value)) return supported[value]!;
    if (defined.has(value)) return 'unsupported';
    return this.fail(SESSION_REJECT_REASON.ValueIsIncorrect, tag, `Value ${value} is incorrect (out of range) for tag ${tag}`);
  }

  /** A positive decimal (Qty, Price) as written, or null with reason 6 (format) or 5 (zero). */
  positiveDecimal(tag: number, value: string | null): string | null {
    if (value === null || this.firstProblem !== null) return null;
    const problem = positiveDecimalProblem(value);
    if (problem === 'format') return this.fail(SESSION_REJECT_REASON.IncorrectDataFormatForValue, tag, `Incorrect data format for tag ${tag}`);
    if (problem === 'zero') return this.fail(SESSION_REJECT_REASON.ValueIsIncorrect, tag, `Tag ${tag} must be positive`);
    return value;
  }

  /** A UTCTimestamp, or null with reason 6. */
  timestamp(tag: number, value: string | null): number | null {
    if (value === null || this.firstProblem !== null) return null;
    const epochMs = parseUtcTimestamp(value);
    if (epochMs === null) return this.fail(SESSION_REJECT_REASON.IncorrectDataFormatForValue, tag, `Incorrect data format for tag ${tag} (UTCTimestamp)`);
    return epochMs;
  }

  /** A non-negative integer, or null with reason 6. */
  integer(tag: number, value: string | null): number | null {
    if (value === null || this.firstProblem !== null) return null;
    const parsed = seqNumOrZero(value);
    if (parsed === null) return this.fail(SESSION_REJECT_REASON.IncorrectDataFormatForValue, tag, `Incorrect data format for tag ${tag} (integer)`);
    return parsed;
  }
}
