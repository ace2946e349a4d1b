// OKX GET /api/v5/public/instruments → InstrumentDefinition[] for live SPOT, SWAP and FUTURES instruments (cold path).

import { decimalsOf, formatDecimalBig, parseDecimalBig } from '../../../model/fixed-point.js';
import type { InstrumentDefinition } from '../../../model/instrument.js';
import type { InstrumentKind } from '../../../model/instrument-kind.js';
import { isAssetCode } from '../../../model/symbol.js';
import { isZvtError } from '../../../model/errors.js';
import { okxInstrumentsError } from './errors.js';
import { OKX_URLS } from './urls.js';

/*
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments
 *
 * - Only `state: "live"` instruments are returned (not preopen, suspend or test pairs).
 * - SPOT: base and quote are baseCcy and quoteCcy; sizes are in the base currency, so no
 *   contract size is given (the registry's spot default "1" is the truth here).
 * - SWAP (perpetual) and FUTURES (dated): baseCcy/quoteCcy are empty for derivatives, so base and
 *   quote come from instFamily (`BTC-USDT`; uly when instFamily is empty), settle is settleCcy,
 *   and the contract size is ctVal × ctMult, exactly, in ctValCcy. For a linear contract ctValCcy
 *   is the base (BTC-USDT-SWAP: 0.01 BTC); for an inverse one it is the quote (BTC-USD-SWAP: 100
 *   USD) — InstrumentDefinition has no field for that currency, see docs/venues/okx.md.
 * - FUTURES expiry is the UTC date of expTime (the delivery time, 08:00 UTC).
 * - Live instruments whose asset codes cannot form a canonical symbol (DESIGN §3: uppercase
 *   letters and digits) are left out rather than failing the whole list; a response that is not
 *   the documented shape, or a live entry missing a field the mapping needs, throws
 *   ZVT_ERR_OKX_INSTRUMENTS_RESPONSE.
 */

const INSTRUMENT_TYPE_BY_KIND: Readonly<Record<InstrumentKind, string>> = { spot: 'SPOT', perpetual: 'SWAP', future: 'FUTURES' };
const KIND_BY_INSTRUMENT_TYPE: ReadonlyMap<string, InstrumentKind> = new Map([
  ['SPOT', 'spot'],
  ['SWAP', 'perpetual'],
  ['FUTURES', 'future'],
]);
const DIGITS_ONLY = /^[0-9]+$/;

type JsonRecord = Record<string, unknown>;

/** The REST paths (with query) that list the instruments of these kinds, one per OKX instType. */
export function okxInstrumentRequests(kinds: readonly InstrumentKind[]): string[] {
  const types = new Set(kinds.map((kind) => INSTRUMENT_TYPE_BY_KIND[kind]));
  return [...types].map((type) => `${OKX_URLS.instrumentsPath}?instType=${type}`);
}

/** Instrument definitions from one instruments response body. */
export function parseOkxInstruments(body: string): InstrumentDefinition[] {
  let response: unknown;
  try {
    response = JSON.parse(body);
  } catch {
    throw okxInstrumentsError(`OKX instruments response is not JSON: ${body.slice(0, 200)}`);
  }
  if (!isRecord(response)) throw okxInstrumentsError('OKX instruments response is not a JSON object');
  if (response.code !== '0') {
    throw okxInstrumentsError(`OKX instruments request failed with code ${String(response.code)}: ${String(response.msg)}`, {
      code: response.code,
      msg: response.msg,
    });
  }
  if (!Array.isArray(response.data)) throw okxInstrumentsError('OKX instruments response has no data array');
  const definitions: InstrumentDefinition[] = [];
  for (const entry of response.data) {
    if (!isRecord(entry)) throw okxInstrumentsError('OKX instruments response has a data element that is not an object');
    const kind = typeof entry.instType === 'string' ? KIND_BY_INSTRUMENT_TYPE.get(entry.instType) : undefined;
    if (kind === undefined || entry.state !== 'live') continue;
    const definition = kind === 'spot' ? spotDefinition(entry) : derivativeDefinition(entry, kind);
    if (definition !== null) definitions.push(definition);
  }
  return definitions;
}

function spotDefinition(entry: JsonRecord): InstrumentDefinition | null {
  const native = requiredText(entry, 'instId', '?');
  const base = requiredText(entry, 'baseCcy', native);
  const quote = requiredText(entry, 'quoteCcy', native);
  if (!isAssetCode(base) || !isAssetCode(quote)) return null;
  return {
    venue: 'okx',
    kind: 'spot',
    base,
    quote,
    native,
    tickSize: requiredText(entry, 'tickSz', native),
    lotSize: requiredText(entry, 'lotSz', native),
  };
}

function derivativeDefinition(entry: JsonRecord, kind: InstrumentKind): InstrumentDefinition | null {
  const native = requiredText(entry, 'instId', '?');
  const family = optionalText(entry, 'instFamily') ?? optionalText(entry, 'uly');
  const parts = family?.split('-');
  if (parts?.length !== 2) throw okxInstrumentsError(`OKX ${native}: instFamily/uly ${JSON.stringify(family)} is not BASE-QUOTE`, { native });
  const [base, quote] = parts as [string, string];
  const settle = requiredText(entry, 'settleCcy', native);
  if (!isAssetCode(base) || !isAssetCode(quote) || !isAssetCode(settle)) return null;
  const definition: InstrumentDefinition = {
    venue: 'okx',
    kind,
    base,
    quote,
    settle,
    native,
    tickSize: requiredText(entry, 'tickSz', native),
    lotSize: requiredText(entry, 'lotSz', native),
    contractSize: multiplyDecimalText(requiredText(entry, 'ctVal', native), requiredText(entry, 'ctMult', native), native),
  };
  if (kind === 'future') {
    const expiryTime = requiredText(entry, 'expTime', native);
    const milliseconds = Number(expiryTime);
    if (!DIGITS_ONLY.test(expiryTime) || !Number.isSafeInteger(milliseconds)) {
      throw okxInstrumentsError(`OKX ${native}: expTime ${JSON.stringify(expiryTime)} is not epoch milliseconds`, { native });
    }
    definition.expiry = new Date(milliseconds).toISOString().slice(0, 10);
  }
  return definition;
}

/** `left × right` as exact decimal text ("0.01" × "1" → "0.01"). */
function multiplyDecimalText(left: string, right: string, native: string): string {
  try {
    const leftDecimals = decimalsOf(left);
    const rightDecimals = decimalsOf(right);
    return formatDecimalBig(parseDecimalBig(left, leftDecimals) * parseDecimalBig(right, rightDecimals), leftDecimals + rightDecimals);
  } catch (error) {
    if (!isZvtError(error)) throw error;
    throw okxInstrumentsError(`OKX ${native}: ctVal ${JSON.stringify(left)} × ctMult ${JSON.stringify(right)} is not a decimal product (${error.message})`, { native });
  }
}

function optionalText(entry: JsonRecord, field: string): string | undefined {
  const value = entry[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function requiredText(entry: JsonRecord, field: string, native: string): string {
  const value = optionalText(entry, field);
  if (value === undefined) throw okxInstrumentsError(`OKX ${native}: live instrument without ${field}`, { native, field });
  return value;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
