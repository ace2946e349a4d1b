// Typed wire shapes of the OKX v5 messages this adapter sends and reads (public WebSocket and instruments REST).

/*
 * Shapes as documented at https://www.okx.com/docs-v5/en/ (sections named on each type). Prices and
 * sizes are decimal text and stay text here: the checksum is computed over the exact strings sent.
 * Fields the adapter does not read are listed when the documentation names them, marked optional,
 * so a reader sees the whole message without the parser depending on them.
 */

/** A subscription argument (`arg` in pushes and acks, an element of `args` in requests). */
export interface OkxChannelArgument {
  channel: string;
  instId?: string;
  instType?: string;
  instFamily?: string;
}

/** `{"op":"subscribe","args":[...]}` (overview-websocket-subscribe / -unsubscribe). */
export interface OkxSubscriptionRequest {
  op: 'subscribe' | 'unsubscribe';
  args: OkxChannelArgument[];
  /** Optional client id echoed in the response; this adapter does not send one. */
  id?: string;
}

/** `[price, size, deprecated (always "0"), order count]` (order-book-trading-market-data-ws-order-book-channel). */
export type OkxBookLevel = [price: string, size: string, deprecated: string, orderCount: string];

/** One element of `data` of the books, books-l2-tbt and books50-l2-tbt channels. */
export interface OkxBookData {
  asks: OkxBookLevel[];
  bids: OkxBookLevel[];
  /** Order book generation time, epoch milliseconds as text. */
  ts?: string;
  /** CRC32 of the best 25 levels per side as a signed int32; 0 once OKX stops computing it (announced for 23 June 2026). */
  checksum?: number;
  /** The seqId of the previous message of this instrument; -1 on a snapshot. */
  prevSeqId: number;
  seqId: number;
}

/** A books push: `action` says snapshot (a full book) or update (changed levels, size "0" deletes). */
export interface OkxBookPush {
  arg: OkxChannelArgument & { instId: string };
  action: 'snapshot' | 'update';
  data: OkxBookData[];
}

/** One element of `data` of the bbo-tbt channel (a one-level snapshot per push, no action, no checksum). */
export interface OkxBestBidOfferData {
  asks: OkxBookLevel[];
  bids: OkxBookLevel[];
  /** For bbo-tbt, the time the push was triggered (epoch milliseconds as text). */
  ts?: string;
  seqId?: number;
}

export interface OkxBestBidOfferPush {
  arg: OkxChannelArgument & { instId: string };
  data: OkxBestBidOfferData[];
}

/** One element of `data` of the trades channel (order-book-trading-market-data-ws-trades-channel). */
export interface OkxTrade {
  instId: string;
  /** The last trade id of the aggregation (one message per taker order, price and source). */
  tradeId: string;
  px: string;
  sz: string;
  /** The taker's side. */
  side: 'buy' | 'sell';
  /** Fill time, epoch milliseconds as text. */
  ts: string;
  /** How many maker fills were aggregated into this message. */
  count?: string;
  /** `0` normal order, `1` Enhanced Liquidity Program order. */
  source?: string;
  seqId?: number;
}

export interface OkxTradesPush {
  arg: OkxChannelArgument & { instId: string };
  data: OkxTrade[];
}

/** `{"event":"subscribe"|"unsubscribe","arg":{...},"connId":"..."}`. */
export interface OkxSubscriptionEvent {
  id?: string;
  event: 'subscribe' | 'unsubscribe';
  arg: OkxChannelArgument;
  connId: string;
}

/** `{"event":"error","code":"60012","msg":"...","connId":"..."}`; `notice` (code 64008) warns of a disconnect for a service upgrade. */
export interface OkxErrorEvent {
  id?: string;
  event: 'error' | 'notice';
  code: string;
  msg: string;
  connId?: string;
}

/** Connection-count events (overview-websocket-connection-count-limit); documented for private channels. */
export interface OkxConnectionCountEvent {
  event: 'channel-conn-count' | 'channel-conn-count-error';
  channel: string;
  connCount: string;
  connId: string;
}

/** Every REST response: `code` "0" is success, anything else is an error described by `msg`. */
export interface OkxRestResponse<T> {
  code: string;
  msg: string;
  data: T[];
}

/** An element of GET /api/v5/public/instruments (public-data-rest-api-get-instruments); fields used here. */
export interface OkxInstrument {
  instType: string;
  instId: string;
  /** Underlying, e.g. `BTC-USD`; derivatives only. */
  uly?: string;
  /** Instrument family, e.g. `BTC-USD`; derivatives only. */
  instFamily?: string;
  /** Spot only. */
  baseCcy?: string;
  quoteCcy?: string;
  /** Derivatives only. */
  settleCcy?: string;
  ctVal?: string;
  ctMult?: string;
  ctValCcy?: string;
  /** `linear` or `inverse`; derivatives only. */
  ctType?: string;
  /** Epoch milliseconds as text; the delivery time for FUTURES. */
  expTime?: string;
  tickSz: string;
  lotSz: string;
  /** `live`, `suspend`, `preopen` or `test`. */
  state: string;
}
