// The faults of one recorded connection, validated against the recording, answering per frame what to do.
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_REPLAY_FAULTS } from '../errors.js';
import type { Recording } from '../recording/recording-format.js';
import type { ReplayFaults, ReplayFrameSelector } from './replay-faults.js';

/** Venues whose book frames carry a checksum the client verifies. */
const CHECKSUM_VENUES: ReadonlySet<string> = new Set(['okx']);

function faultError(problem: string, details: Record<string, unknown>): ZvtError {
  return new ZvtError(ZVT_ERR_REPLAY_FAULTS, `replay fault: ${problem}`, details);
}

function isCount(value: unknown, minimum: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= minimum;
}

export class ConnectionFaults {
  private constructor(
    private readonly drops: readonly ReplayFrameSelector[],
    private readonly corruptions: readonly ReplayFrameSelector[],
    private readonly disconnects: readonly number[],
  ) {}

  /** The faults of `faults` that apply to connection `conn`; throws ZVT_ERR_REPLAY_FAULTS on any malformed fault. */
  static of(faults: ReplayFaults, recording: Recording, conn: string): ConnectionFaults {
    const known = recording.connections.map((connection) => connection.conn);
    const checkConn = (target: string | undefined, kind: string): void => {
      if (target !== undefined && !known.includes(target)) throw faultError(`${kind} names connection "${target}", which ${recording.path} does not have (it has ${known.join(', ')})`, { conn: target, known });
    };
    const checkSelector = (selector: ReplayFrameSelector, kind: string): void => {
      checkConn(selector.conn, kind);
      const valid = 'frame' in selector ? isCount(selector.frame, 1) : typeof selector.symbol === 'string' && selector.symbol !== '' && isCount(selector.after, 0);
      if (!valid) throw faultError(`${kind} needs {frame: N >= 1} or {symbol, after: K >= 0}, got ${JSON.stringify(selector)}`, { selector });
    };
    for (const selector of faults.drop ?? []) checkSelector(selector, 'drop');
    for (const selector of faults.corruptChecksum ?? []) {
      checkSelector(selector, 'corruptChecksum');
      if (!CHECKSUM_VENUES.has(recording.venue)) throw faultError(`corruptChecksum on ${recording.venue}, whose book frames carry no checksum`, { venue: recording.venue });
    }
    for (const disconnect of faults.disconnect ?? []) {
      checkConn(disconnect.conn, 'disconnect');
      if (!isCount(disconnect.afterFrames, 1)) throw faultError(`disconnect needs afterFrames >= 1, got ${JSON.stringify(disconnect)}`, { disconnect });
    }
    const mine = <T extends { conn?: string }>(list: readonly T[] | undefined): T[] => (list ?? []).filter((fault) => fault.conn === undefined || fault.conn === conn);
    return new ConnectionFaults(mine(faults.drop), mine(faults.corruptChecksum), mine(faults.disconnect).map((fault) => fault.afterFrames));
  }

  /**
   * Whether to drop the received frame at 1-based `ordinal`; `symbol` is the book it changes (or
   * null) and `bookFramesBefore` how many book frames of that symbol went before it.
   */
  drop(ordinal: number, symbol: string | null, bookFramesBefore: number): boolean {
    return this.drops.some((selector) => selects(selector, ordinal, symbol, bookFramesBefore));
  }

  corruptChecksum(ordinal: number, symbol: string | null, bookFramesBefore: number): boolean {
    return this.corruptions.some((selector) => selects(selector, ordinal, symbol, bookFramesBefore));
  }

  /** True when the connection's sessions close once the frame at `ordinal` went past. */
  disconnectAfter(ordinal: number): boolean {
    return this.disconnects.includes(ordinal);
  }
}

function selects(selector: ReplayFrameSelector, ordinal: number, symbol: string | null, bookFramesBefore: number): boolean {
  if ('frame' in selector) return selector.frame === ordinal;
  return symbol === selector.symbol && bookFramesBefore === selector.after;
}
