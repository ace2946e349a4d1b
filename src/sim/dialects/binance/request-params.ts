// The parameters of one Binance REST request: query string and form body merged as Binance documents, read with Binance's validation errors.
import type { SimHttpRequest, SimHttpResponse } from '../../server/sim-dialect.js';
import { BinanceErrors, DECIMAL_PARAMETER_RANGE, INTEGER_PARAMETER_RANGE, SYMBOL_PARAMETER_RANGE } from './errors.js';

/*
 * "General Information on Endpoints" (rest-api.md):
 *   - GET parameters come in the query string; POST, PUT and DELETE may use the query string, an
 *     application/x-www-form-urlencoded body, or both;
 *   - a parameter sent in both the query string and the body: the query string's value is used;
 *   - the same parameter twice within one part: -1101 "Duplicate values for a parameter detected.".
 *
 * A request the handler must refuse is refused by throwing BinanceRequestRejected with the answer;
 * the dialect's router (routes.ts) catches it and sends the answer. This keeps each handler a
 * straight list of "read this, check that" in Binance's own order of checks, and the throw never
 * leaves the dialect.
 */

/** A request refused with a Binance error answer; thrown inside handlers, caught by the router. */
export class BinanceRequestRejected extends Error {
  constructor(readonly response: SimHttpResponse) {
    super(`binance request rejected: ${JSON.stringify(response.body)}`);
    this.name = 'BinanceRequestRejected';
  }
}

/** Throws the answer: `reject(BinanceErrors.invalidSymbol())`. */
export function reject(response: SimHttpResponse): never {
  throw new BinanceRequestRejected(response);
}

const DECIMAL_PATTERN = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const INTEGER_PATTERN = /^[0-9]{1,20}$/;
const SYMBOL_PATTERN = /^[A-Z0-9\-_.]{1,20}$/;

export class BinanceParams {
  private readonly values = new Map<string, string>();

  private constructor() {}

  /** The request's parameters; -1101 when a part repeats a name. */
  static of(request: SimHttpRequest): BinanceParams {
    const params = new BinanceParams();
    // The body counts only for methods that may carry parameters in it.
    const bodyParts = request.method === 'GET' ? [] : [request.body];
    // The query string first: its values win over the body's.
    for (const part of [request.rawQuery, ...bodyParts]) {
      const seen = new Set<string>();
      for (const [name, value] of new URLSearchParams(part)) {
        if (seen.has(name)) reject(BinanceErrors.duplicateParameter());
        seen.add(name);
        if (!params.values.has(name)) params.values.set(name, value);
      }
    }
    return params;
  }

  /** Names sent, in order. */
  names(): string[] {
    return [...this.values.keys()];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The raw value, or undefined when not sent. */
  raw(name: string): string | undefined {
    return this.values.get(name);
  }

  /**
   * -1104 when parameters were sent that the endpoint does not take ("Not all sent parameters were
   * read"): `accepted` lists every parameter of the endpoint, signing ones included.
   */
  acceptOnly(accepted: readonly string[]): void {
    const sent = this.values.size;
    let read = 0;
    for (const name of this.values.keys()) if (accepted.includes(name)) read++;
    if (read !== sent) reject(BinanceErrors.unreadParameters(read, sent));
  }

  /** A mandatory text parameter: -1102 when absent or empty. */
  requiredText(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === '') reject(BinanceErrors.mandatoryParameter(name));
    return value;
  }

  /** An optional text parameter; an empty value counts as not sent. */
  optionalText(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  /** `symbol`: -1102 when absent, -1100 when not Binance's symbol alphabet. */
  requiredSymbol(name = 'symbol'): string {
    const value = this.requiredText(name);
    if (!SYMBOL_PATTERN.test(value)) reject(BinanceErrors.illegalCharacters(name, SYMBOL_PARAMETER_RANGE));
    return value;
  }

  optionalSymbol(name = 'symbol'): string | undefined {
    const value = this.optionalText(name);
    if (value !== undefined && !SYMBOL_PATTERN.test(value)) reject(BinanceErrors.illegalCharacters(name, SYMBOL_PARAMETER_RANGE));
    return value;
  }

  /** A non-negative integer (LONG/INT): -1100 when not digits, -1102 when mandatory and absent. */
  requiredInteger(name: string): number {
    return this.integerOf(name, this.requiredText(name));
  }

  optionalInteger(name: string): number | undefined {
    const value = this.optionalText(name);
    return value === undefined ? undefined : this.integerOf(name, value);
  }

  /** A decimal (DECIMAL) as sent, checked against Binance's pattern; -1100 otherwise. */
  requiredDecimal(name: string): string {
    return this.decimalOf(name, this.requiredText(name));
  }

  optionalDecimal(name: string): string | undefined {
    const value = this.optionalText(name);
    return value === undefined ? undefined : this.decimalOf(name, value);
  }

  private integerOf(name: string, value: string): number {
    if (!INTEGER_PATTERN.test(value)) reject(BinanceErrors.illegalCharacters(name, INTEGER_PARAMETER_RANGE));
    const parsed = Number(value);
    // Twenty digits pass the pattern but not a safe integer: Binance calls that an overflow.
    if (!Number.isSafeInteger(parsed)) reject(BinanceErrors.invalidParameter(name));
    return parsed;
  }

  private decimalOf(name: string, value: string): string {
    if (!DECIMAL_PATTERN.test(value)) reject(BinanceErrors.illegalCharacters(name, DECIMAL_PARAMETER_RANGE));
    return value;
  }
}
