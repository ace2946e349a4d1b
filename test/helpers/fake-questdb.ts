// A QuestDB stand-in on 127.0.0.1:<port> speaking just enough HTTP for the store: /settings, /exec (DDL, count), /write (ILP).
//
// It is strict where QuestDB is: every ILP line is parsed (ilp-line.ts) and checked against the
// tables created through /exec (known table, known columns, the right type per column, the
// designated timestamp), and rows are kept per table deduplicated on the DEDUP UPSERT KEYS of that
// DDL, last write wins, as QuestDB does. Tests steer its behaviour to make the store slow (stall),
// failing (any status), or gone (kill, then restart on the same port).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseIlpBody, type IlpField, type IlpLine } from './ilp-line.js';

export interface FakeTable {
  columns: Map<string, string>;
  timestamp: string;
  dedupKeys: string[];
  /** Rows by dedup key. */
  rows: Map<string, IlpLine>;
}

export interface WriteRequest {
  lines: IlpLine[];
  /** Status answered, or 0 when the connection was cut before any answer. */
  status: number;
}

export type FakeMode = { kind: 'accept' } | { kind: 'status'; status: number } | { kind: 'stall' };

interface Stalled {
  lines: IlpLine[];
  response: ServerResponse;
  request: WriteRequest;
}

const TYPE_OF_FIELD: Record<IlpField['type'], string[]> = {
  int: ['INT', 'LONG'],
  decimal: ['DECIMAL(38, 18)'],
  timestamp_ns: ['TIMESTAMP_NS'],
  string: ['VARCHAR'],
  boolean: ['BOOLEAN'],
};

export class FakeQuestDb {
  readonly tables = new Map<string, FakeTable>();
  readonly ddl: string[] = [];
  readonly queries: string[] = [];
  readonly writes: WriteRequest[] = [];
  /** Problems found in lines the client sent (each also answered 400). */
  readonly lineErrors: string[] = [];
  mode: FakeMode = { kind: 'accept' };
  protocolVersions: number[] = [1, 2, 3];
  /** Extra answers for /exec queries other than DDL and `SELECT count() FROM t`. */
  onQuery: ((sql: string) => { status: number; body: unknown } | undefined) | undefined;
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly stalled: Stalled[] = [];
  private constructor(private port_: number) {
    this.server = this.createHttpServer();
  }

  static async start(): Promise<FakeQuestDb> {
    const fake = new FakeQuestDb(0);
    await fake.listen();
    return fake;
  }

  get port(): number {
    return this.port_;
  }

  /** Client configuration string for this server; `extra` is appended (`retry_timeout=200;` ...). */
  clientConfig(extra = ''): string {
    return `http::addr=127.0.0.1:${this.port_};${extra}`;
  }

  /** Lines accepted over all requests, duplicates included (what went over the wire and was committed). */
  acceptedLineCount(): number {
    return this.writes.filter((write) => write.status === 204).reduce((sum, write) => sum + write.lines.length, 0);
  }

  rowsOf(table: string): IlpLine[] {
    return [...(this.tables.get(table)?.rows.values() ?? [])];
  }

  /** Answers every stalled request according to the current mode. */
  releaseStalled(): void {
    for (const stalled of this.stalled.splice(0)) this.answer(stalled.lines, stalled.response, stalled.request);
  }

  /** The server dies: stalled requests get no answer (their lines committed first if `commitStalled`), every socket is cut. */
  async kill(options: { commitStalled: boolean }): Promise<void> {
    for (const stalled of this.stalled.splice(0)) {
      if (options.commitStalled) this.commit(stalled.lines);
      stalled.request.status = 0;
    }
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }

  /** Comes back on the same port, with its tables (a restarted QuestDB keeps its data). */
  async restart(): Promise<void> {
    this.server = this.createHttpServer();
    await this.listen();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) {
      this.server.close();
      await once(this.server, 'close');
    }
  }

  private async listen(): Promise<void> {
    this.server.listen(this.port_, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    if (typeof address === 'object' && address !== null) this.port_ = address.port;
  }

  private createHttpServer(): Server {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.route(request, response, Buffer.concat(chunks).toString('utf8')));
    });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private route(request: IncomingMessage, response: ServerResponse, body: string): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/settings') {
      this.json(response, 200, { config: { 'line.proto.support.versions': this.protocolVersions } });
    } else if (request.method === 'GET' && url.pathname === '/exec') {
      this.exec(response, url.searchParams.get('query') ?? '');
    } else if (request.method === 'POST' && url.pathname === '/write') {
      this.write(response, body, url);
    } else {
      this.json(response, 404, { error: `no route ${request.method ?? ''} ${url.pathname}` });
    }
  }

  private exec(response: ServerResponse, sql: string): void {
    this.queries.push(sql);
    const create = /^CREATE TABLE IF NOT EXISTS (\w+) \(\n([\s\S]+)\n\) TIMESTAMP\((\w+)\) PARTITION BY DAY WAL\nDEDUP UPSERT KEYS\(([\w, ]+)\)$/.exec(sql);
    if (create !== null) {
      const [, name, body, timestamp, keys] = create as unknown as [string, string, string, string, string];
      const columns = new Map(body.split(',\n').map((line) => /^ {2}(\w+) (.+)$/.exec(line)!.slice(1, 3) as [string, string]));
      if (!columns.has(timestamp) || columns.get(timestamp) !== 'TIMESTAMP_NS') return this.json(response, 400, { error: `designated timestamp ${timestamp} is not a TIMESTAMP_NS column` });
      const dedupKeys = keys.split(', ');
      if (dedupKeys[0] !== timestamp || dedupKeys.some((key) => !columns.has(key))) return this.json(response, 400, { error: `bad dedup keys ${keys}` });
      this.ddl.push(sql);
      if (!this.tables.has(name)) this.tables.set(name, { columns, timestamp, dedupKeys, rows: new Map() });
      return this.json(response, 200, { ddl: 'OK' });
    }
    const count = /^SELECT count\(\) FROM (\w+)$/.exec(sql);
    if (count !== null && this.tables.has(count[1]!)) {
      return this.json(response, 200, { query: sql, columns: [{ name: 'count', type: 'LONG' }], dataset: [[this.tables.get(count[1]!)!.rows.size]], count: 1 });
    }
    const custom = this.onQuery?.(sql);
    if (custom !== undefined) return this.json(response, custom.status, custom.body);
    this.json(response, 400, { query: sql, error: 'the fake QuestDB does not know this query', position: 0 });
  }

  private write(response: ServerResponse, body: string, url: URL): void {
    const request: WriteRequest = { lines: [], status: 0 };
    this.writes.push(request);
    let lines: IlpLine[];
    try {
      if (url.searchParams.get('precision') !== 'n') throw new Error(`precision must be n, got ${url.searchParams.get('precision')}`);
      lines = parseIlpBody(body);
      lines.forEach((line, index) => this.check(line, index));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lineErrors.push(message);
      request.status = 400;
      return this.json(response, 400, { code: 'invalid', message, line: 1, errorId: 'fake-1' });
    }
    request.lines = lines;
    if (this.mode.kind === 'stall') {
      this.stalled.push({ lines, response, request });
      return;
    }
    this.answer(lines, response, request);
  }

  private answer(lines: IlpLine[], response: ServerResponse, request: WriteRequest): void {
    if (this.mode.kind === 'status') {
      request.status = this.mode.status;
      return this.json(response, this.mode.status, { code: 'internal error', message: 'fake failure', line: 0, errorId: 'fake-2' });
    }
    // A request is all or nothing here: every line is valid before anything is committed.
    this.commit(lines);
    request.status = 204;
    response.writeHead(204).end();
  }

  private commit(lines: IlpLine[]): void {
    for (const line of lines) {
      const table = this.tables.get(line.table)!;
      const key = table.dedupKeys.map((column) => (column === table.timestamp ? String(line.timestamp) : (line.symbols[column] ?? fieldText(line.fields[column])))).join('\u0000');
      table.rows.set(key, line);
    }
  }

  /** What QuestDB would refuse: unknown table or column, a value of the wrong type, a symbol written to a non-SYMBOL column. */
  private check(line: IlpLine, index: number): void {
    const table = this.tables.get(line.table);
    if (table === undefined) throw new Error(`line ${index}: table ${line.table} was never created`);
    for (const [name] of Object.entries(line.symbols)) {
      if (table.columns.get(name) !== 'SYMBOL') throw new Error(`line ${index}: ${line.table}.${name} is not a SYMBOL column (${table.columns.get(name) ?? 'missing'})`);
    }
    for (const [name, field] of Object.entries(line.fields)) {
      const type = table.columns.get(name);
      if (type === undefined || !TYPE_OF_FIELD[field.type].includes(type)) throw new Error(`line ${index}: ${line.table}.${name} is ${type ?? 'missing'}, got a ${field.type}`);
      if (name === table.timestamp) throw new Error(`line ${index}: the designated timestamp ${name} sent as a field`);
    }
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function fieldText(field: IlpField | undefined): string {
  if (field === undefined) return '';
  return String(field.value);
}
