// Recorder actor: reads TRADE and BBO records from the venue actors' rings and writes them to the Store without ever holding them up.
import type { RingConsumer } from '../hotpath/ring-consumer.js';
import { InstrumentRegistry, type InstrumentRegistryData } from '../model/instrument-registry.js';
import { RecordType } from '../model/record-types.js';
import { BufferedStoreWriter, type BufferedStoreWriterStats } from '../store/buffered-store-writer.js';
import { openStore } from '../store/open-store.js';
import { RecordRowBuilder } from '../store/record-row-builder.js';
import type { QuoteRow, TradeRow } from '../store/store-rows.js';
import { parseStoreSpec } from '../store/store-spec.js';
import type { Actor, ActorContext } from './actor.js';

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
}

/** Control messages: `stats`, or `flush` (answers once everything read so far is in the store, or the timeout passed). */
export type RecorderControl = 'stats' | { type: 'flush'; timeoutMs: number };

export interface RecorderStats {
  store: string;
  records: { trades: number; quotes: number; ignored: number };
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
} as const;

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
  const counters = { trades: 0, quotes: 0, ignored: 0 };
  let trades: TradeRow[] = [];
  let quotes: QuoteRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writer: BufferedStoreWriter | undefined;

  function seal(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (trades.length === 0 && quotes.length === 0) return;
    writer!.enqueue({ trades, quotes });
    trades = [];
    quotes = [];
  }

  function onRecord(consumer: RingConsumer, type: number, offset: number): void {
    if (type === RecordType.TRADE) {
      trades.push(builder.trade(consumer, offset));
      counters.trades++;
    } else if (type === RecordType.BBO) {
      quotes.push(builder.quote(consumer, offset));
      counters.quotes++;
    } else {
      counters.ignored++;
      return;
    }
    if (trades.length + quotes.length >= settings.batchRows) seal();
    else timer ??= setTimeout(seal, settings.flushIntervalMs);
  }

  const handlers = consumers.map((consumer) => (type: number, offset: number) => onRecord(consumer, type, offset));

  /** Reads everything published so far (control messages and stop run between mailbox polls, on this thread). */
  function drainInputs(): void {
    for (let index = 0; index < consumers.length; index++) while (consumers[index]!.read(handlers[index]!) > 0);
  }

  function stats(): RecorderStats {
    return { store: description, records: { ...counters }, writer: writer!.stats() };
  }

  return {
    start() {
      writer = new BufferedStoreWriter({
        openStore: () => openStore(params.store, { logger: context.logger }),
        journalDir: params.journalDir,
        maxBufferedRows: settings.maxBufferedRows,
        retryInitialMs: settings.retryInitialMs,
        retryMaxMs: settings.retryMaxMs,
        logger: context.logger,
      });
      context.logger.info({ store: description, journal: params.journalDir }, 'recorder started');
    },
    onRecord(input, type, offset) {
      onRecord(consumers[input]!, type, offset);
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
      }
    },
    async stop() {
      drainInputs();
      seal();
      await writer!.close(settings.stopDeadlineMs);
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
