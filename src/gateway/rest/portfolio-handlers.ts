// Positions and portfolio of the signing key's account: the OrderJournal's ledger marked at book mids, PnL totals per quote asset, fees, balances.
import { DISPLAY_DECIMALS, midPrice, positionText, type PositionText } from './position-ledger.js';
import { add, formatRational, parseRational, ZERO, type Rational } from './rational.js';
import { json, type RestHandler } from './rest-call.js';
import type { RestContext } from './rest-context.js';
import type { OrderJournal } from './order-journal.js';

export interface PortfolioHandlers {
  listPositions: RestHandler;
  getPortfolio: RestHandler;
}

export function portfolioHandlers(context: RestContext, journal: OrderJournal): PortfolioHandlers {
  /** Mid of `<orderVenue>:<symbol>`, else of the consolidated `all:<symbol>`; null when neither has both sides. */
  const markOf = (symbol: string): Rational | null => {
    const venueBook = context.books.venueBook(`${context.orderVenue}:${symbol}`, 1);
    const venueBid = venueBook?.bids[0];
    const venueAsk = venueBook?.asks[0];
    if (venueBid !== undefined && venueAsk !== undefined) return midPrice(venueBid[0], venueAsk[0]);
    const consolidated = context.books.consolidatedBook(symbol, 1);
    const bid = consolidated?.bids[0];
    const ask = consolidated?.asks[0];
    return bid !== undefined && ask !== undefined ? midPrice(bid.price, ask.price) : null;
  };
  const positionsOf = (accountId: string): PositionText[] =>
    (journal.ledger(accountId)?.all() ?? []).map((position) => positionText(position, markOf(position.symbol)));

  return {
    listPositions: ({ key }) => json(200, { accountId: key!.accountId, positions: positionsOf(key!.accountId) }),

    getPortfolio: async ({ key }) => {
      const accountId = key!.accountId;
      const positions = positionsOf(accountId);
      const totals = new Map<string, { realized: Rational; unrealized: Rational }>();
      const fees = new Map<string, Rational>();
      for (const position of positions) {
        const total = totals.get(position.quoteAsset) ?? { realized: ZERO, unrealized: ZERO };
        total.realized = add(total.realized, parseRational(position.realizedPnl));
        if (position.unrealizedPnl !== null) total.unrealized = add(total.unrealized, parseRational(position.unrealizedPnl));
        totals.set(position.quoteAsset, total);
        for (const [asset, amount] of Object.entries(position.fees)) fees.set(asset, add(fees.get(asset) ?? ZERO, parseRational(amount)));
      }
      const balances = context.balances === undefined ? null : await context.balances.balances(accountId);
      return json(200, {
        accountId,
        positions,
        totals: [...totals].map(([quoteAsset, total]) => ({
          quoteAsset,
          realizedPnl: formatRational(total.realized, DISPLAY_DECIMALS),
          unrealizedPnl: formatRational(total.unrealized, DISPLAY_DECIMALS),
        })),
        fees: Object.fromEntries([...fees].map(([asset, amount]) => [asset, formatRational(amount, DISPLAY_DECIMALS)])),
        balances,
      });
    },
  };
}
