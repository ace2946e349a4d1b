// RecorderStoreClient: a Store whose calls are requests to the recorder actor, which answers them with its own (the one) store connection.
import { isZvtError, ZvtError } from '../model/errors.js';
import type { CandleSeriesQuery, ReadOptions, Store, StoreKind, StoreWriteResult, TableRows, TradeRangeQuery } from '../store/store.js';
import type { StoreBatch } from '../store/store-rows.js';
import type { TableName } from '../store/store-tables.js';
import { ZVT_ERR_RECORDER_UNAVAILABLE } from './errors.js';

/** One Store call as data (structured-clone safe: bigints and nested arrays survive postMessage). */
export type RecorderStoreCall =
  | { readonly method: 'write'; readonly batch: StoreBatch }
  | { readonly method: 'count'; readonly table: TableName }
  | { readonly method: 'read'; readonly table: TableName; readonly options: ReadOptions | undefined }
  | { readonly method: 'candleOpenTimes'; readonly query: CandleSeriesQuery }
  | { readonly method: 'tradeTimeBounds'; readonly query: TradeRangeQuery };

/** The recorder's control message for a store call. */
export interface RecorderStoreRequest {
  readonly type: 'store';
  readonly call: RecorderStoreCall;
}

/** The recorder's answer: the call's result, or the store's error code and message. */
export type RecorderStoreReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly code: string; readonly message: string };

/** The request/reply channel to actors (the engine's Supervisor). */
export interface ActorRequestChannel {
  request(actorId: string, message: unknown, timeoutMs?: number): Promise<unknown>;
}

export interface RecorderStoreClientOptions {
  readonly channel: ActorRequestChannel;
  /** The recorder actor's id. */
  readonly actorId: string;
  readonly kind: StoreKind;
  /** The store spec without credentials (parseStoreSpec(...).description). */
  readonly description: string;
  /** How long a call waits for the recorder's answer. Default 15 000 ms. */
  readonly timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Errors: a call the recorder ran and the store refused rejects with a ZvtError carrying the
 * store's own code (ZVT_ERR_STORE_WRITE, ZVT_ERR_STORE_VALUE, ZVT_ERR_STORE_OPEN ...), so callers
 * such as BufferedStoreWriter keep their retry-or-set-aside rules. A call the recorder did not
 * answer (timeout, crashed worker, stopped engine) rejects with ZVT_ERR_RECORDER_UNAVAILABLE.
 * close() does nothing: the engine owns the store and closes it when the recorder stops.
 */
export class RecorderStoreClient implements Store {
  readonly kind: StoreKind;
  readonly description: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: RecorderStoreClientOptions) {
    this.kind = options.kind;
    this.description = options.description;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  write(batch: StoreBatch): Promise<StoreWriteResult> {
    return this.call({ method: 'write', batch }) as Promise<StoreWriteResult>;
  }

  count(table: TableName): Promise<number> {
    return this.call({ method: 'count', table }) as Promise<number>;
  }

  read<T extends TableName>(table: T, options?: ReadOptions): Promise<TableRows[T][]> {
    return this.call({ method: 'read', table, options }) as Promise<TableRows[T][]>;
  }

  candleOpenTimes(query: CandleSeriesQuery): Promise<bigint[]> {
    return this.call({ method: 'candleOpenTimes', query }) as Promise<bigint[]>;
  }

  tradeTimeBounds(query: TradeRangeQuery): Promise<{ minNs: bigint; maxNs: bigint } | null> {
    return this.call({ method: 'tradeTimeBounds', query }) as Promise<{ minNs: bigint; maxNs: bigint } | null>;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async call(call: RecorderStoreCall): Promise<unknown> {
    let reply: RecorderStoreReply;
    try {
      reply = (await this.options.channel.request(this.options.actorId, { type: 'store', call } satisfies RecorderStoreRequest, this.timeoutMs)) as RecorderStoreReply;
    } catch (error) {
      const cause = isZvtError(error) ? error.code : undefined;
      throw new ZvtError(ZVT_ERR_RECORDER_UNAVAILABLE, `${this.description}: the recorder did not answer the ${call.method} request: ${error instanceof Error ? error.message : String(error)}`, {
        store: this.description,
        method: call.method,
        ...(cause === undefined ? {} : { cause }),
      });
    }
    if (!reply.ok) throw new ZvtError(reply.code, reply.message, { store: this.description, method: call.method, via: 'recorder' });
    return reply.value;
  }
}
