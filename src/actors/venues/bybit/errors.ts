// Error codes of the Bybit venue adapter.

/** An instruments-info response that is not a successful, well-formed answer (retCode ≠ 0, missing list ...). */
export const ZVT_ERR_BYBIT_INSTRUMENTS = 'ZVT_ERR_BYBIT_INSTRUMENTS';
/** Instruments the Bybit connection plan cannot carry (another venue's, or topics past the per-connection limit). */
export const ZVT_ERR_BYBIT_PLAN = 'ZVT_ERR_BYBIT_PLAN';
