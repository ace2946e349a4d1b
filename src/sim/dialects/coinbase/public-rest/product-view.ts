// One product as Coinbase's products endpoints list it, from a listing, its last price and its 24 h statistics.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import { assetName } from '../shared/asset-names.js';
import type { RecentTrades } from '../shared/recent-trades.js';
import type { TickerStats } from '../shared/ticker-stats.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * Every field of a product in the recorded GET /api/v3/brokerage/market/products answer, in its
 * order. Where the simulator has the figure it is computed: price (last trade), 24 h change, volume
 * and its change, high/low, approximate quote volume; increments and minimums from the instrument
 * (base_increment = lot, price_increment = quote_increment = tick, base_min_size = minimum size,
 * quote_min_size = minimum notional). The simulator has no maximum order size, so base_max_size and
 * quote_max_size are generous fixed bounds (quote 150000000 as on every recorded USD product; base
 * that much at the initial price). Descriptive fields Coinbase leaves empty in the public list
 * (best_bid_price, mid_market_price, market_cap, icons, cbrn ids) stay empty; new_at is the market
 * model's origin. Every simulated product trades normally: online, nothing disabled, no alias.
 */

const QUOTE_MAX_SIZE = 150_000_000;

export function productView(exchange: SimExchange, listing: SimListing, recentTrades: RecentTrades, tickerStats: TickerStats): Record<string, unknown> {
  const instrument = listing.instrument;
  const nowMs = exchange.nowMs();
  const history = exchange.history(listing.native);
  const lastTicks = recentTrades.last(listing.native, nowMs)?.priceTicks ?? Math.round(history.midTicks(nowMs));
  const stats = tickerStats.of(listing.native, instrument, nowMs, lastTicks);
  return {
    product_id: listing.native,
    price: priceText(instrument, lastTicks),
    price_percentage_change_24h: stats.percentChange24h,
    volume_24h: stats.volume24h,
    volume_percentage_change_24h: stats.volumePercentChange24h,
    base_increment: instrument.lotSize,
    quote_increment: instrument.tickSize,
    quote_min_size: instrument.minNotional,
    quote_max_size: String(QUOTE_MAX_SIZE),
    base_min_size: sizeText(instrument, instrument.minSizeLots),
    base_max_size: baseMaxSize(listing),
    base_name: assetName(instrument.base),
    quote_name: assetName(instrument.quote),
    watched: false,
    is_disabled: false,
    new: false,
    status: 'online',
    cancel_only: false,
    limit_only: false,
    post_only: false,
    trading_disabled: false,
    auction_mode: false,
    product_type: 'SPOT',
    quote_currency_id: instrument.quote,
    base_currency_id: instrument.base,
    fcm_trading_session_details: null,
    mid_market_price: '',
    alias: '',
    alias_to: [],
    base_display_symbol: instrument.base,
    quote_display_symbol: instrument.quote,
    view_only: false,
    price_increment: instrument.tickSize,
    display_name: listing.native,
    product_venue: 'CBE',
    approximate_quote_24h_volume: truncateDecimals(stats.quoteVolume24h, 2),
    new_at: goRfc3339(history.originMs),
    market_cap: '',
    base_cbrn: '',
    quote_cbrn: '',
    product_cbrn: '',
    icon_color: '',
    icon_url: '',
    display_name_overwrite: '',
    is_alpha_testing: false,
    about_description: '',
    best_bid_price: '',
    best_ask_price: '',
    high_24h: stats.high24h,
    low_24h: stats.low24h,
  };
}

/** QUOTE_MAX_SIZE worth of base at the instrument's initial price, whole units. */
function baseMaxSize(listing: SimListing): string {
  const initial = listing.instrument.initialPrice;
  const whole = initial.includes('.') ? initial.slice(0, initial.indexOf('.')) : initial;
  const units = Math.max(1, Math.floor(QUOTE_MAX_SIZE / Math.max(1, Number.parseInt(whole, 10))));
  return String(units);
}

/** "186637571.2534" → "186637571.25" (recorded: approximate_quote_24h_volume has cents). */
function truncateDecimals(text: string, decimals: number): string {
  const point = text.indexOf('.');
  if (point < 0) return text;
  const cut = text.slice(0, point + 1 + decimals).replace(/0+$/, '').replace(/\.$/, '');
  return cut === '' ? '0' : cut;
}
