// What the replay server needs from one venue's protocol to answer a client's recovery as the venue would.

/** One channel argument of a client's subscribe or unsubscribe request. */
export interface SubscriptionArgument {
  /** The venue's channel name as the client wrote it (`orderbook.200`, `level2`, `books`). */
  channel: string;
  /** The venue's symbol (`BTCUSDT`, `BTC-USD`, `BTC-USDT`), or the channel itself when it has none. */
  symbol: string;
  /** True for the order-book channel the tracker keeps books for. */
  book: boolean;
}

export interface SubscriptionRequest {
  operation: 'subscribe' | 'unsubscribe';
  args: SubscriptionArgument[];
  /** The client's request id, echoed by venues that have one (Bybit `req_id`, OKX `id`). */
  requestId?: string;
}

/**
 * The books of one recorded connection, kept as the venue keeps them while the recording plays
 * (every received frame the server passes, delivered or withheld), and that venue's wire formats
 * for the frames a recording cannot hold: the acknowledgement of a resubscription and the fresh
 * snapshot that follows it. A recording holds one snapshot per book, so without this a client
 * that resyncs after a gap would wait forever. Cold side: plain Maps and JSON.parse.
 */
export interface ReplayBookTracker {
  /**
   * True when a connection gets a book's frames only after subscribing to it (Bybit, Coinbase,
   * OKX); false when the URL names the streams (Binance), so a reconnect gets them at once.
   */
  readonly booksNeedSubscription: boolean;
  /** Applies a frame the venue sent; returns the symbol of the book it changes, or null. */
  observe(frame: string): string | null;
  /** A client frame that subscribes or unsubscribes channels, or null (heartbeats, anything else). */
  readRequest(frame: string): SubscriptionRequest | null;
  /**
   * The venue's replies to `request` on a session. `subscriptions` is what the session is
   * subscribed to after it (channel → symbols), for venues whose reply lists them (Coinbase).
   */
  acknowledge(request: SubscriptionRequest, sessionId: string, subscriptions: ReadonlyMap<string, ReadonlySet<string>>): string[];
  /** A snapshot of the current book of `symbol` in the venue's wire format, or null while there is none. */
  snapshotFrame(symbol: string): string | null;
  /** The frame with a wrong checksum and intact levels, or null when the venue sends no checksum. */
  corruptChecksum(frame: string): string | null;
  /** Venues that number every message of a connection (Coinbase `sequence_num`): read and rewrite that number. */
  readonly connectionSequence: { of(frame: string): number | null; rewrite(frame: string, value: number): string } | null;
  /** A REST depth response from the current book (Binance), or null to answer as recorded. */
  restDepth(path: string, query: URLSearchParams): string | null;
}
