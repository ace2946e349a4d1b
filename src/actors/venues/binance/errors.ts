// Error codes of the Binance adapters (spot and USDⓈ-M futures).

/** A REST body (depth snapshot, exchangeInfo) does not have the documented shape. */
export const ZVT_ERR_BINANCE_RESPONSE = 'ZVT_ERR_BINANCE_RESPONSE';
