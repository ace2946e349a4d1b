// The Coinbase App v2 public endpoints ccxt reads while loading markets: /v2/time, /v2/currencies, /v2/currencies/crypto, /v2/exchange-rates.
import { formatDecimalBig, parseDecimalBig } from '../../../../model/fixed-point.js';
import { priceText } from '../../../market/sim-instrument.js';
import { assetName, isFiat } from '../shared/asset-names.js';
import type { CoinbaseRestContext, CoinbaseRestHandler } from '../shared/rest-context.js';
import { coinbaseUuid } from '../wire/order-ids.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * ccxt's coinbase loadMarkets calls fetchCurrencies, which reads these three (same host as Advanced
 * Trade, https://docs.cdp.coinbase.com/coinbase-app/track-apis/currencies and .../exchange-rates);
 * fetchTime reads /v2/time. Shapes: {"data":[{"id","name","min_size"}]} for fiat,
 * {"data":[{"asset_id","code","name","color","sort_index","exponent","type":"crypto","address_regex"}]}
 * for crypto, {"data":{"currency":"USD","rates":{"BTC":"0.0000153...",...}}} with rates as text,
 * {"data":{"iso","epoch"}} for time. The simulator lists the assets of its listings; a rate is
 * 1 / the last price of <asset>-<currency>, to RATE_DECIMALS digits, for assets listed against it.
 */

const RATE_DECIMALS = 16;

export const appTime: CoinbaseRestHandler = (_request, _params, context) => {
  const seconds = Math.floor(context.exchange.nowMs() / 1000);
  return { status: 200, body: { data: { iso: goRfc3339(seconds * 1000), epoch: seconds } } };
};

export const appFiatCurrencies: CoinbaseRestHandler = (_request, _params, context) => {
  const data = assetsOf(context)
    .filter(isFiat)
    .map((code) => ({ id: code, name: assetName(code), min_size: '0.01' }));
  return { status: 200, body: { data } };
};

export const appCryptoCurrencies: CoinbaseRestHandler = (_request, _params, context) => {
  const data = assetsOf(context)
    .filter((code) => !isFiat(code))
    .map((code, index) => ({
      asset_id: coinbaseUuid('asset', index + 1),
      code,
      name: assetName(code),
      color: '#0052FF',
      sort_index: (index + 1) * 10,
      exponent: 8,
      type: 'crypto',
      address_regex: '',
    }));
  return { status: 200, body: { data } };
};

export const appExchangeRates: CoinbaseRestHandler = (request, _params, context) => {
  const currency = (request.query.get('currency') ?? 'USD').toUpperCase();
  const rates: Record<string, string> = { [currency]: '1' };
  const nowMs = context.exchange.nowMs();
  for (const listing of context.exchange.listings) {
    const instrument = listing.instrument;
    if (instrument.kind !== 'spot' || instrument.quote !== currency) continue;
    const last = context.recentTrades.last(listing.native, nowMs);
    if (last === null || last.priceTicks <= 0) continue;
    const price = parseDecimalBig(priceText(instrument, last.priceTicks), instrument.priceDecimals);
    const scaled = 10n ** BigInt(RATE_DECIMALS + instrument.priceDecimals) / price;
    rates[instrument.base] = formatDecimalBig(scaled, RATE_DECIMALS);
  }
  return { status: 200, body: { data: { currency, rates } } };
};

/** Every asset of the listings, sorted. */
function assetsOf(context: CoinbaseRestContext): string[] {
  const codes = new Set<string>();
  for (const listing of context.exchange.listings) {
    codes.add(listing.instrument.base);
    codes.add(listing.instrument.quote);
  }
  return [...codes].sort();
}
