// Feed topic names `<kind>.<instrument>`: kinds book, bbo, trades, status; instruments `<venue>:<canonical>` or `all:<canonical>`.
import { isZvtError } from '../../model/errors.js';
import { parseInstrumentId } from '../../model/instrument-id.js';
import { parseCanonicalSymbol } from '../../model/symbol.js';

/** The four topic kinds, in the order of their topic ids within an instrument (topicId = 4 × instrument + kind). */
export const TOPIC_KINDS = ['book', 'bbo', 'trades', 'status'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export const TopicKindCode = { book: 0, bbo: 1, trades: 2, status: 3 } as const satisfies Record<TopicKind, number>;

/** Venue part of a consolidated (cross-venue) instrument: `all:BTC-USDT`. */
export const CONSOLIDATED_VENUE = 'all';

export interface TopicName {
  kind: TopicKind;
  instrument: string;
}

/** `<kind>.<instrument>`. */
export function topicName(kind: TopicKind, instrument: string): string {
  return `${kind}.${instrument}`;
}

/**
 * Why `instrument` is not a feed instrument name, or null when it is one: `<venue>:<canonical>`
 * with a known venue, or `all:<canonical>` for the consolidated view.
 */
export function instrumentNameProblem(instrument: string): string | null {
  try {
    if (instrument.startsWith(`${CONSOLIDATED_VENUE}:`)) parseCanonicalSymbol(instrument.slice(CONSOLIDATED_VENUE.length + 1));
    else parseInstrumentId(instrument);
    return null;
  } catch (error) {
    if (!isZvtError(error)) throw error;
    return error.message;
  }
}

/** Splits and validates a topic name; a string saying what is wrong when it is not one. */
export function parseTopicName(text: string): TopicName | string {
  const dot = text.indexOf('.');
  if (dot < 0) return `topic "${text}" is not <kind>.<instrument> (kinds: ${TOPIC_KINDS.join(', ')})`;
  const kind = text.slice(0, dot);
  if (!isTopicKind(kind)) return `topic "${text}" has kind "${kind}"; expected one of ${TOPIC_KINDS.join(', ')}`;
  const instrument = text.slice(dot + 1);
  const problem = instrumentNameProblem(instrument);
  if (problem !== null) return `topic "${text}": instrument must be <venue>:<canonical> or ${CONSOLIDATED_VENUE}:<canonical> (${problem})`;
  return { kind, instrument };
}

function isTopicKind(text: string): text is TopicKind {
  return (TOPIC_KINDS as readonly string[]).includes(text);
}
