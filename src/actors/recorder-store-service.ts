// The recorder's one store connection, shared by its own BufferedStoreWriter and by the store requests other threads send it (RecorderStoreClient).
import type { Logger } from '../config/logger.js';
import { isZvtError } from '../model/errors.js';
import { describeError, storeError, ZVT_ERR_STORE_CLOSED, ZVT_ERR_STORE_QUERY } from '../store/errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { RecorderStoreCall, RecorderStoreReply } from './recorder-store-client.js';

/*
 * Why one connection: DuckDB allows one writer per file, and opening the same file twice in one
 * process is not safe. So the recorder's worker owns the only connection, and everything else that
 * reads or writes the store (the REST API, the audit trail) asks the recorder. DuckDbStore runs its
 * calls one at a time in call order, so a request's write and the recorder's batches never
 * interleave, and requests run in the order they arrive.
 */
export class RecorderStoreService {
  private store: Store | undefined;
  private opening: Promise<Store> | undefined;
  private stopped = false;

  constructor(
    private readonly spec: string,
    private readonly logger: Logger,
  ) {}

  /**
   * A handle for the BufferedStoreWriter: opening it opens (or shares) the connection; its close()
   * — the writer closes the store after a failed write, to reopen it after a backoff — closes the
   * shared connection, so the next request or write opens a fresh one.
   */
  openForWriter(): Promise<Store> {
    return this.acquire().then((store) => ({
      kind: store.kind,
      description: store.description,
      write: (batch) => store.write(batch),
      count: (table) => store.count(table),
      read: (table, options) => store.read(table, options),
      candleOpenTimes: (query) => store.candleOpenTimes(query),
      tradeTimeBounds: (query) => store.tradeTimeBounds(query),
      close: () => this.release(store),
    }));
  }

  /** Runs one request; never throws: a failure is the reply `{ok: false, code, message}` with the store's code. */
  async answer(call: RecorderStoreCall): Promise<RecorderStoreReply> {
    try {
      const store = await this.acquire();
      return { ok: true, value: await run(store, call) };
    } catch (error) {
      return { ok: false, code: isZvtError(error) ? error.code : ZVT_ERR_STORE_QUERY, message: describeError(error) };
    }
  }

  /**
   * After the writer closed: closes the connection if a request opened it again (or the writer never
   * needed one), and refuses later requests instead of reopening the file.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    const store = this.store ?? (await this.opening?.catch(() => undefined));
    this.store = undefined;
    await store?.close().catch(() => undefined);
  }

  private acquire(): Promise<Store> {
    if (this.stopped) return Promise.reject(storeError(ZVT_ERR_STORE_CLOSED, 'the recorder has stopped; its store is closed'));
    if (this.store !== undefined) return Promise.resolve(this.store);
    this.opening ??= openStore(this.spec, { logger: this.logger }).then(
      (store) => {
        this.opening = undefined;
        this.store = store;
        return store;
      },
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  private release(store: Store): Promise<void> {
    if (this.store === store) this.store = undefined;
    return store.close();
  }
}

function run(store: Store, call: RecorderStoreCall): Promise<unknown> {
  switch (call.method) {
    case 'write':
      return store.write(call.batch);
    case 'count':
      return store.count(call.table);
    case 'read':
      return store.read(call.table, call.options);
    case 'candleOpenTimes':
      return store.candleOpenTimes(call.query);
    case 'tradeTimeBounds':
      return store.tradeTimeBounds(call.query);
  }
}
