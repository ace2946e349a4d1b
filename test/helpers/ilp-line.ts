// A strict parser of InfluxDB Line Protocol text lines as QuestDB reads them (tests check every line the client sends).
//
//   table[,symbol=value...] field=value[,field=value...] timestamp
//
// Escapes: table names and symbol/field names and symbol values escape ' ', ',', '=' and '\' with a
// backslash; string field values are double-quoted with '\"' and '\\' escapes. Field value types:
// `12i` integer, `1.5d` decimal (ILP v3 text form), `123n` nanosecond timestamp, `123t` microsecond
// timestamp, `"text"` string, `t`/`f` boolean; anything else would be a float, which the store never
// sends (prices are never floats), so the parser refuses it.

export type IlpField =
  | { type: 'int'; value: bigint }
  | { type: 'decimal'; value: string }
  | { type: 'timestamp_ns'; value: bigint }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean };

export interface IlpLine {
  table: string;
  symbols: Record<string, string>;
  fields: Record<string, IlpField>;
  /** Designated timestamp in nanoseconds (the line must carry one with the `n` unit). */
  timestamp: bigint;
}

/** Parses a request body: one line per '\n', the last one terminated too. Throws with the line and reason on anything off-spec. */
export function parseIlpBody(body: string): IlpLine[] {
  if (body.length > 0 && !body.endsWith('\n')) throw new Error('ILP body does not end with a newline');
  return body
    .split('\n')
    .slice(0, -1)
    .map((line) => parseIlpLine(line));
}

export function parseIlpLine(line: string): IlpLine {
  let index = 0;
  const fail = (reason: string): never => {
    throw new Error(`bad ILP line (${reason} at ${index}): ${JSON.stringify(line)}`);
  };
  /** Reads an escaped name/value up to one of `stops` (unescaped). */
  const readEscaped = (stops: string): string => {
    let text = '';
    while (index < line.length && !stops.includes(line[index]!)) {
      if (line[index] === '\\') {
        const next = line[index + 1];
        if (next === undefined) fail('dangling backslash');
        text += next;
        index += 2;
      } else text += line[index++];
    }
    return text;
  };
  const table = readEscaped(', ');
  if (table === '') fail('empty table name');
  const symbols: Record<string, string> = {};
  while (line[index] === ',') {
    index++;
    const name = readEscaped('=, ');
    if (line[index] !== '=') fail('symbol without "="');
    index++;
    const value = readEscaped(', ');
    if (name === '' || Object.hasOwn(symbols, name)) fail(`empty or repeated symbol ${name}`);
    symbols[name] = value;
  }
  if (line[index] !== ' ') fail('expected a space before the fields');
  index++;
  const fields: Record<string, IlpField> = {};
  for (;;) {
    const name = readEscaped('=, ');
    if (line[index] !== '=') fail('field without "="');
    index++;
    if (name === '' || Object.hasOwn(fields, name) || Object.hasOwn(symbols, name)) fail(`empty or repeated column ${name}`);
    if (line[index] === '"') {
      index++;
      let text = '';
      while (line[index] !== '"') {
        if (index >= line.length) fail('unterminated string');
        if (line[index] === '\\' && (line[index + 1] === '"' || line[index + 1] === '\\')) {
          text += line[index + 1];
          index += 2;
        } else text += line[index++];
      }
      index++;
      fields[name] = { type: 'string', value: text };
    } else {
      const raw = readEscaped(', ');
      fields[name] = parseFieldValue(raw, fail);
    }
    if (line[index] === ',') {
      index++;
      continue;
    }
    break;
  }
  if (line[index] !== ' ') fail('expected a space before the timestamp');
  index++;
  const stamp = line.slice(index);
  if (!/^\d+n$/.test(stamp)) fail('designated timestamp must be nanoseconds with the "n" unit');
  return { table, symbols, fields, timestamp: BigInt(stamp.slice(0, -1)) };
}

function parseFieldValue(raw: string, fail: (reason: string) => never): IlpField {
  if (/^-?\d+i$/.test(raw)) return { type: 'int', value: BigInt(raw.slice(0, -1)) };
  if (/^-?\d+(\.\d+)?d$/.test(raw)) return { type: 'decimal', value: raw.slice(0, -1) };
  if (/^\d+n$/.test(raw)) return { type: 'timestamp_ns', value: BigInt(raw.slice(0, -1)) };
  if (raw === 't' || raw === 'true') return { type: 'boolean', value: true };
  if (raw === 'f' || raw === 'false') return { type: 'boolean', value: false };
  return fail(`unsupported field value ${JSON.stringify(raw)} (floats are never sent)`);
}
