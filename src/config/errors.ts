// Stable error codes of src/config: operators and scripts match on these, never on message text.

/** The merged configuration (defaults < file < environment < flags) breaks one or more schema rules. */
export const ZVT_ERR_CONFIG_INVALID = 'ZVT_ERR_CONFIG_INVALID';
/** The configuration file could not be read, is not valid JSON, or does not hold a JSON object. */
export const ZVT_ERR_CONFIG_FILE = 'ZVT_ERR_CONFIG_FILE';
/** An API key's secret environment variable (gateway.apiKeys[].secretEnv) is unset, empty or shorter than 16 characters. */
export const ZVT_ERR_CONFIG_SECRET = 'ZVT_ERR_CONFIG_SECRET';
