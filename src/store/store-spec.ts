// Parses the configuration's `store` string (`duckdb:<path>` or `questdb:<client config string>`) into a StoreSpec.
import { resolve } from 'node:path';
import { SenderOptions } from '@questdb/nodejs-client';
import { describeError, storeError, ZVT_ERR_STORE_SPEC } from './errors.js';

export interface DuckDbStoreSpec {
  kind: 'duckdb';
  /** Absolute path of the database file, or `:memory:`. */
  path: string;
  description: string;
}

export interface QuestDbStoreSpec {
  kind: 'questdb';
  /** The client configuration string (`http::addr=host:9000;...`), as given. */
  clientConfig: string;
  protocol: 'http' | 'https';
  host: string;
  port: number;
  /** HTTP basic credentials or bearer token for /exec (the client uses them for /write). */
  username?: string;
  password?: string;
  token?: string;
  /** false when `tls_verify=unsafe_off`. */
  tlsVerify: boolean;
  /** Milliseconds the client keeps retrying a failed request (`retry_timeout`, client default 10 000). */
  retryTimeoutMs: number;
  description: string;
}

export type StoreSpec = DuckDbStoreSpec | QuestDbStoreSpec;

const QUESTDB_DEFAULT_HTTP_PORT = 9000;
const QUESTDB_DEFAULT_RETRY_TIMEOUT_MS = 10_000;

/**
 * `duckdb:<path>`: a relative path is resolved against the working directory; `duckdb::memory:`
 * is an in-memory database (tests, benchmarks). `questdb:<conf>`: the @questdb/nodejs-client
 * configuration string; only `http` and `https` are accepted, because ILP over TCP confirms
 * nothing and the recorder promises that every confirmed batch is stored. `auto_flush` must be
 * absent or `off`: the store flushes once per batch and awaits the answer.
 */
export function parseStoreSpec(spec: string): StoreSpec {
  if (spec.startsWith('duckdb:')) {
    const path = spec.slice('duckdb:'.length);
    if (path === '') specError(spec, 'a DuckDB store needs a file path: duckdb:<path>');
    const absolute = path === ':memory:' ? path : resolve(path);
    return { kind: 'duckdb', path: absolute, description: `duckdb:${absolute}` };
  }
  if (spec.startsWith('questdb:')) return parseQuestDbSpec(spec, spec.slice('questdb:'.length));
  specError(spec, 'the store must be "duckdb:<path>" or "questdb:<client config string>"');
}

function parseQuestDbSpec(spec: string, clientConfig: string): QuestDbStoreSpec {
  let options: SenderOptions;
  try {
    options = new SenderOptions(clientConfig);
  } catch (error) {
    specError(redact(spec), `invalid QuestDB client configuration: ${describeError(error)}`);
  }
  if (options.protocol !== 'http' && options.protocol !== 'https') {
    specError(redact(spec), `QuestDB over ${options.protocol} cannot confirm writes; use http:: or https:: (ILP over HTTP answers every flush)`);
  }
  if (options.auto_flush === true) {
    specError(redact(spec), 'remove auto_flush=on: the store flushes each batch itself and waits for the confirmation');
  }
  const parsed: QuestDbStoreSpec = {
    kind: 'questdb',
    clientConfig,
    protocol: options.protocol,
    host: options.host ?? 'localhost',
    port: options.port ?? QUESTDB_DEFAULT_HTTP_PORT,
    tlsVerify: options.tls_verify !== false,
    retryTimeoutMs: options.retry_timeout ?? QUESTDB_DEFAULT_RETRY_TIMEOUT_MS,
    description: redact(spec),
  };
  if (options.username !== undefined) parsed.username = options.username;
  if (options.password !== undefined) parsed.password = options.password;
  if (options.token !== undefined) parsed.token = options.token;
  return parsed;
}

/** The spec with secrets masked, for logs. */
export function redact(spec: string): string {
  return spec.replace(/((?:^|;|::)(?:password|token|token_x|token_y)=)(?:[^;]|;;)*/g, '$1***');
}

function specError(spec: string, reason: string): never {
  throw storeError(ZVT_ERR_STORE_SPEC, `store ${JSON.stringify(spec)}: ${reason}`, { spec });
}
