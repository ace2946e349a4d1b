// Typed shapes of the recorded-session format 2 (../shared/data/recordings/README.md).

export interface RecordingHeader {
  t: 'header';
  format: 2;
  /** Upper-case venue name as the recorder wrote it: BINANCE, BYBIT, COINBASE, ... */
  exchange: string;
  config?: Record<string, unknown>;
  /** Unix seconds. */
  recorded: number;
}

/** A REST response, body verbatim. */
export interface RecordedHttp {
  t: 'http';
  conn: string;
  ts: number;
  url: string;
  data: string;
}

export interface RecordedConnect {
  t: 'connect';
  conn: string;
  ts: number;
  addr: string;
}

/** A frame the client sent (subscriptions). */
export interface RecordedSend {
  t: 'send';
  conn: string;
  ts: number;
  addr: string;
  data: string;
}

/** A frame the exchange sent, verbatim. */
export interface RecordedReceive {
  t: 'recv';
  conn: string;
  ts: number;
  data: string;
}

export type RecordingEvent = RecordingHeader | RecordedHttp | RecordedConnect | RecordedSend | RecordedReceive;

/** One recorded WebSocket connection, its frames in receive order. */
export interface RecordedConnection {
  conn: string;
  /** The URL the recorder connected to (wss://...). */
  address: string;
  connectTs: number;
  /** Every frame in order: what the client sent and what it received. */
  frames: readonly { direction: 'send' | 'recv'; ts: number; data: string }[];
}

/** A whole recording, loaded: small enough for memory (tens of MB at most per session file). */
export interface Recording {
  path: string;
  header: RecordingHeader;
  /** Venue id per DESIGN §3 (lowercase), from the header's exchange name. */
  venue: string;
  http: readonly RecordedHttp[];
  connections: readonly RecordedConnection[];
}
