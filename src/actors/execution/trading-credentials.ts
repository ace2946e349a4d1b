// Reads a venue's trading credentials from the environment variables its configuration names, and builds the ccxt client that trades with them.
import type { Exchange } from 'ccxt';
import type { VenueTradingConfig } from '../../config/trading-schema.js';
import { ZvtError } from '../../model/errors.js';
import { createBackfillExchange } from '../../store/backfill/ccxt-exchange.js';
import { ZVT_ERR_EXECUTION_CREDENTIALS, ZVT_ERR_EXECUTION_OPTIONS } from './errors.js';

export interface TradingCredentials {
  readonly apiKey: string;
  readonly secret: string;
  /** OKX's passphrase; '' where the venue has none. */
  readonly password: string;
}

/** Every variable named must be set and non-empty; one error lists all that are not (never their values). */
export function readTradingCredentials(venue: string, trading: VenueTradingConfig, env: Readonly<Record<string, string | undefined>> = process.env): TradingCredentials {
  const wanted: [string, string][] = [
    ['apiKeyEnv', trading.apiKeyEnv],
    ['secretEnv', trading.secretEnv],
  ];
  if (trading.passwordEnv !== undefined) wanted.push(['passwordEnv', trading.passwordEnv]);
  const missing = wanted.filter(([, name]) => (env[name] ?? '') === '');
  if (missing.length > 0) {
    throw new ZvtError(
      ZVT_ERR_EXECUTION_CREDENTIALS,
      `venues.${venue}.trading: ${missing.map(([key, name]) => `${key} names ${name}, which is unset or empty`).join('; ')}`,
    );
  }
  if (venue === 'okx' && trading.passwordEnv === undefined) {
    throw new ZvtError(ZVT_ERR_EXECUTION_CREDENTIALS, 'venues.okx.trading: passwordEnv is required (OKX API keys have a passphrase)');
  }
  return { apiKey: env[trading.apiKeyEnv]!, secret: env[trading.secretEnv]!, password: trading.passwordEnv === undefined ? '' : env[trading.passwordEnv]! };
}

const TRADING_VENUES = ['binance', 'okx', 'bybit', 'coinbase'] as const;

/**
 * A ccxt client with the account's credentials. With restUrl (the venue's configured restUrl:
 * a simulator), every REST call is confined to it, as backfill's clients are, so a test or
 * paper-trading configuration can never send an order to the real venue.
 */
export function createTradingExchange(venue: string, credentials: TradingCredentials, options: { restUrl?: string | undefined; timeoutMs?: number } = {}): Exchange {
  if (!(TRADING_VENUES as readonly string[]).includes(venue)) {
    throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, `${venue} has no live execution path yet (supported: ${TRADING_VENUES.join(', ')})`);
  }
  const exchange = createBackfillExchange(venue as (typeof TRADING_VENUES)[number], { restBaseUrl: options.restUrl, timeoutMs: options.timeoutMs ?? 10_000 });
  exchange.apiKey = credentials.apiKey;
  exchange.secret = credentials.secret;
  exchange.password = credentials.password;
  return exchange;
}
