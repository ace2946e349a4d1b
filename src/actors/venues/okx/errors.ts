// Stable error codes of the OKX adapter (cold paths only: instrument loading, contract misuse).
import { ZvtError } from '../../../model/errors.js';

/** The instruments REST response is not what the documentation describes (bad JSON, code != "0", a live entry missing a field). */
export const ZVT_ERR_OKX_INSTRUMENTS_RESPONSE = 'ZVT_ERR_OKX_INSTRUMENTS_RESPONSE';
/** The shared feed called something OKX never needs (a REST depth snapshot): a wiring bug, not a venue problem. */
export const ZVT_ERR_OKX_UNSUPPORTED = 'ZVT_ERR_OKX_UNSUPPORTED';

export function okxInstrumentsError(message: string, details?: Record<string, unknown>): ZvtError {
  return new ZvtError(ZVT_ERR_OKX_INSTRUMENTS_RESPONSE, message, details);
}
