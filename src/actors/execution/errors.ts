// Stable error codes of the live execution path (src/actors/execution): operators and tests match on these, never on message text.

/** The venue has no live execution dialect, or the handler's options are wrong (unknown symbol, no market rules, bad interval). */
export const ZVT_ERR_EXECUTION_OPTIONS = 'ZVT_ERR_EXECUTION_OPTIONS';
/** The venue answered something the execution dialect cannot read (a field missing or not decimal text). */
export const ZVT_ERR_EXECUTION_RESPONSE = 'ZVT_ERR_EXECUTION_RESPONSE';
/** A trading credential's environment variable (venues.<venue>.trading.*Env) is unset or empty. */
export const ZVT_ERR_EXECUTION_CREDENTIALS = 'ZVT_ERR_EXECUTION_CREDENTIALS';
