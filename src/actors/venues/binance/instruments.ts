// Binance spot exchangeInfo → instrument definitions (trading symbols, tick and lot size as published).
import { ZvtError } from '../../../model/errors.js';
import type { InstrumentDefinition } from '../../../model/instrument.js';
import { isAssetCode } from '../../../model/symbol.js';
import { ZVT_ERR_BINANCE_RESPONSE } from './errors.js';
import type { BinanceSpotSymbolInfo, BinanceSymbolFilter } from './messages.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api (Exchange information) and
 * .../filters: PRICE_FILTER.tickSize is the price increment, LOT_SIZE.stepSize the quantity
 * increment, both decimal text kept exactly as published ("0.00010000"); the registry
 * canonicalises them. Only `status: TRADING` symbols are returned. Symbols whose assets are not
 * plain uppercase codes (the canonical form BASE-QUOTE needs them) or whose filters are missing
 * or zero cannot be represented and are left out rather than guessed at.
 */

/** Spot instrument definitions of an `/api/v3/exchangeInfo` body. */
export function parseSpotInstruments(body: string): InstrumentDefinition[] {
  const definitions: InstrumentDefinition[] = [];
  for (const symbol of binanceSymbolsOf(body)) {
    if (!isSpotSymbolInfo(symbol) || symbol.status !== 'TRADING') continue;
    if (!isAssetCode(symbol.baseAsset) || !isAssetCode(symbol.quoteAsset)) continue;
    const tickSize = binanceFilterValue(symbol.filters, 'PRICE_FILTER', 'tickSize');
    const lotSize = binanceFilterValue(symbol.filters, 'LOT_SIZE', 'stepSize');
    if (tickSize === undefined || lotSize === undefined) continue;
    // Levels can be finer than today's tick and lot (the recorded NKNUSDT depth snapshot holds 68
    // such levels, e.g. 0.25511 at tick 0.0001, 11979.3 at stepSize 1: orders from before a filter
    // change): the asset precisions raise the scales so such levels still parse exactly.
    const sizePrecision = Number.isInteger(symbol.baseAssetPrecision) ? symbol.baseAssetPrecision : null;
    const pricePrecision = Number.isInteger(symbol.quoteAssetPrecision) ? symbol.quoteAssetPrecision : null;
    definitions.push({ venue: 'binance', kind: 'spot', base: symbol.baseAsset, quote: symbol.quoteAsset, native: symbol.symbol, tickSize, lotSize, sizePrecision, pricePrecision });
  }
  return definitions;
}

/** The `symbols` array of an exchangeInfo body (spot or futures); ZVT_ERR_BINANCE_RESPONSE otherwise. */
export function binanceSymbolsOf(body: string): unknown[] {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new ZvtError(ZVT_ERR_BINANCE_RESPONSE, `exchangeInfo body is not JSON: ${body.slice(0, 200)}`);
  }
  const symbols = typeof message === 'object' && message !== null ? (message as { symbols?: unknown }).symbols : undefined;
  if (!Array.isArray(symbols)) throw new ZvtError(ZVT_ERR_BINANCE_RESPONSE, `exchangeInfo body has no symbols array: ${body.slice(0, 200)}`);
  return symbols as unknown[];
}

/** A positive decimal field of the first filter of `filterType`, as published; undefined when absent or zero. */
export function binanceFilterValue(filters: readonly BinanceSymbolFilter[], filterType: string, field: 'tickSize' | 'stepSize'): string | undefined {
  const filter = filters.find((candidate) => candidate.filterType === filterType);
  const value = filter?.[field];
  // "0.00000000" disables a filter on Binance; no increment can be derived from it.
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) && /[1-9]/.test(value) ? value : undefined;
}

function isSpotSymbolInfo(value: unknown): value is BinanceSpotSymbolInfo {
  if (typeof value !== 'object' || value === null) return false;
  const symbol = value as Record<string, unknown>;
  return (
    typeof symbol.symbol === 'string' &&
    typeof symbol.status === 'string' &&
    typeof symbol.baseAsset === 'string' &&
    typeof symbol.quoteAsset === 'string' &&
    Array.isArray(symbol.filters) &&
    (symbol.filters as unknown[]).every((filter) => typeof filter === 'object' && filter !== null && typeof (filter as Record<string, unknown>).filterType === 'string')
  );
}
