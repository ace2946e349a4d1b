// Binance USDⓈ-M exchangeInfo → instrument definitions (trading perpetuals and quarterly futures).
import type { InstrumentDefinition } from '../../../model/instrument.js';
import type { InstrumentKind } from '../../../model/instrument-kind.js';
import { isAssetCode } from '../../../model/symbol.js';
import { binanceFilterValue, binanceSymbolsOf } from '../binance/instruments.js';
import type { BinanceFuturesSymbolInfo } from './messages.js';

/*
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information
 * - `contractType` PERPETUAL → perpetual (BASE-QUOTE-PERP); CURRENT_QUARTER / NEXT_QUARTER (and
 *   the monthly types the schema lists) → dated future (BASE-QUOTE-YYYYMMDD) expiring on the UTC
 *   date of `deliveryDate`. Any other contract type is not one the canonical symbols describe and
 *   is left out, as are symbols not `status: TRADING`.
 * - tickSize (PRICE_FILTER) and stepSize (LOT_SIZE) as published; settle = marginAsset.
 * - contractSize "1": USDⓈ-M order quantities are counted in the base asset (a BTCUSDT quantity
 *   of 0.001 is 0.001 BTC), so one unit of size is one unit of the underlying. The endpoint has
 *   no contractSize field (COIN-M has one); this is the documented unit, not a default.
 */

const DATED_CONTRACT_TYPES = new Set(['CURRENT_QUARTER', 'NEXT_QUARTER', 'CURRENT_MONTH', 'NEXT_MONTH']);

/** Perpetual and dated-future definitions of a `/fapi/v1/exchangeInfo` body. */
export function parseFuturesInstruments(body: string): InstrumentDefinition[] {
  const definitions: InstrumentDefinition[] = [];
  for (const symbol of binanceSymbolsOf(body)) {
    if (!isFuturesSymbolInfo(symbol) || symbol.status !== 'TRADING') continue;
    let kind: InstrumentKind;
    if (symbol.contractType === 'PERPETUAL') kind = 'perpetual';
    else if (DATED_CONTRACT_TYPES.has(symbol.contractType)) kind = 'future';
    else continue;
    if (!isAssetCode(symbol.baseAsset) || !isAssetCode(symbol.quoteAsset) || !isAssetCode(symbol.marginAsset)) continue;
    const tickSize = binanceFilterValue(symbol.filters, 'PRICE_FILTER', 'tickSize');
    const lotSize = binanceFilterValue(symbol.filters, 'LOT_SIZE', 'stepSize');
    if (tickSize === undefined || lotSize === undefined) continue;
    const expiry = kind === 'future' ? new Date(symbol.deliveryDate).toISOString().slice(0, 10) : null;
    definitions.push({
      venue: 'binance-futures',
      kind,
      base: symbol.baseAsset,
      quote: symbol.quoteAsset,
      settle: symbol.marginAsset,
      native: symbol.symbol,
      tickSize,
      lotSize,
      contractSize: '1',
      expiry,
    });
  }
  return definitions;
}

function isFuturesSymbolInfo(value: unknown): value is BinanceFuturesSymbolInfo {
  if (typeof value !== 'object' || value === null) return false;
  const symbol = value as Record<string, unknown>;
  return (
    typeof symbol.symbol === 'string' &&
    typeof symbol.contractType === 'string' &&
    typeof symbol.deliveryDate === 'number' &&
    Number.isSafeInteger(symbol.deliveryDate) &&
    symbol.deliveryDate >= 0 &&
    typeof symbol.status === 'string' &&
    typeof symbol.baseAsset === 'string' &&
    typeof symbol.quoteAsset === 'string' &&
    typeof symbol.marginAsset === 'string' &&
    Array.isArray(symbol.filters) &&
    (symbol.filters as unknown[]).every((filter) => typeof filter === 'object' && filter !== null && typeof (filter as Record<string, unknown>).filterType === 'string')
  );
}
