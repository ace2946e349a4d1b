// GET /sapi/v1/margin/allPairs and /sapi/v1/margin/isolated/allPairs: no margin pairs (the simulator is spot only).
import { authenticateApiKey, authenticateSigned, SIGNED_PARAMETERS } from '../auth/authenticate.js';
import type { BinanceHandler } from '../binance-context.js';

/*
 * https://developers.binance.com/docs/margin_trading/market-data (Get All Cross Margin Pairs,
 * MARKET_DATA: API key) and .../Get-All-Isolated-Margin-Symbol (USER_DATA: signed). ccxt asks
 * both while loading markets with API keys (options.fetchMargins, on by default). Every simulated
 * symbol has isMarginTradingAllowed false, so both lists are empty: the truthful answer.
 */

export const crossMarginPairs: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', ...SIGNED_PARAMETERS]);
  authenticateApiKey(request, context.exchange);
  return { status: 200, body: [] };
};

export const isolatedMarginPairs: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', ...SIGNED_PARAMETERS]);
  authenticateSigned(request, params, context.exchange);
  return { status: 200, body: [] };
};
