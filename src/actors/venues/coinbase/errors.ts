// Error codes of the Coinbase adapter (cold paths only: instrument lists, contract misuse).

/** The REST products response is not the documented `{ "products": [...] }` shape. */
export const ZVT_ERR_COINBASE_PRODUCTS = 'ZVT_ERR_COINBASE_PRODUCTS';
/** The dialect was asked about something outside its venue (another venue's instrument, an unknown REST path). */
export const ZVT_ERR_COINBASE_ARGUMENT = 'ZVT_ERR_COINBASE_ARGUMENT';
