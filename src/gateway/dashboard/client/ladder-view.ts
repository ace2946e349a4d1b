// The depth ladder of the selected book: asks above, bids below, cumulative size and size bars, from the page's FeedBookReplica; exposes the book in data attributes.
import type { FeedBookReplica } from '../../feed/feed-book-replica.js';
import { element } from './dom.js';
import { displayDecimals, formatShown, formatTrimmed, percentOf, spreadBasisPoints } from './fixed-point-text.js';

/** Levels shown per side. */
export const LADDER_DEPTH = 15;
/** Levels per side written into `data-book` (what the e2e test compares with a Node feed client). */
export const LADDER_DATA_DEPTH = 10;

export interface LadderInput {
  readonly topic: string;
  readonly replica: FeedBookReplica | undefined;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  readonly gaps: number;
}

/*
 * data-seq and data-book are written together in one render, so a reader always sees a book and the
 * seq it is consistent with. data-seq is empty while the book is not trusted (before the first
 * snapshot and after a gap until the requested snapshot arrives).
 */
export function renderLadder(container: HTMLElement, title: HTMLElement, input: LadderInput): void {
  const { replica, priceDecimals, sizeDecimals } = input;
  const top = replica?.top(LADDER_DEPTH) ?? { bids: [], asks: [] };
  const trusted = replica?.seq !== null && replica !== undefined;
  const dataTop = (levels: [bigint, bigint][]): string[][] => levels.slice(0, LADDER_DATA_DEPTH).map(([price, size]) => [price.toString(), size.toString()]);
  container.dataset.topic = input.topic;
  container.dataset.seq = trusted ? replica.seq!.toString() : '';
  container.dataset.book = JSON.stringify({ bids: dataTop(top.bids), asks: dataTop(top.asks) });
  container.dataset.gaps = String(replica?.gaps ?? 0);
  container.classList.toggle('untrusted', !trusted);

  const levels = [...top.bids, ...top.asks];
  const shown = displayDecimals(levels.map(([price]) => price), priceDecimals);
  let largest = 0n;
  for (const [, size] of [...top.bids, ...top.asks]) if (size > largest) largest = size;
  const rows: HTMLTableRowElement[] = [];
  let cumulative = 0n;
  const askRows: HTMLTableRowElement[] = [];
  for (const [price, size] of top.asks) {
    cumulative += size;
    askRows.push(levelRow('ask', price, size, cumulative, largest, priceDecimals, shown, sizeDecimals));
  }
  rows.push(...askRows.reverse());
  const bestBid = top.bids[0]?.[0];
  const bestAsk = top.asks[0]?.[0];
  const spread = bestBid !== undefined && bestAsk !== undefined ? `spread ${formatShown(bestAsk - bestBid, priceDecimals, shown)} (${spreadBasisPoints(bestBid, bestAsk) ?? '–'} bps)` : 'one side empty';
  rows.push(element('tr', { className: 'spread-row' }, [element('td', { text: spread, data: {} }, [])]));
  rows[rows.length - 1]!.firstElementChild!.setAttribute('colspan', '4');
  cumulative = 0n;
  for (const [price, size] of top.bids) {
    cumulative += size;
    rows.push(levelRow('bid', price, size, cumulative, largest, priceDecimals, shown, sizeDecimals));
  }
  container.querySelector('tbody')?.replaceChildren(...rows);
  title.textContent = `${input.topic}  ·  seq ${trusted ? replica.seq!.toString() : '(waiting for snapshot)'}  ·  gaps ${replica?.gaps ?? 0}`;
}

function levelRow(side: 'bid' | 'ask', price: bigint, size: bigint, cumulative: bigint, largest: bigint, priceDecimals: number, shownDecimals: number, sizeDecimals: number): HTMLTableRowElement {
  const bar = element('div', { className: `bar bar-${side}` });
  bar.style.width = `${percentOf(size, largest)}%`;
  return element('tr', { className: `level level-${side}` }, [
    element('td', { className: `num ${side}`, text: formatShown(price, priceDecimals, shownDecimals) }),
    element('td', { className: 'num size', text: formatTrimmed(size, sizeDecimals) }),
    element('td', { className: 'num cumulative', text: formatTrimmed(cumulative, sizeDecimals) }),
    element('td', { className: 'bar-cell' }, [bar]),
  ]);
}
