// The ILP lines a store row must become, written out per table from the rows (not from the store's table specs).
import type { AuditRow, BookSnapshotRow, CandleRow, FillRow, OrderRow, QuoteRow, TradeRow } from '../../src/store/store-rows.js';
import type { IlpField, IlpLine } from './ilp-line.js';

const decimal = (value: string): IlpField => ({ type: 'decimal', value });
const int = (value: number): IlpField => ({ type: 'int', value: BigInt(value) });
const text = (value: string): IlpField => ({ type: 'string', value });
const nanos = (value: bigint): IlpField => ({ type: 'timestamp_ns', value });

export function tradeLine(row: TradeRow): IlpLine {
  return {
    table: 'trades',
    symbols: { venue: row.venue, symbol: row.symbol, side: row.side },
    fields: { trade_id: text(row.tradeId), price: decimal(row.price), size: decimal(row.size), ts_recv_ns: nanos(row.tsRecvNs), flags: int(row.flags) },
    timestamp: row.tsEventNs,
  };
}

export function quoteLine(row: QuoteRow): IlpLine {
  return {
    table: 'quotes',
    symbols: { venue: row.venue, symbol: row.symbol },
    fields: {
      seq: int(row.seq),
      bid_price: decimal(row.bidPrice),
      bid_size: decimal(row.bidSize),
      ask_price: decimal(row.askPrice),
      ask_size: decimal(row.askSize),
      // A quote without venue time leaves the column out: QuestDB stores NULL.
      ...(row.tsEventNs === null ? {} : { ts_event_ns: nanos(row.tsEventNs) }),
      flags: int(row.flags),
    },
    timestamp: row.tsRecvNs,
  };
}

export function bookLines(row: BookSnapshotRow): IlpLine[] {
  const sides = [
    ['bid', row.bids],
    ['ask', row.asks],
  ] as const;
  return sides.flatMap(([side, levels]) =>
    levels.map((level, index) => ({
      table: 'book_snapshots',
      symbols: { venue: row.venue, symbol: row.symbol, side },
      fields: { ...(row.tsEventNs === null ? {} : { ts_event_ns: nanos(row.tsEventNs) }), depth: int(row.depth), flags: int(row.flags), level: int(index), price: decimal(level[0]), size: decimal(level[1]) },
      timestamp: row.tsRecvNs,
    })),
  );
}

export function candleLine(row: CandleRow): IlpLine {
  return {
    table: 'candles',
    symbols: { venue: row.venue, symbol: row.symbol, timeframe: row.timeframe },
    fields: { open: decimal(row.open), high: decimal(row.high), low: decimal(row.low), close: decimal(row.close), volume: decimal(row.volume), ...(row.tradeCount === null ? {} : { trade_count: int(row.tradeCount) }) },
    timestamp: row.tsOpenNs,
  };
}

export function orderLine(row: OrderRow): IlpLine {
  return {
    table: 'orders',
    symbols: { venue: row.venue, symbol: row.symbol, side: row.side, order_type: row.orderType, ...(row.timeInForce === null ? {} : { time_in_force: row.timeInForce }), status: row.status },
    fields: {
      client_order_id: text(row.clientOrderId),
      ...(row.venueOrderId === null ? {} : { venue_order_id: text(row.venueOrderId) }),
      revision: int(row.revision),
      ...(row.price === null ? {} : { price: decimal(row.price) }),
      quantity: decimal(row.quantity),
      filled_quantity: decimal(row.filledQuantity),
    },
    timestamp: row.tsEventNs,
  };
}

export function fillLine(row: FillRow): IlpLine {
  return {
    table: 'fills',
    symbols: { venue: row.venue, symbol: row.symbol, side: row.side, ...(row.feeCurrency === null ? {} : { fee_currency: row.feeCurrency }), liquidity: row.liquidity },
    fields: {
      fill_id: text(row.fillId),
      client_order_id: text(row.clientOrderId),
      ...(row.venueOrderId === null ? {} : { venue_order_id: text(row.venueOrderId) }),
      price: decimal(row.price),
      size: decimal(row.size),
      ...(row.fee === null ? {} : { fee: decimal(row.fee) }),
      ts_recv_ns: nanos(row.tsRecvNs),
    },
    timestamp: row.tsEventNs,
  };
}

export function auditLine(row: AuditRow): IlpLine {
  return { table: 'audit', symbols: { source: row.source, event: row.event }, fields: { seq: int(row.seq), detail: text(row.detail) }, timestamp: row.tsNs };
}

