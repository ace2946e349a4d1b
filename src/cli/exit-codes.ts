// Process exit codes of the `zvt` command, so scripts can tell "you called it wrong" from "it failed".

export const EXIT_OK = 0;
/** A command ran and failed (or the engine hit a bug). */
export const EXIT_FAILURE = 1;
/** Usage or startup refusal: unknown command, bad option value, invalid configuration, no native uWS. */
export const EXIT_USAGE = 2;
