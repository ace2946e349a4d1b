// The instrument board: per canonical the consolidated BBO with the venues holding each side, then each venue instrument's status, BBO, spread and update age.
import { displayDecimals, formatShown, formatTrimmed, spreadBasisPoints } from './fixed-point-text.js';
import { element, formatAge } from './dom.js';
import type { CanonicalGroup, ConsolidatedQuote, VenueQuote } from './market-board.js';

export const BOARD_COLUMNS = ['instrument', 'status', 'bid size', 'bid', 'ask', 'ask size', 'spread', 'bps', 'age', 'at best'] as const;
/** Past this age (page clock) a quote is dimmed even if the feed still says synced. */
const QUIET_AFTER_MS = 10_000;

export function renderBoard(body: HTMLTableSectionElement, groups: readonly CanonicalGroup[], selected: string | null, nowMs: number, onSelect: (instrument: string) => void): void {
  const rows: HTMLTableRowElement[] = [];
  for (const group of groups) {
    if (group.consolidated !== null) rows.push(consolidatedRow(group, group.consolidated, selected, nowMs, onSelect));
    for (const quote of group.venues) rows.push(venueRow(group, quote, selected, nowMs, onSelect));
  }
  body.replaceChildren(...rows);
}

function venueRow(group: CanonicalGroup, quote: VenueQuote, selected: string | null, nowMs: number, onSelect: (instrument: string) => void): HTMLTableRowElement {
  const atBest = [group.bidHolders.includes(quote.instrument) ? 'bid' : '', group.askHolders.includes(quote.instrument) ? 'ask' : ''].filter((side) => side !== '').join(' + ');
  return row(
    quote.instrument,
    `venue${quote.instrument === selected ? ' selected' : ''}${quiet(quote.lastUpdateMs, nowMs) ? ' quiet' : ''}`,
    { instrument: quote.instrument, status: quote.status },
    [element('td', { className: `status status-${quote.status}`, text: quote.status })],
    quote,
    nowMs,
    atBest,
    onSelect,
  );
}

function consolidatedRow(group: CanonicalGroup, quote: ConsolidatedQuote, selected: string | null, nowMs: number, onSelect: (instrument: string) => void): HTMLTableRowElement {
  const venueOf = (instrument: string): string => instrument.slice(0, instrument.indexOf(':'));
  const crossed = quote.bid !== null && quote.ask !== null && quote.bid.price >= quote.ask.price;
  const atBest = `bid ${group.bidHolders.map(venueOf).join(', ') || '–'} · ask ${group.askHolders.map(venueOf).join(', ') || '–'}`;
  return row(
    quote.instrument,
    `consolidated${quote.instrument === selected ? ' selected' : ''}`,
    { instrument: quote.instrument, bidHolders: group.bidHolders.join(','), askHolders: group.askHolders.join(',') },
    [element('td', { className: crossed ? 'status status-crossed' : 'status', text: crossed ? 'crossed' : `${group.venues.length} venue${group.venues.length === 1 ? '' : 's'}`, title: crossed ? 'independent venues cross: an arbitrage, not an error' : '' })],
    quote,
    nowMs,
    atBest,
    onSelect,
  );
}

function row(
  instrument: string,
  className: string,
  data: Record<string, string>,
  statusCells: HTMLTableCellElement[],
  quote: VenueQuote | ConsolidatedQuote,
  nowMs: number,
  atBest: string,
  onSelect: (instrument: string) => void,
): HTMLTableRowElement {
  const { bid, ask, priceDecimals: price, sizeDecimals: size } = quote;
  const spread = bid !== null && ask !== null ? ask.price - bid.price : null;
  const shown = displayDecimals([bid?.price ?? 0n, ask?.price ?? 0n], price);
  const tr = element('tr', { className, data }, [
    element('td', { className: 'instrument', text: instrument }),
    ...statusCells,
    element('td', { className: 'num size', text: bid === null ? '–' : formatTrimmed(bid.size, size) }),
    element('td', { className: 'num bid', text: bid === null ? '–' : formatShown(bid.price, price, shown), data: { price: bid?.price.toString() ?? '' } }),
    element('td', { className: 'num ask', text: ask === null ? '–' : formatShown(ask.price, price, shown), data: { price: ask?.price.toString() ?? '' } }),
    element('td', { className: 'num size', text: ask === null ? '–' : formatTrimmed(ask.size, size) }),
    element('td', { className: 'num', text: spread === null ? '–' : formatShown(spread, price, shown) }),
    element('td', { className: 'num', text: bid === null || ask === null ? '–' : (spreadBasisPoints(bid.price, ask.price) ?? '–') }),
    element('td', { className: 'num age', text: formatAge(quote.lastUpdateMs, nowMs) }),
    element('td', { className: 'at-best', text: atBest }),
  ]);
  tr.addEventListener('click', () => onSelect(instrument));
  return tr;
}

function quiet(lastUpdateMs: number | null, nowMs: number): boolean {
  return lastUpdateMs !== null && nowMs - lastUpdateMs > QUIET_AFTER_MS;
}
