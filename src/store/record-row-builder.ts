// Turns TRADE and BBO ring records into store rows (the recorder's cold side): canonical decimals, venue and symbol.
import { readBboAskPrice, readBboAskSize, readBboBidPrice, readBboBidSize } from '../model/bbo-record.js';
import { formatDecimal } from '../model/fixed-point.js';
import type { Instrument } from '../model/instrument.js';
import type { InstrumentRegistry } from '../model/instrument-registry.js';
import { readInstrumentId, readRecordFlags, readTsEventNsBig, readTsRecvNsBig } from '../model/record-header.js';
import { AggressorSide, RecordFlag } from '../model/record-types.js';
import type { RecordViews } from '../model/record-views.js';
import { readTradeAggressorSide, readTradeId, readTradePrice, readTradeSize } from '../model/trade-record.js';
import type { QuoteRow, TradeRow, TradeSide } from './store-rows.js';

const SIDES: Readonly<Record<number, TradeSide>> = { [AggressorSide.BUY]: 'buy', [AggressorSide.SELL]: 'sell', [AggressorSide.UNKNOWN]: 'unknown' };

/**
 * Builds one row per record, reading the payload in place (call it inside the ring callback: the
 * payload is only valid there). Keeps, per instrument, the receive stamp of its last quote and
 * trade to number the ones that share a received frame:
 *
 * - quotes: `seq` is the quote's ordinal among its instrument's quotes of that frame, which makes
 *   (venue, symbol, tsRecvNs, seq) unique and deterministic for a given record stream (a frame's
 *   records all carry the frame's tsRecvNs);
 * - trades without a venue trade id (no supported venue sends one; the record allows it) get
 *   `recv:<tsRecvNs>:<ordinal>` so two of them in one millisecond stay two rows;
 * - a trade without a venue time (NO_EVENT_TIME) takes its receive time as tsEventNs, flag kept,
 *   because tsEventNs is the trade's designated timestamp and part of its key.
 */
export class RecordRowBuilder {
  private readonly lastQuoteRecvNs = new Map<number, bigint>();
  private readonly quoteOrdinal = new Map<number, number>();
  private readonly lastTradeRecvNs = new Map<number, bigint>();
  private readonly tradeOrdinal = new Map<number, number>();

  constructor(private readonly registry: InstrumentRegistry) {}

  trade(views: RecordViews, offset: number): TradeRow {
    const instrument = this.instrumentOf(views, offset);
    const flags = readRecordFlags(views, offset);
    const tsRecvNs = readTsRecvNsBig(views, offset);
    const ordinal = this.ordinal(this.lastTradeRecvNs, this.tradeOrdinal, instrument.numericId, tsRecvNs);
    const venueTradeId = readTradeId(views, offset);
    return {
      venue: instrument.venue,
      symbol: instrument.canonical,
      tradeId: venueTradeId === '' ? `recv:${tsRecvNs}:${ordinal}` : venueTradeId,
      price: formatDecimal(readTradePrice(views, offset), instrument.priceDecimals),
      size: formatDecimal(readTradeSize(views, offset), instrument.sizeDecimals),
      side: SIDES[readTradeAggressorSide(views, offset)] ?? 'unknown',
      tsEventNs: (flags & RecordFlag.NO_EVENT_TIME) !== 0 ? tsRecvNs : readTsEventNsBig(views, offset),
      tsRecvNs,
      flags,
    };
  }

  quote(views: RecordViews, offset: number): QuoteRow {
    const instrument = this.instrumentOf(views, offset);
    const flags = readRecordFlags(views, offset);
    const tsRecvNs = readTsRecvNsBig(views, offset);
    return {
      venue: instrument.venue,
      symbol: instrument.canonical,
      bidPrice: formatDecimal(readBboBidPrice(views, offset), instrument.priceDecimals),
      bidSize: formatDecimal(readBboBidSize(views, offset), instrument.sizeDecimals),
      askPrice: formatDecimal(readBboAskPrice(views, offset), instrument.priceDecimals),
      askSize: formatDecimal(readBboAskSize(views, offset), instrument.sizeDecimals),
      tsEventNs: (flags & RecordFlag.NO_EVENT_TIME) !== 0 ? null : readTsEventNsBig(views, offset),
      tsRecvNs,
      seq: this.ordinal(this.lastQuoteRecvNs, this.quoteOrdinal, instrument.numericId, tsRecvNs),
      flags,
    };
  }

  private instrumentOf(views: RecordViews, offset: number): Instrument {
    return this.registry.requireByNumericId(readInstrumentId(views, offset));
  }

  private ordinal(lastRecv: Map<number, bigint>, ordinals: Map<number, number>, instrumentId: number, tsRecvNs: bigint): number {
    const ordinal = lastRecv.get(instrumentId) === tsRecvNs ? (ordinals.get(instrumentId) ?? 0) + 1 : 0;
    lastRecv.set(instrumentId, tsRecvNs);
    ordinals.set(instrumentId, ordinal);
    return ordinal;
  }
}
