// Stable error codes of src/platform: operators and scripts match on these, never on message text.

/** uWebSockets.js loaded its slow pure-JS fallback instead of the native binary; the gateway refuses to run on it. */
export const ZVT_ERR_UWS_NATIVE_MISSING = 'ZVT_ERR_UWS_NATIVE_MISSING';
