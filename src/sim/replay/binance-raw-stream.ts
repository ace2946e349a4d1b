// Binance's raw stream endpoint (`/ws`) served from a recorded combined-stream connection (`/stream?streams=`).
import type { RecordedConnection } from '../recording/recording-format.js';
import { readStreamRequest, STREAM_ERROR, streamErrorReply as errorReply } from '../dialects/binance/public-ws/stream-request.js';
import { pathAndQuery } from './url-match.js';

/*
 * Binance serves the same streams on two endpoints of one server
 * (https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md, "General
 * WSS information"; USD-M futures works the same way):
 *   - combined: `/stream?streams=a/b`, every event wrapped as `{"stream":"a","data":<payload>}`;
 *   - raw: `/ws` or `/ws/<stream>`, the payload alone, streams added and removed with
 *     `{"method":"SUBSCRIBE","params":["a"],"id":1}` → `{"result":null,"id":1}` (also UNSUBSCRIBE,
 *     LIST_SUBSCRIPTIONS, and SET_PROPERTY/GET_PROPERTY "combined", which turns the wrapper on).
 * A recorded combined connection therefore holds everything a raw client of the same streams would
 * have been sent: this class speaks the raw endpoint's control protocol itself and passes each
 * recorded event through, unwrapped, when the client subscribed to its stream. Nothing is invented:
 * a frame is the recorded payload's exact bytes; a stream the recording does not hold is refused
 * with Binance's error shape instead of being accepted and then never served (the only place this
 * departs from the live endpoint, which would accept it — a replay cannot).
 */

/** `{"stream":"<name>","data":` — the exact prefix of Binance's combined-stream wrapper. */
const WRAPPER_PREFIX = /^\{"stream":"([^"\\]+)","data":/;

export class BinanceRawStream {
  private readonly subscriptions = new Set<string>();
  private combined = false;

  private constructor(
    /** Address of the recorded combined connection this client is served from. */
    readonly recordedAddress: string,
    /** Streams that recorded connection carries: the only ones a replay can serve. */
    readonly recordedStreams: ReadonlySet<string>,
  ) {}

  /**
   * The raw-endpoint session for an upgrade request, or null when the request is not for Binance's
   * `/ws` endpoint or the recording has no combined connection to serve it from. A `/ws/<stream>`
   * path subscribes that stream from the start, as Binance does; any other path segment (ccxt
   * connects to `/ws/0`, `/ws/1`, ... to spread its subscriptions) subscribes nothing.
   */
  static forRequest(venue: string, requestUrl: string, connections: readonly RecordedConnection[]): BinanceRawStream | null {
    if (!venue.startsWith('binance')) return null;
    const path = pathAndQuery(requestUrl).path;
    if (path !== '/ws' && !path.startsWith('/ws/')) return null;
    const pathStream = path.startsWith('/ws/') ? decodeURIComponent(path.slice('/ws/'.length)) : '';
    const combined = connections
      .map((connection) => ({ address: connection.address, streams: recordedStreamsOf(connection.address) }))
      .filter((entry) => entry.streams !== null);
    // One combined connection in every recording so far; with several, the one carrying the path's stream.
    const chosen = combined.find((entry) => entry.streams!.has(pathStream)) ?? combined[0];
    if (chosen === undefined) return null;
    const session = new BinanceRawStream(chosen.address, chosen.streams!);
    if (session.recordedStreams.has(pathStream)) session.subscriptions.add(pathStream);
    return session;
  }

  /** Nothing subscribed: no recorded event is for this client yet, so the replay waits for it. */
  get idle(): boolean {
    return this.subscriptions.size === 0;
  }

  get subscribed(): readonly string[] {
    return [...this.subscriptions];
  }

  /** The endpoint's reply to a client frame; null for frames the endpoint does not answer (none in practice). */
  onClientFrame(frame: string): string | null {
    const request = readStreamRequest(frame);
    if (!request.ok) return request.reply;
    const { method, params, id } = request;
    switch (method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        if (!Array.isArray(params) || !params.every((param): param is string => typeof param === 'string')) {
          return errorReply(STREAM_ERROR.invalidRequest, 'Invalid request: params must be a list of stream names', id);
        }
        if (method === 'UNSUBSCRIBE') {
          for (const stream of params) this.subscriptions.delete(stream);
          return JSON.stringify({ result: null, id });
        }
        const unrecorded = params.filter((stream) => !this.recordedStreams.has(stream));
        if (unrecorded.length > 0) {
          return errorReply(STREAM_ERROR.invalidRequest, `Invalid request: not in the replayed recording: ${unrecorded.join(', ')} (recorded: ${[...this.recordedStreams].join(', ')})`, id);
        }
        for (const stream of params) this.subscriptions.add(stream);
        return JSON.stringify({ result: null, id });
      }
      case 'LIST_SUBSCRIPTIONS':
        return JSON.stringify({ result: [...this.subscriptions], id });
      case 'SET_PROPERTY': {
        if (!Array.isArray(params) || params[0] !== 'combined') return errorReply(STREAM_ERROR.unknownProperty, 'Unknown property', id);
        if (typeof params[1] !== 'boolean') return errorReply(STREAM_ERROR.invalidValueType, 'Invalid value type: expected Boolean', id);
        this.combined = params[1];
        return JSON.stringify({ result: null, id });
      }
      case 'GET_PROPERTY':
        if (!Array.isArray(params) || params[0] !== 'combined') return errorReply(STREAM_ERROR.unknownProperty, 'Unknown property', id);
        return JSON.stringify({ result: this.combined, id });
      default:
        return errorReply(STREAM_ERROR.invalidRequest, `Invalid request: unknown variant ${JSON.stringify(method)}, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\``, id);
    }
  }

  /**
   * What this client is sent for a frame of the recorded combined connection: the event's payload
   * (its exact recorded bytes) when the client subscribed to its stream, the whole wrapper when it
   * set `combined`, null when the event is not for it (another stream, or a reply to the
   * recorder's own requests, which this client never made).
   */
  outbound(recordedFrame: string): string | null {
    const match = WRAPPER_PREFIX.exec(recordedFrame);
    if (match !== null && recordedFrame.endsWith('}')) {
      if (!this.subscriptions.has(match[1]!)) return null;
      return this.combined ? recordedFrame : recordedFrame.slice(match[0].length, -1);
    }
    // Not Binance's compact wrapper text: read it as JSON (same result, re-serialised payload).
    let parsed: unknown;
    try {
      parsed = JSON.parse(recordedFrame);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { stream, data } = parsed as { stream?: unknown; data?: unknown };
    if (typeof stream !== 'string' || data === undefined || !this.subscriptions.has(stream)) return null;
    return this.combined ? recordedFrame : JSON.stringify(data);
  }
}

/** Stream names of a recorded combined-stream address, or null when it is not one. */
function recordedStreamsOf(address: string): Set<string> | null {
  const { path, query } = pathAndQuery(address);
  if (path !== '/stream') return null;
  const streams = new URLSearchParams(query).get('streams');
  return streams === null || streams === '' ? null : new Set(streams.split('/'));
}
