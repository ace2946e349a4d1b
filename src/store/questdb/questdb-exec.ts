// Runs SQL on QuestDB's HTTP /exec endpoint (DDL at open, reads); ingestion goes through ILP, not here.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { QuestDbStoreSpec } from '../store-spec.js';

/** The JSON /exec answers with: `ddl` for DDL, `columns` + `dataset` for a query, `error` on failure. */
export interface QuestDbExecResponse {
  ddl?: string;
  columns?: { name: string; type: string }[];
  dataset?: unknown[][];
  count?: number;
  error?: string;
  position?: number;
}

export interface QuestDbExecResult {
  status: number;
  body: QuestDbExecResponse;
}

const EXEC_TIMEOUT_MS = 30_000;

/**
 * GET /exec?query=<sql> with the store's credentials. Resolves with the HTTP status and parsed body
 * whatever the status (the caller decides what an error means); rejects only when there is no
 * answer (connection refused, timeout, a body that is not JSON). node:http(s) rather than fetch,
 * so `tls_verify=unsafe_off` is honoured as the ILP client honours it.
 */
export function questDbExec(spec: QuestDbStoreSpec, sql: string): Promise<QuestDbExecResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (spec.token !== undefined) headers.authorization = `Bearer ${spec.token}`;
  else if (spec.username !== undefined && spec.password !== undefined) headers.authorization = `Basic ${Buffer.from(`${spec.username}:${spec.password}`).toString('base64')}`;
  const options = {
    host: spec.host,
    port: spec.port,
    path: `/exec?query=${encodeURIComponent(sql)}`,
    method: 'GET',
    headers,
    timeout: EXEC_TIMEOUT_MS,
    ...(spec.protocol === 'https' ? { rejectUnauthorized: spec.tlsVerify } : {}),
  };
  return new Promise((resolve, reject) => {
    const outgoing = (spec.protocol === 'https' ? httpsRequest : httpRequest)(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as QuestDbExecResponse });
        } catch {
          reject(new Error(`HTTP ${response.statusCode ?? 0} from /exec with a body that is not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from /exec within ${EXEC_TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}
