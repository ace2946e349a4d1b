// Bulk ingestion (POST /v1/candles, POST /v1/trades): rows validated one by one, valid rows written in one store batch, per-row errors by index; 200 all, 207 some, 400 none.
import { isZvtError } from '../../model/errors.js';
import { formatDecimal, formatDecimalBig } from '../../model/fixed-point.js';
import { validateCandles, type DecimalCandleRow } from '../../store/candles/validate-candles.js';
import type { StoreBatch } from '../../store/store-rows.js';
import { ZVT_ERR_REST_STORE_UNAVAILABLE } from '../errors.js';
import { requireInstrument } from './instrument-lookup.js';
import { json, type RestAnswer, type RestCall, type RestHandler } from './rest-call.js';
import type { RestContext } from './rest-context.js';
import { RestError } from './rest-error.js';
import type { ResolvedRestOptions } from './rest-options.js';
import { badRequest, bodyObject, stringField } from './rest-params.js';
import { validateTradeRows, type RowError } from './validate-trade-rows.js';

export interface IngestHandlers {
  ingestCandles: RestHandler;
  ingestTrades: RestHandler;
}

export function ingestHandlers(context: RestContext, options: ResolvedRestOptions, nowMs: () => number = Date.now): IngestHandlers {
  const rowsOf = (body: Record<string, unknown>): readonly unknown[] => {
    const rows = body.rows;
    if (!Array.isArray(rows)) throw badRequest('Body field rows must be an array');
    if (rows.length > options.maxIngestRows) throw badRequest(`Body field rows has ${rows.length} rows; at most ${options.maxIngestRows} per request`);
    return rows as readonly unknown[];
  };

  /** Writes the valid rows (if any) and answers with the counts and errors. */
  const finish = async (call: RestCall, received: number, validCount: number, batch: StoreBatch, errors: readonly RowError[]): Promise<RestAnswer> => {
    let changed: number | null = 0;
    if (validCount > 0) {
      try {
        changed = (await context.store.write(batch)).changedRows;
      } catch (error) {
        throw new RestError(503, ZVT_ERR_REST_STORE_UNAVAILABLE, 'The store did not confirm the write; nothing of this request is stored, retry it', isZvtError(error) ? { storeCode: error.code } : {});
      }
    }
    const rejected = new Set(errors.map((error) => error.index)).size;
    Object.assign(call.audit, { received, stored: validCount, rejected });
    const status = validCount === received ? 200 : validCount > 0 ? 207 : 400;
    return json(status, { received, stored: validCount, changed, rejected, errors });
  };

  return {
    ingestCandles: async (call) => {
      const body = bodyObject(call.body);
      const instrument = requireInstrument(context.instruments, stringField(body, 'instrument', true));
      const timeframe = stringField(body, 'timeframe', true);
      const rows = rowsOf(body);
      call.audit.instrument = instrument.id;
      call.audit.timeframe = timeframe;
      let result;
      try {
        result = validateCandles(rows as readonly DecimalCandleRow[], {
          timeframe,
          priceDecimals: instrument.priceDecimals,
          sizeDecimals: instrument.sizeDecimals,
          instrument: instrument.id,
          nowMs: nowMs(),
        });
      } catch (error) {
        if (isZvtError(error)) throw badRequest(error.message, { cause: error.code });
        throw error;
      }
      const candles = result.valid.map((row) => ({
        venue: instrument.venue,
        symbol: instrument.canonical,
        timeframe,
        tsOpenNs: BigInt(row.tsStartMs) * 1_000_000n,
        open: formatDecimal(row.open, instrument.priceDecimals),
        high: formatDecimal(row.high, instrument.priceDecimals),
        low: formatDecimal(row.low, instrument.priceDecimals),
        close: formatDecimal(row.close, instrument.priceDecimals),
        volume: formatDecimalBig(row.volume, instrument.sizeDecimals),
        tradeCount: row.tradeCount ?? null,
      }));
      const errors = result.errors.map((error) => ({ index: error.rowIndex, code: error.code, message: error.message }));
      return finish(call, rows.length, candles.length, { candles }, errors);
    },

    ingestTrades: async (call) => {
      const body = bodyObject(call.body);
      const instrument = requireInstrument(context.instruments, stringField(body, 'instrument', true));
      const rows = rowsOf(body);
      call.audit.instrument = instrument.id;
      const { valid, errors } = validateTradeRows(rows, instrument, BigInt(nowMs()) * 1_000_000n);
      return finish(call, rows.length, valid.length, { trades: valid }, errors);
    },
  };
}
