// Reads recorded sessions (gzip JSON lines, format 2) as a stream of validated events.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_RECORDING_FORMAT, ZVT_ERR_RECORDING_READ } from '../errors.js';
import type { RecordedConnection, Recording, RecordingEvent, RecordingHeader } from './recording-format.js';

/** Header `exchange` names of the recorder → venue ids (DESIGN §3). */
const VENUE_OF_EXCHANGE: Readonly<Record<string, string>> = {
  BINANCE: 'binance',
  BINANCE_FUTURES: 'binance-futures',
  OKX: 'okx',
  BYBIT: 'bybit',
  COINBASE: 'coinbase',
};

function formatError(path: string, line: number, problem: string): ZvtError {
  return new ZvtError(ZVT_ERR_RECORDING_FORMAT, `${path}:${line}: ${problem}`, { path, line });
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Validates one parsed line; the first must be the header. */
function toEvent(value: unknown, path: string, line: number): RecordingEvent {
  if (typeof value !== 'object' || value === null) throw formatError(path, line, 'not a JSON object');
  const event = value as Record<string, unknown>;
  const need = (field: string, check: (v: unknown) => boolean, what: string): void => {
    if (!check(event[field])) throw formatError(path, line, `"${String(event.t)}" event needs ${what} "${field}"`);
  };
  switch (event.t) {
    case 'header':
      if (event.format !== 2) throw formatError(path, line, `unsupported recording format ${JSON.stringify(event.format)} (expected 2)`);
      need('exchange', isString, 'a string');
      need('recorded', isNumber, 'a number');
      break;
    case 'http':
      need('conn', isString, 'a string');
      need('ts', isNumber, 'a number');
      need('url', isString, 'a string');
      need('data', isString, 'a string');
      break;
    case 'connect':
      need('conn', isString, 'a string');
      need('ts', isNumber, 'a number');
      need('addr', isString, 'a string');
      break;
    case 'send':
      need('conn', isString, 'a string');
      need('ts', isNumber, 'a number');
      need('data', isString, 'a string');
      break;
    case 'recv':
      need('conn', isString, 'a string');
      need('ts', isNumber, 'a number');
      need('data', isString, 'a string');
      break;
    default:
      throw formatError(path, line, `unknown event type ${JSON.stringify(event.t)}`);
  }
  return event as unknown as RecordingEvent;
}

function openLines(path: string): AsyncIterable<string> {
  const file: Readable = createReadStream(path);
  const source = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  file.on('error', (error) => source.destroy(error));
  return createInterface({ input: source, crlfDelay: Infinity });
}

/** Streams the events of a recording, validating each line; the first event is the header. */
export async function* readRecordingEvents(path: string): AsyncGenerator<RecordingEvent> {
  let line = 0;
  try {
    for await (const text of openLines(path)) {
      line++;
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error: unknown) {
        throw formatError(path, line, `invalid JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      const event = toEvent(parsed, path, line);
      if (line === 1 && event.t !== 'header') throw formatError(path, line, 'the first line must be the "header" event');
      if (line > 1 && event.t === 'header') throw formatError(path, line, 'a second "header" event');
      yield event;
    }
  } catch (error: unknown) {
    if (error instanceof ZvtError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZvtError(ZVT_ERR_RECORDING_READ, `cannot read recording ${path}: ${reason}`, { path });
  }
  if (line === 0) throw formatError(path, 0, 'empty recording');
}

/** Loads a whole recording: header, REST responses, and each WebSocket connection's frames. */
export async function loadRecording(path: string): Promise<Recording> {
  let header: RecordingHeader | undefined;
  const http: Recording['http'][number][] = [];
  const connections = new Map<string, { conn: string; address: string; connectTs: number; frames: RecordedConnection['frames'][number][] }>();
  let line = 0;
  for await (const event of readRecordingEvents(path)) {
    line++;
    switch (event.t) {
      case 'header':
        header = event;
        break;
      case 'http':
        http.push(event);
        break;
      case 'connect':
        if (connections.has(event.conn)) throw formatError(path, line, `connection "${event.conn}" connects twice`);
        connections.set(event.conn, { conn: event.conn, address: event.addr, connectTs: event.ts, frames: [] });
        break;
      case 'send':
      case 'recv': {
        const connection = connections.get(event.conn);
        if (connection === undefined) throw formatError(path, line, `"${event.t}" on connection "${event.conn}" before its "connect"`);
        connection.frames.push({ direction: event.t, ts: event.ts, data: event.data });
        break;
      }
    }
  }
  const venue = VENUE_OF_EXCHANGE[header!.exchange];
  if (venue === undefined) throw formatError(path, 1, `unknown exchange "${header!.exchange}" (known: ${Object.keys(VENUE_OF_EXCHANGE).join(', ')})`);
  return { path, header: header!, venue, http, connections: [...connections.values()] };
}
