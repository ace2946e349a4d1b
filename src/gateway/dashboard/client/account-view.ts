// The account tables of the trading panel: the key's orders (newest first, a cancel button on working ones) and its positions.
import { WORKING_STATUSES, type ListedOrder, type ListedPosition } from './account-rows.js';
import { element, textRow } from './dom.js';

function timeText(ms: number): string {
  return ms > 0 ? new Date(ms).toISOString().slice(11, 19) : '–';
}

/** The table shows the newest this many; the rest stay on the server (GET /v1/orders). */
export const MAX_ORDER_ROWS = 50;

/** Orders newest first; `onCancel` is called with the client order id of the row whose button was pressed. */
export function renderOrders(body: HTMLTableSectionElement, orders: readonly ListedOrder[], pending: ReadonlySet<string>, onCancel: (clientOrderId: string) => void): void {
  const rows = [...orders].sort((left, right) => right.updatedMs - left.updatedMs).slice(0, MAX_ORDER_ROWS);
  body.replaceChildren(
    ...rows.map((order) => {
      const row = textRow([
        order.clientOrderId,
        order.symbol,
        order.side,
        `${order.type} ${order.timeInForce}${order.postOnly ? ' post-only' : ''}`,
        order.price ?? 'market',
        order.quantity,
        order.cumulativeQuantity,
        order.averagePrice === '0' ? '–' : order.averagePrice,
        order.status,
      ]);
      // The time and a cancel's original id go into the tooltip: the table must fit beside the ladder.
      row.title = `updated ${timeText(order.updatedMs)} UTC${order.origClientOrderId === null ? '' : ` · was ${order.origClientOrderId}`}`;
      row.dataset.clientOrderId = order.clientOrderId;
      if (order.origClientOrderId !== null) row.dataset.origClientOrderId = order.origClientOrderId;
      row.dataset.status = order.status;
      row.dataset.filled = order.cumulativeQuantity;
      row.children[2]?.classList.add(`side-${order.side}`);
      row.children[8]?.classList.add(`order-${order.status}`);
      for (const index of [4, 5, 6, 7]) row.children[index]?.classList.add('num');
      const cell = element('td');
      if (WORKING_STATUSES.has(order.status)) {
        const button = element('button', { text: pending.has(order.clientOrderId) ? 'canceling…' : 'cancel', className: 'cancel', data: { clientOrderId: order.clientOrderId } });
        button.type = 'button';
        button.disabled = pending.has(order.clientOrderId);
        button.addEventListener('click', () => onCancel(order.clientOrderId));
        cell.append(button);
      }
      row.append(cell);
      return row;
    }),
  );
}

export function renderPositions(body: HTMLTableSectionElement, positions: readonly ListedPosition[]): void {
  body.replaceChildren(
    ...positions.map((position) => {
      const row = textRow([position.symbol, position.quantity, position.averageEntryPrice ?? '–', position.markPrice ?? '–', position.realizedPnl, position.unrealizedPnl ?? '–', position.quoteAsset]);
      row.dataset.symbol = position.symbol;
      row.dataset.quantity = position.quantity;
      for (const index of [1, 2, 3, 4, 5]) row.children[index]?.classList.add('num');
      return row;
    }),
  );
}
