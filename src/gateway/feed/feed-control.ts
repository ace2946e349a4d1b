// Client → server control frames of /v1/feed: small JSON text frames, parsed and validated into typed requests.

/*
 *   {"op":"subscribe","topics":["book.binance:BTC-USDT","bbo.all:BTC-USDT"],"id":1}
 *   {"op":"unsubscribe","topics":["bbo.all:BTC-USDT"],"id":2}
 *   {"op":"snapshot","topics":["book.binance:BTC-USDT"],"id":3}
 *   {"op":"instruments","id":4}
 * "id" is optional (a u32 the answers echo as request_id; 0 when absent). JSON rather than
 * FlatBuffers: control traffic is rare, and a client can be written with any WebSocket library.
 */

export const FEED_CONTROL_OPS = ['subscribe', 'unsubscribe', 'snapshot', 'instruments'] as const;
export type FeedControlOp = (typeof FEED_CONTROL_OPS)[number];

/** Topics one request may name. */
export const MAX_TOPICS_PER_REQUEST = 1024;
const MAX_REQUEST_ID = 0xffff_ffff;

export type FeedControlRequest =
  | { op: 'subscribe' | 'unsubscribe' | 'snapshot'; id: number; topics: string[] }
  | { op: 'instruments'; id: number };

export interface FeedControlProblem {
  /** The request's id when it could be read, else 0. */
  id: number;
  message: string;
}

export function parseFeedControl(text: string): FeedControlRequest | FeedControlProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { id: 0, message: 'control frame is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: 0, message: 'control frame must be a JSON object' };
  const request = value as Record<string, unknown>;
  const rawId = request.id ?? 0;
  if (typeof rawId !== 'number' || !Number.isInteger(rawId) || rawId < 0 || rawId > MAX_REQUEST_ID) {
    return { id: 0, message: `"id" must be an integer in [0, ${MAX_REQUEST_ID}]` };
  }
  const id = rawId;
  const op = request.op;
  if (typeof op !== 'string' || !(FEED_CONTROL_OPS as readonly string[]).includes(op)) {
    return { id, message: `"op" must be one of ${FEED_CONTROL_OPS.join(', ')}` };
  }
  const known = op === 'instruments' ? ['op', 'id'] : ['op', 'id', 'topics'];
  const unknown = Object.keys(request).find((key) => !known.includes(key));
  if (unknown !== undefined) return { id, message: `unknown field "${unknown}" for op "${op}"` };
  if (op === 'instruments') return { op, id };
  const topics = request.topics;
  if (!Array.isArray(topics) || topics.length === 0 || topics.length > MAX_TOPICS_PER_REQUEST || !topics.every((topic) => typeof topic === 'string')) {
    return { id, message: `"topics" must be an array of 1 to ${MAX_TOPICS_PER_REQUEST} topic names` };
  }
  return { op: op as 'subscribe' | 'unsubscribe' | 'snapshot', id, topics: topics };
}

export function isFeedControlProblem(value: FeedControlRequest | FeedControlProblem): value is FeedControlProblem {
  return 'message' in value;
}
