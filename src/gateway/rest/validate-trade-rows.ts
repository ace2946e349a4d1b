// Validates bulk-ingested trade rows of one instrument: decimal text on the instrument's scale and positive, a known side, integer epoch ms, a trade id, no duplicates.
import { isZvtError } from '../../model/errors.js';
import { formatDecimal, formatDecimalBig, parseDecimal, parseDecimalBig } from '../../model/fixed-point.js';
import type { Instrument } from '../../model/instrument.js';
import { MAX_EPOCH_MS } from '../../model/timeframe.js';
import type { TradeRow } from '../../store/store-rows.js';
import { ZVT_ERR_REST_TRADE_ROW } from '../errors.js';

export interface RowError {
  readonly index: number;
  readonly code: string;
  readonly field?: string;
  readonly message: string;
}

const TRADE_ID_PATTERN = /^[\x21-\x7e]{1,64}$/;
const SIDES = ['buy', 'sell', 'unknown'] as const;

/**
 * Every broken rule of every row is reported (a row may have several); valid rows come back as
 * TradeRows with canonical decimal text, tsEventNs = tsMs × 10^6 and tsRecvNs = `recvNs`. A row
 * repeating (tradeId, tsMs) of an accepted row of the same request is refused (the store would
 * keep one anyway; saying so is clearer).
 */
export function validateTradeRows(rows: readonly unknown[], instrument: Instrument, recvNs: bigint): { valid: TradeRow[]; errors: RowError[] } {
  const valid: TradeRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const before = errors.length;
    const report = (field: string, rule: string): void => {
      errors.push({ index, code: ZVT_ERR_REST_TRADE_ROW, field, message: `Row ${index} of ${instrument.id}: ${rule}` });
    };
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      errors.push({ index, code: ZVT_ERR_REST_TRADE_ROW, message: `Row ${index} of ${instrument.id}: must be an object with tradeId, price, size, side, tsMs` });
      return;
    }
    const fields = row as Record<string, unknown>;
    const tradeId = fields.tradeId;
    if (typeof tradeId !== 'string' || !TRADE_ID_PATTERN.test(tradeId)) report('tradeId', 'tradeId must be 1 to 64 printable ASCII characters without spaces');
    const price = positive(fields.price, 'price', instrument.priceDecimals, false, report);
    const size = positive(fields.size, 'size', instrument.sizeDecimals, true, report);
    const side = fields.side;
    if (typeof side !== 'string' || !(SIDES as readonly string[]).includes(side)) report('side', `side must be one of ${SIDES.join(', ')} (taker side; unknown where the source does not say)`);
    const tsMs = fields.tsMs;
    const tsOk = typeof tsMs === 'number' && Number.isSafeInteger(tsMs) && tsMs >= 0 && tsMs <= MAX_EPOCH_MS;
    if (!tsOk) report('tsMs', `tsMs must be an integer epoch ms from 0 to ${MAX_EPOCH_MS} (a JSON number, not text)`);
    if (errors.length !== before || typeof tradeId !== 'string' || price === null || size === null || !tsOk) return;
    const key = `${tradeId}\u0000${tsMs}`;
    if (seen.has(key)) {
      report('tradeId', `repeats tradeId ${tradeId} at tsMs ${tsMs} of an earlier row of this request`);
      return;
    }
    seen.add(key);
    valid.push({
      venue: instrument.venue,
      symbol: instrument.canonical,
      tradeId,
      price,
      size,
      side: side as TradeRow['side'],
      tsEventNs: BigInt(tsMs) * 1_000_000n,
      tsRecvNs: recvNs,
      flags: 0,
    });
  });
  return { valid, errors };
}

/** Canonical text of a positive decimal at `decimals`, or null after reporting why not. */
function positive(value: unknown, field: string, decimals: number, big: boolean, report: (field: string, rule: string) => void): string | null {
  if (typeof value !== 'string') {
    report(field, `${field} must be decimal text (floats lose digits)`);
    return null;
  }
  try {
    if (big) {
      const mantissa = parseDecimalBig(value, decimals);
      if (mantissa > 0n) return formatDecimalBig(mantissa, decimals);
    } else {
      const mantissa = parseDecimal(value, decimals);
      if (mantissa > 0) return formatDecimal(mantissa, decimals);
    }
    report(field, `${field} ${JSON.stringify(value)} must be positive`);
  } catch (error) {
    const reason = isZvtError(error) ? `${error.code}: ${error.message}` : String(error);
    report(field, `${field} ${JSON.stringify(value)} does not fit the instrument's ${decimals} decimals (${reason})`);
  }
  return null;
}
