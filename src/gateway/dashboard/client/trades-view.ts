// Recent trades of the selected instrument (for a consolidated selection: of every venue instrument of its canonical), newest first.
import type { AggressorName } from '../../feed/feed-decoder.js';
import { element } from './dom.js';
import { displayDecimals, formatShown, formatTrimmed } from './fixed-point-text.js';

export interface TradeLine {
  readonly instrument: string;
  readonly price: bigint;
  readonly size: bigint;
  readonly aggressor: AggressorName;
  readonly tradeId: string;
  readonly tsEventNs: bigint;
  readonly tsRecvNs: bigint;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

/** Trades kept and shown. */
export const MAX_TRADES = 60;

export function renderTrades(body: HTMLTableSectionElement, trades: readonly TradeLine[]): void {
  // One canonical's trades share its scale; show as many digits as the most precise price needs.
  const shown = displayDecimals(trades.map((trade) => trade.price), trades[0]?.priceDecimals ?? 0);
  body.replaceChildren(
    ...trades.map((trade) =>
      element('tr', { className: `trade trade-${trade.aggressor}`, data: { tradeId: trade.tradeId } }, [
        element('td', { className: 'time', text: clockText(trade.tsEventNs === 0n ? trade.tsRecvNs : trade.tsEventNs), title: trade.tsEventNs === 0n ? 'engine receive time (the venue sent none)' : 'venue time' }),
        element('td', { text: trade.instrument.slice(0, trade.instrument.indexOf(':')) }),
        element('td', { className: `side side-${trade.aggressor}`, text: trade.aggressor }),
        element('td', { className: 'num', text: formatShown(trade.price, trade.priceDecimals, Math.min(shown, trade.priceDecimals)) }),
        element('td', { className: 'num size', text: formatTrimmed(trade.size, trade.sizeDecimals) }),
      ]),
    ),
  );
}

/** HH:MM:SS.mmm UTC of an epoch-ns time. */
export function clockText(epochNs: bigint): string {
  const ms = Number(epochNs / 1_000_000n);
  return new Date(ms).toISOString().slice(11, 23);
}
