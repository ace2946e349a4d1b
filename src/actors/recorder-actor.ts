// Recorder actor: reads TRADE and BBO records from the venue actors' rings and writes them to the Store without ever holding them up; answers other threads' store requests on the same connection.
import type { RingConsumer } from '../hotpath/ring-consumer.js';
import { InstrumentRegistry, type InstrumentRegistryData } from '../model/instrument-registry.js';
import { RecordType } from '../model/record-types.js';
import { BufferedStoreWriter, type BufferedStoreWriterStats } from '../store/buffered-store-writer.js';
import type { Candle } from '../store/candles/candle.js';
import { CandleAggregator } from '../store/candles/candle-aggregator.js';
import { formatDecimal, formatDecimalBig } from '../model/fixed-point.js';
import { TIMEFRAMES } from '../model/timeframe.js';
import { RecordRowBuilder } from '../store/record-row-builder.js';
import type { BookLevel, BookSnapshotRow, CandleRow, QuoteRow, TradeRow } from '../store/store-rows.js';
import { readBookLevelPrice, readBookLevelSide, readBookLevelSize } from '../model/book-level-record.js';
import { readInstrumentId, readRecordFlags, readTsRecvNsBig } from '../model/record-header.js';
import { BookSide } from '../model/record-types.js';
import { parseStoreSpec } from '../store/store-spec.js';
import type { Actor, ActorContext } from './actor.js';
import type { RecorderStoreRequest } from './recorder-store-client.js';
import { RecorderStoreService } from './recorder-store-service.js';

export interface RecorderActorParams {
  registry: InstrumentRegistryData;
  /** The store spec (`duckdb:<path>` | `questdb:<client config>`). */
  store: string;
  /** Journal directory of this store (journalDirectoryOf). */
  journalDir: string;
  /** Rows per batch handed to the store. */
  batchRows?: number;
  /** A partial batch is handed over after this long. */
  flushIntervalMs?: number;
  /** Rows held in memory while the store is behind, before spilling to the journal. */
  maxBufferedRows?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How long stop() keeps writing before it journals what is left. */
  stopDeadlineMs?: number;
  /** Live candles built from the recorded trades (default: every timeframe, 1m … 1M); [] for none. */
  candleTimeframes?: readonly string[];
  /**
   * What closes a quiet market's candles: 'wall' (live: the wall clock minus candleLateAllowanceMs,
   * checked every second) or 'venue' (replay: only later trades, since recorded times are in the past
   * and the wall clock would make every trade late). Default 'wall'.
   */
  candleClock?: 'wall' | 'venue';
  /** How long after a bucket's end a delayed trade may still join it (wall clock only; default 2000 ms). */
  candleLateAllowanceMs?: number;
  /** Levels per side the instrument actors put in each book snapshot (book_snapshots.depth); absent: no snapshots are recorded. */
  bookSnapshotDepth?: number;
}

/**
 * Control messages: `stats`; `flush` (answers once everything read so far is in the store, or the
 * timeout passed); `store` (one Store call on the recorder's connection, answered with a
 * RecorderStoreReply: see RecorderStoreClient).
 */
export type RecorderControl = 'stats' | { type: 'flush'; timeoutMs: number } | RecorderStoreRequest;

export interface RecorderStats {
  store: string;
  records: { trades: number; quotes: number; bookSnapshots: number; ignored: number };
  /** Closed candles written, and trades too late for their candle (counted, not in any candle). */
  candles: { closed: number; lateTrades: number };
  writer: BufferedStoreWriterStats;
}

export interface RecorderFlushReply {
  done: boolean;
  stats: RecorderStats;
}

const DEFAULTS = {
  batchRows: 5000,
  flushIntervalMs: 250,
  maxBufferedRows: 250_000,
  retryInitialMs: 100,
  retryMaxMs: 5000,
  stopDeadlineMs: 3000,
  candleLateAllowanceMs: 2000,
} as const;

/** How often the wall clock closes the candles of quiet markets. */
const CANDLE_CLOCK_INTERVAL_MS = 1000;

/**
 * The ring side stays fast: a record becomes a row object (cold side, allocation allowed) and is
 * pushed onto the pending batch; nothing there waits. A full batch, or a partial one after
 * flushIntervalMs, is handed to the BufferedStoreWriter, whose store writes run asynchronously on
 * this worker's event loop (the recorder is an event-loop actor: its worker parks with
 * Atomics.waitAsync, so write completions and timers keep flowing). When the store is slow or down
 * the writer buffers and spills to the journal; the venue actors never notice.
 */
export function createActor(context: ActorContext): Actor {
  const params = context.spec.params as RecorderActorParams;
  const settings = { ...DEFAULTS, ...definedOnly(params) };
  const registry = InstrumentRegistry.fromData(params.registry);
  const builder = new RecordRowBuilder(registry);
  const consumers: RingConsumer[] = context.inputs.map((input) => input.consumer);
  const description = parseStoreSpec(params.store).description;
  const counters = { trades: 0, quotes: 0, bookSnapshots: 0, ignored: 0 };
  let trades: TradeRow[] = [];
  let quotes: QuoteRow[] = [];
  let candles: CandleRow[] = [];
  let bookSnapshots: BookSnapshotRow[] = [];
  /** Per input ring: the book snapshot being read (instrument actors write each one contiguously). */
  const assembling: ({ instrumentId: number; tsRecvNs: bigint; flags: number; bids: BookLevel[]; asks: BookLevel[] } | null)[] = context.inputs.map(() => null);
  let closedCandles = 0;
  let timer: NodeJS.Timeout | undefined;
  let candleClock: NodeJS.Timeout | undefined;
  let writer: BufferedStoreWriter | undefined;
  const storeService = new RecorderStoreService(params.store, context.logger);
  const candleTimeframes = params.candleTimeframes ?? TIMEFRAMES;
  const aggregator =
    candleTimeframes.length === 0 ? null : new CandleAggregator({ timeframes: candleTimeframes, instrumentCount: Math.max(1, registry.size), onCandle: (candle) => onCandle(candle) });

  function onCandle(candle: Candle): void {
    const instrument = registry.requireByNumericId(candle.instrumentId);
    candles.push({
      venue: instrument.venue,
      symbol: instrument.canonical,
      timeframe: candle.timeframe,
      tsOpenNs: BigInt(candle.tsStartMs) * 1_000_000n,
      open: formatDecimal(candle.open, instrument.priceDecimals),
      high: formatDecimal(candle.high, instrument.priceDecimals),
      low: formatDecimal(candle.low, instrument.priceDecimals),
      close: formatDecimal(candle.close, instrument.priceDecimals),
      volume: formatDecimalBig(candle.volume, instrument.sizeDecimals),
      tradeCount: candle.tradeCount,
    });
    closedCandles++;
    timer ??= setTimeout(seal, settings.flushIntervalMs);
  }

  function seal(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (trades.length === 0 && quotes.length === 0 && candles.length === 0 && bookSnapshots.length === 0) return;
    writer!.enqueue({ trades, quotes, candles, bookSnapshots });
    trades = [];
    quotes = [];
    candles = [];
    bookSnapshots = [];
  }

  /** SNAPSHOT_BEGIN … BOOK_LEVEL … SNAPSHOT_END from an instrument actor; false for any other record type. */
  function onSnapshotRecord(input: number, consumer: RingConsumer, type: number, offset: number): boolean {
    if (type === RecordType.SNAPSHOT_BEGIN) {
      assembling[input] = { instrumentId: readInstrumentId(consumer, offset), tsRecvNs: readTsRecvNsBig(consumer, offset), flags: readRecordFlags(consumer, offset), bids: [], asks: [] };
      return true;
    }
    const current = assembling[input];
    if (type === RecordType.BOOK_LEVEL && current !== undefined && current !== null) {
      const instrument = registry.requireByNumericId(current.instrumentId);
      const level: BookLevel = [formatDecimal(readBookLevelPrice(consumer, offset), instrument.priceDecimals), formatDecimal(readBookLevelSize(consumer, offset), instrument.sizeDecimals)];
      (readBookLevelSide(consumer, offset) === BookSide.BID ? current.bids : current.asks).push(level);
      return true;
    }
    if (type === RecordType.SNAPSHOT_END && current !== undefined && current !== null) {
      const instrument = registry.requireByNumericId(current.instrumentId);
      bookSnapshots.push({ venue: instrument.venue, symbol: instrument.canonical, tsEventNs: null, tsRecvNs: current.tsRecvNs, depth: params.bookSnapshotDepth ?? Math.max(current.bids.length, current.asks.length), bids: current.bids, asks: current.asks, flags: current.flags });
      assembling[input] = null;
      counters.bookSnapshots++;
      return true;
    }
    return false;
  }

  function onRecord(input: number, consumer: RingConsumer, type: number, offset: number): void {
    if (onSnapshotRecord(input, consumer, type, offset)) {
      if (type !== RecordType.SNAPSHOT_END) return;
    } else if (type === RecordType.TRADE) {
      trades.push(builder.trade(consumer, offset));
      aggregator?.onTradeRecord(consumer, offset);
      counters.trades++;
    } else if (type === RecordType.BBO) {
      quotes.push(builder.quote(consumer, offset));
      counters.quotes++;
    } else {
      counters.ignored++;
      return;
    }
    if (trades.length + quotes.length + bookSnapshots.length >= settings.batchRows) seal();
    else timer ??= setTimeout(seal, settings.flushIntervalMs);
  }

  const handlers = consumers.map((consumer, input) => (type: number, offset: number) => onRecord(input, consumer, type, offset));

  /** Reads everything published so far (control messages and stop run between mailbox polls, on this thread). */
  function drainInputs(): void {
    for (let index = 0; index < consumers.length; index++) while (consumers[index]!.read(handlers[index]!) > 0);
  }

  function stats(): RecorderStats {
    let lateTrades = 0;
    if (aggregator !== null) for (let id = 0; id < registry.size; id++) lateTrades += aggregator.lateTradeCountOf(id);
    return { store: description, records: { ...counters }, candles: { closed: closedCandles, lateTrades }, writer: writer!.stats() };
  }

  return {
    start() {
      writer = new BufferedStoreWriter({
        openStore: () => storeService.openForWriter(),
        journalDir: params.journalDir,
        maxBufferedRows: settings.maxBufferedRows,
        retryInitialMs: settings.retryInitialMs,
        retryMaxMs: settings.retryMaxMs,
        logger: context.logger,
      });
      if (aggregator !== null && (params.candleClock ?? 'wall') === 'wall') {
        candleClock = setInterval(() => aggregator.advanceToMs(Date.now() - settings.candleLateAllowanceMs), CANDLE_CLOCK_INTERVAL_MS);
        candleClock.unref();
      }
      context.logger.info({ store: description, journal: params.journalDir, candleTimeframes }, 'recorder started');
    },
    onRecord(input, type, offset) {
      onRecord(input, consumers[input]!, type, offset);
    },
    onControl(message, correlationId) {
      const control = message as RecorderControl;
      if (control === 'stats') {
        context.report(stats(), correlationId);
        return;
      }
      if (control.type === 'flush') {
        drainInputs();
        seal();
        void writer!.flush(control.timeoutMs).then((done) => context.report({ done, stats: stats() } satisfies RecorderFlushReply, correlationId));
      } else if (control.type === 'store') {
        void storeService.answer(control.call).then((reply) => context.report(reply, correlationId));
      }
    },
    async stop() {
      if (candleClock !== undefined) clearInterval(candleClock);
      // Open candles are not written: a bar cut short by a stop is not the bar (a restart rebuilds it from the venue with zvt gaps --repair).
      drainInputs();
      seal();
      await writer!.close(settings.stopDeadlineMs);
      await storeService.stop();
      context.logger.info({ stats: stats() }, 'recorder stopped');
    },
  };
}

function definedOnly(params: RecorderActorParams): Partial<typeof DEFAULTS> {
  const result: Record<string, number> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = params[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}
