// The account's rows as the page reads them from GET /v1/orders and GET /v1/positions bodies: checked field by field, decimals kept as text, nothing guessed.

/** The fields of an order (OrderState, docs/rest.md) the page shows; decimals stay text. */
export interface ListedOrder {
  /** The latest client id: a cancel's id once the order was canceled (docs/rest.md). */
  readonly clientOrderId: string;
  /** The id it had before the latest cancel or replace. */
  readonly origClientOrderId: string | null;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly timeInForce: string;
  readonly postOnly: boolean;
  readonly price: string | null;
  readonly quantity: string;
  readonly cumulativeQuantity: string;
  readonly averagePrice: string;
  readonly status: string;
  readonly updatedMs: number;
}

export interface ListedPosition {
  readonly symbol: string;
  readonly quantity: string;
  readonly averageEntryPrice: string | null;
  readonly markPrice: string | null;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string | null;
  readonly quoteAsset: string;
}

/** Statuses of orders that can still be canceled. */
export const WORKING_STATUSES: ReadonlySet<string> = new Set(['new', 'partially_filled']);

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(row: Record<string, unknown>, name: string): string | null {
  const value = row[name];
  return typeof value === 'string' ? value : null;
}

/** The `orders` of a GET /v1/orders body; rows missing a field the table needs are skipped, never guessed. */
export function parseOrders(body: unknown): ListedOrder[] {
  const list = record(body)?.orders;
  if (!Array.isArray(list)) return [];
  const orders: ListedOrder[] = [];
  for (const item of list) {
    const row = record(item);
    if (row === null) continue;
    const clientOrderId = text(row, 'clientOrderId');
    const symbol = text(row, 'symbol');
    const side = text(row, 'side');
    const type = text(row, 'type');
    const timeInForce = text(row, 'timeInForce');
    const quantity = text(row, 'quantity');
    const cumulativeQuantity = text(row, 'cumulativeQuantity');
    const averagePrice = text(row, 'averagePrice');
    const status = text(row, 'status');
    if (clientOrderId === null || symbol === null || side === null || type === null || timeInForce === null || quantity === null || cumulativeQuantity === null || averagePrice === null || status === null) continue;
    orders.push({
      clientOrderId,
      origClientOrderId: text(row, 'origClientOrderId'),
      symbol,
      side,
      type,
      timeInForce,
      postOnly: row.postOnly === true,
      price: text(row, 'price'),
      quantity,
      cumulativeQuantity,
      averagePrice,
      status,
      updatedMs: typeof row.updatedMs === 'number' ? row.updatedMs : 0,
    });
  }
  return orders;
}

/** The `positions` of a GET /v1/positions body, and its accountId. */
export function parsePositions(body: unknown): { accountId: string | null; positions: ListedPosition[] } {
  const object = record(body);
  const list = object?.positions;
  const positions: ListedPosition[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    const row = record(item);
    const symbol = row === null ? null : text(row, 'symbol');
    const quantity = row === null ? null : text(row, 'quantity');
    const realizedPnl = row === null ? null : text(row, 'realizedPnl');
    if (row === null || symbol === null || quantity === null || realizedPnl === null) continue;
    positions.push({
      symbol,
      quantity,
      averageEntryPrice: text(row, 'averageEntryPrice'),
      markPrice: text(row, 'markPrice'),
      realizedPnl,
      unrealizedPnl: text(row, 'unrealizedPnl'),
      quoteAsset: text(row, 'quoteAsset') ?? '',
    });
  }
  return { accountId: object === null ? null : text(object, 'accountId'), positions };
}
