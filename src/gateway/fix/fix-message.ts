// A parsed FIX message: top-level fields by tag, repeating-group instances by their NumInGroup tag, and what was wrong with one that failed.

/** One instance of a repeating group: its fields by tag. */
export type FixGroupInstance = ReadonlyMap<number, string>;

export class FixMessage {
  constructor(
    readonly msgType: string,
    /** Header, body and trailer fields outside repeating groups (each tag at most once). */
    readonly fields: ReadonlyMap<number, string>,
    /** Repeating groups by their NumInGroup tag (NoOrders 73 ...). */
    readonly groups: ReadonlyMap<number, readonly FixGroupInstance[]>,
  ) {}

  get(tag: number): string | undefined {
    return this.fields.get(tag);
  }

  has(tag: number): boolean {
    return this.fields.has(tag);
  }

  group(countTag: number): readonly FixGroupInstance[] {
    return this.groups.get(countTag) ?? [];
  }
}

/**
 * Why a message is refused at the session level: Reject (3) with SessionRejectReason `reason`,
 * RefTagID `refTagId` and RefSeqNum `msgSeqNum`. A problem without a usable MsgSeqNum cannot be
 * rejected (the Reject would reference nothing) and ends the session with a Logout instead.
 */
export interface FixMessageProblem {
  readonly reason: number;
  readonly refTagId: number | null;
  readonly text: string;
  readonly msgType: string | null;
  readonly msgSeqNum: number | null;
}
