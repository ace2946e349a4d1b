// One fill as GET /api/v3/brokerage/orders/historical/fills returns it.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimFill } from '../../../matching/matching-types.js';
import { portfolioId, userId } from '../shared/account-ids.js';
import { goRfc3339 } from '../wire/go-time.js';
import { coinbaseUuid } from '../wire/order-ids.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/list-fills:
 * {"entry_id","trade_id","order_id","trade_time","trade_type":"FILL","price","size","commission",
 * "product_id","sequence_timestamp","liquidity_indicator":"MAKER"|"TAKER","size_in_quote",
 * "user_id","side","retail_portfolio_id"}. trade_id is the public trade the fill printed as (the
 * same id the market_trades channel shows); entry_id is the fill's own UUID.
 */

export function fillView(exchange: SimExchange, listing: SimListing, fill: SimFill): Record<string, unknown> {
  const instrument = listing.instrument;
  return {
    entry_id: coinbaseUuid('fill', fill.fillId),
    trade_id: String(fill.tradeId),
    order_id: coinbaseUuid('order', fill.orderId),
    trade_time: goRfc3339(fill.tsMs),
    trade_type: 'FILL',
    price: priceText(instrument, fill.priceTicks),
    size: sizeText(instrument, fill.sizeLots),
    commission: fill.fee,
    product_id: listing.native,
    sequence_timestamp: goRfc3339(fill.tsMs),
    liquidity_indicator: fill.liquidity === 'maker' ? 'MAKER' : 'TAKER',
    size_in_quote: false,
    user_id: userId(exchange.accounts, fill.accountId),
    side: fill.side === 'buy' ? 'BUY' : 'SELL',
    retail_portfolio_id: portfolioId(exchange.accounts, fill.accountId),
  };
}
