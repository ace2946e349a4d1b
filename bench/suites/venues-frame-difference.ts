// The first field where two ParsedFrames differ (used slots only), or null: the venues benchmark's parity check.
import { TRADE_ID_MAX_BYTES, type ParsedFrame } from '../../src/actors/venues/common/parsed-frame.js';

const FRAME_FIELDS = ['kind', 'connectionSequence', 'bookCount', 'errorText'] as const;
const BOOK_FIELDS = ['instrumentId', 'isSnapshot', 'sequence', 'firstSequence', 'previousSequence', 'checksum', 'hasEventTime', 'eventSeconds', 'eventNanos', 'levelCount'] as const;
const LEVEL_ARRAYS = ['sides', 'prices', 'sizes', 'priceTextDecimals', 'sizeTextDecimals'] as const;
const TRADE_ARRAYS = ['instrumentIds', 'prices', 'sizes', 'aggressorSides', 'hasEventTime', 'eventSeconds', 'eventNanos', 'tradeIdLengths'] as const;
const BBO_ARRAYS = ['instrumentIds', 'hasEventTime', 'eventSeconds', 'eventNanos'] as const;

/** Object.is, so NaN (an empty BBO side) equals NaN and 0 differs from -0. */
export function frameDifference(left: ParsedFrame, right: ParsedFrame): string | null {
  for (const key of FRAME_FIELDS) if (!Object.is(left[key], right[key])) return `${key}: ${String(left[key])} vs ${String(right[key])}`;
  for (let b = 0; b < left.bookCount; b++) {
    const one = left.books[b]!;
    const two = right.books[b]!;
    for (const key of BOOK_FIELDS) if (!Object.is(one[key], two[key])) return `book ${b} ${key}: ${String(one[key])} vs ${String(two[key])}`;
    for (const key of LEVEL_ARRAYS) {
      for (let i = 0; i < one.levelCount; i++) if (!Object.is(one[key][i], two[key][i])) return `book ${b} ${key}[${i}]: ${one[key][i]} vs ${two[key][i]}`;
    }
  }
  const trades = [left.trades, right.trades] as const;
  if (trades[0].count !== trades[1].count) return `trades.count: ${trades[0].count} vs ${trades[1].count}`;
  for (let t = 0; t < trades[0].count; t++) {
    for (const key of TRADE_ARRAYS) if (!Object.is(trades[0][key][t], trades[1][key][t])) return `trade ${t} ${key}: ${trades[0][key][t]} vs ${trades[1][key][t]}`;
    for (let i = t * TRADE_ID_MAX_BYTES; i < t * TRADE_ID_MAX_BYTES + trades[0].tradeIdLengths[t]!; i++) {
      if (trades[0].tradeIds[i] !== trades[1].tradeIds[i]) return `trade ${t} id byte ${i - t * TRADE_ID_MAX_BYTES}`;
    }
  }
  const bbos = [left.bbos, right.bbos] as const;
  if (bbos[0].count !== bbos[1].count) return `bbos.count: ${bbos[0].count} vs ${bbos[1].count}`;
  for (let q = 0; q < bbos[0].count; q++) {
    for (const key of BBO_ARRAYS) if (!Object.is(bbos[0][key][q], bbos[1][key][q])) return `bbo ${q} ${key}: ${bbos[0][key][q]} vs ${bbos[1][key][q]}`;
    for (let v = q * 4; v < q * 4 + 4; v++) if (!Object.is(bbos[0].values[v], bbos[1].values[v])) return `bbo ${q} value ${v - q * 4}: ${bbos[0].values[v]} vs ${bbos[1].values[v]}`;
  }
  return null;
}
