// The zod schema of a venue's live-trading section (venues.<venue>.trading): which symbols to trade and the NAMES of the environment variables holding the credentials.
import * as z from 'zod';

/*
 * Secrets never live in the configuration file: only the names of the environment variables
 * that hold them (read once at startup by src/actors/execution/trading-credentials.ts). One rule
 * text per leaf, as in config-schema.ts.
 */

export const TRADING_RULES = {
  envName: 'must be the name of an environment variable (letters, digits, _; not starting with a digit)',
  symbols: 'must be a non-empty list of distinct canonical symbols such as "BTC-USDT"',
  pollIntervalMs: 'must be an integer between 100 and 60000',
} as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CANONICAL_SYMBOL = /^[A-Z0-9]+-[A-Z0-9]+$/;

const envName = z.string({ error: TRADING_RULES.envName }).regex(ENV_NAME, { error: TRADING_RULES.envName });

export const venueTradingSchema = z.strictObject({
  /** Environment variable holding the venue API key. */
  apiKeyEnv: envName,
  /** Environment variable holding the API secret. */
  secretEnv: envName,
  /** Environment variable holding the API passphrase (OKX); absent for venues without one. */
  passwordEnv: z.exactOptional(envName),
  /** Spot instruments orders may name, canonical. */
  symbols: z
    .array(z.string({ error: TRADING_RULES.symbols }).regex(CANONICAL_SYMBOL, { error: TRADING_RULES.symbols }), { error: TRADING_RULES.symbols })
    .min(1, { error: TRADING_RULES.symbols })
    .refine((symbols) => new Set(symbols).size === symbols.length, { error: TRADING_RULES.symbols }),
  /** How often working orders are polled for fills and venue cancels. */
  pollIntervalMs: z
    .number({ error: TRADING_RULES.pollIntervalMs })
    .refine((value) => Number.isSafeInteger(value) && value >= 100 && value <= 60_000, { error: TRADING_RULES.pollIntervalMs, abort: true })
    .default(1000),
});

/** One venue's trading section as the resolved configuration holds it. */
export type VenueTradingConfig = Readonly<Omit<z.output<typeof venueTradingSchema>, 'symbols'>> & { readonly symbols: readonly string[] };
