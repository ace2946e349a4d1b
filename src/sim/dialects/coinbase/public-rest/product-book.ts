// GET /api/v3/brokerage/market/product_book (and /product_book): a product's book now, with last price, mid and spread.
import { formatDecimalBig } from '../../../../model/fixed-point.js';
import { instrumentScales, priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimInstrument, SimLevel } from '../../../market/sim-market-types.js';
import { invalidArgument, notFound } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product-book
 * Query: product_id (required), limit (levels per side; absent: the whole book).
 * Answer: {"pricebook":{"product_id","bids":[{"price","size"}],"asks":[...],"time"},"last",
 * "mid_market","spread_bps","spread_absolute"}. The book carries no sequence number, so it cannot
 * be joined with the level2 stream (the engine never uses it to sync, docs/venues/coinbase.md);
 * it is the same book the stream describes at the moment of the request.
 */

/** Fraction digits of spread_bps. */
const BPS_DECIMALS = 8;

export const productBook: CoinbaseRestHandler = (request, _params, context) => {
  const productId = request.query.get('product_id');
  if (productId === null || productId === '') return invalidArgument('product_id is required');
  const listing = context.exchange.listing(productId);
  if (listing === undefined) return notFound('ProductID is invalid');
  const limitText = request.query.get('limit');
  let depth = 1_000_000;
  if (limitText !== null && limitText !== '') {
    if (!/^\d{1,9}$/.test(limitText)) return invalidArgument('limit must be a non-negative integer');
    if (Number(limitText) > 0) depth = Number(limitText);
  }
  const instrument = listing.instrument;
  const snapshot = context.exchange.snapshot(productId, depth);
  const nowMs = context.exchange.nowMs();
  const last = context.recentTrades.last(productId, nowMs);
  const bid = snapshot.bids[0];
  const ask = snapshot.asks[0];
  return {
    status: 200,
    body: {
      pricebook: {
        product_id: productId,
        bids: levelsOf(instrument, snapshot.bids),
        asks: levelsOf(instrument, snapshot.asks),
        time: goRfc3339(snapshot.tsMs),
      },
      last: last === null ? '' : priceText(instrument, last.priceTicks),
      mid_market: bid === undefined || ask === undefined ? '' : midText(instrument, bid.priceTicks, ask.priceTicks),
      spread_bps: bid === undefined || ask === undefined ? '' : spreadBps(bid.priceTicks, ask.priceTicks),
      spread_absolute: bid === undefined || ask === undefined ? '' : priceText(instrument, ask.priceTicks - bid.priceTicks),
    },
  };
};

function levelsOf(instrument: SimInstrument, levels: readonly SimLevel[]): { price: string; size: string }[] {
  return levels.map((level) => ({ price: priceText(instrument, level.priceTicks), size: sizeText(instrument, level.sizeLots) }));
}

/** (bid + ask) / 2, exact: one more fraction digit when the sum is odd. */
function midText(instrument: SimInstrument, bidTicks: number, askTicks: number): string {
  const sum = BigInt(bidTicks + askTicks) * BigInt(instrumentScales(instrument).tickMantissa) * 5n;
  return formatDecimalBig(sum, instrument.priceDecimals + 1);
}

/** (ask − bid) / mid × 10 000, truncated to BPS_DECIMALS digits. */
function spreadBps(bidTicks: number, askTicks: number): string {
  const scaled = (BigInt(askTicks - bidTicks) * 20_000n * 10n ** BigInt(BPS_DECIMALS)) / BigInt(bidTicks + askTicks);
  return formatDecimalBig(scaled, BPS_DECIMALS);
}

/**
 * GET /api/v3/brokerage/best_bid_ask?product_ids=..: {"pricebooks":[{"product_id","bids":[{"price",
 * "size"}],"asks":[...],"time"}]}, the top level of each product (every product when none is named;
 * unknown ones are skipped).
 */
export const bestBidAsk: CoinbaseRestHandler = (request, _params, context) => {
  const wanted = request.query.getAll('product_ids').filter((product) => product !== '');
  const listings = wanted.length === 0 ? context.exchange.listings : context.exchange.listings.filter((listing) => wanted.includes(listing.native));
  const pricebooks = listings.map((listing) => {
    const snapshot = context.exchange.snapshot(listing.native, 1);
    return {
      product_id: listing.native,
      bids: levelsOf(listing.instrument, snapshot.bids),
      asks: levelsOf(listing.instrument, snapshot.asks),
      time: goRfc3339(snapshot.tsMs),
    };
  });
  return { status: 200, body: { pricebooks } };
};
