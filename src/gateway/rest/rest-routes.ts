// The route table: every REST route's method, path, auth, parameters and bodies — the one source the router mounts and the OpenAPI document is generated from.
import type { ApiPermission } from '../auth/auth-options.js';
import type { JsonSchema } from './rest-schemas.js';

/**
 * Auth levels: 'none' — operational endpoints (health, readiness, metrics), never limited;
 * 'public' — market data, unsigned, limited per client address; a permission — signed with an
 * API key that has it (docs/rest.md, "Authentication").
 */
export type RouteAuth = 'none' | 'public' | ApiPermission;

export type HttpMethod = 'get' | 'post' | 'delete';

export interface RouteParam {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly description: string;
  readonly schema: JsonSchema;
}

export interface RouteResponse {
  readonly description: string;
  /** Schema component name (application/json), or 'text' for text/plain bodies. */
  readonly body: string;
}

export interface RouteSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI form, `{name}` for path parameters. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: RouteAuth;
  readonly params: readonly RouteParam[];
  /** Schema component name of the JSON request body. */
  readonly requestBody?: string;
  /** Success (and route-specific failure) answers; the generic ones (400, 401, 403, 429, 500 ...) are added per auth level. */
  readonly responses: Readonly<Record<number, RouteResponse>>;
}

const instrumentQuery: RouteParam = {
  name: 'instrument',
  in: 'query',
  required: true,
  description: 'Venue instrument id `<venue>:<canonical>`',
  schema: { type: 'string', example: 'binance:BTC-USDT' },
};
const fromQuery: RouteParam = { name: 'from', in: 'query', required: false, description: 'Inclusive start, epoch ms', schema: { type: 'integer' } };
const toQuery: RouteParam = { name: 'to', in: 'query', required: false, description: 'Exclusive end, epoch ms', schema: { type: 'integer' } };
const limitQuery: RouteParam = {
  name: 'limit',
  in: 'query',
  required: false,
  description: 'Most rows (the newest in the range, returned oldest first); default 100, at most 1000',
  schema: { type: 'integer', minimum: 1 },
};
const clientOrderIdPath: RouteParam = {
  name: 'clientOrderId',
  in: 'path',
  required: true,
  description: 'The client order id (the original one or any later cancel id)',
  schema: { type: 'string' },
};
const unknownInstrument: RouteResponse = { description: 'Unknown instrument (ZVT_ERR_REST_UNKNOWN_INSTRUMENT)', body: 'Error' };
const storeDown: RouteResponse = { description: 'The store failed (ZVT_ERR_REST_STORE_UNAVAILABLE)', body: 'Error' };
/** Both bulk-ingestion routes answer alike: rows are validated one by one and the valid ones stored. */
const ingestResponses: Readonly<Record<number, RouteResponse>> = {
  200: { description: 'Every row stored', body: 'IngestResult' },
  207: { description: 'Some rows stored, some refused (see errors)', body: 'IngestResult' },
  400: { description: 'No row stored: every row is invalid (IngestResult) or the request is malformed (Error)', body: 'IngestFailure' },
  404: unknownInstrument,
  503: storeDown,
};
const ordersUnavailable: RouteResponse = { description: 'No order execution is configured on this gateway (ZVT_ERR_REST_ORDERS_UNAVAILABLE)', body: 'Error' };

export const REST_ROUTES = [
  {
    operationId: 'getHealth',
    method: 'get',
    path: '/healthz',
    summary: 'The process is up',
    tag: 'operations',
    auth: 'none',
    params: [],
    responses: { 200: { description: 'Up', body: 'Health' } },
  },
  {
    operationId: 'getReady',
    method: 'get',
    path: '/readyz',
    summary: 'The store answers and the providers are ready',
    tag: 'operations',
    auth: 'none',
    params: [],
    responses: { 200: { description: 'Ready', body: 'Ready' }, 503: { description: 'Not ready; `checks` says what failed', body: 'Ready' } },
  },
  {
    operationId: 'getMetrics',
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    tag: 'operations',
    auth: 'none',
    params: [],
    responses: { 200: { description: 'Metrics', body: 'text' } },
  },
  {
    operationId: 'getOpenApi',
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document',
    tag: 'operations',
    auth: 'public',
    params: [],
    responses: { 200: { description: 'OpenAPI 3.0 document', body: 'OpenApiDocument' } },
  },
  {
    operationId: 'listInstruments',
    method: 'get',
    path: '/v1/instruments',
    summary: 'Instruments the engine serves',
    tag: 'market data',
    auth: 'public',
    params: [
      { name: 'venue', in: 'query', required: false, description: 'Only this venue', schema: { type: 'string' } },
      { name: 'canonical', in: 'query', required: false, description: 'Only this canonical symbol', schema: { type: 'string' } },
    ],
    responses: { 200: { description: 'Instruments in registry order', body: 'InstrumentList' } },
  },
  {
    operationId: 'getInstrument',
    method: 'get',
    path: '/v1/instruments/{instrument}',
    summary: 'One instrument',
    tag: 'market data',
    auth: 'public',
    params: [{ name: 'instrument', in: 'path', required: true, description: '`<venue>:<canonical>`', schema: { type: 'string' } }],
    responses: { 200: { description: 'The instrument', body: 'Instrument' }, 404: unknownInstrument },
  },
  {
    operationId: 'getBook',
    method: 'get',
    path: '/v1/books/{instrument}',
    summary: 'Top levels of a venue book (`<venue>:<canonical>`) or of the consolidated book (`all:<canonical>`)',
    tag: 'market data',
    auth: 'public',
    params: [
      { name: 'instrument', in: 'path', required: true, description: '`<venue>:<canonical>` or `all:<canonical>`', schema: { type: 'string' } },
      { name: 'depth', in: 'query', required: false, description: 'Levels per side; default 20, at most 500', schema: { type: 'integer', minimum: 1 } },
    ],
    responses: { 200: { description: 'VenueBook or ConsolidatedBook', body: 'Book' }, 404: unknownInstrument },
  },
  {
    operationId: 'listTrades',
    method: 'get',
    path: '/v1/trades',
    summary: 'Stored trades of one instrument',
    tag: 'market data',
    auth: 'public',
    params: [instrumentQuery, fromQuery, toQuery, limitQuery],
    responses: { 200: { description: 'Trades, oldest first', body: 'TradeList' }, 404: unknownInstrument, 503: storeDown },
  },
  {
    operationId: 'listCandles',
    method: 'get',
    path: '/v1/candles',
    summary: 'Stored candles of one instrument and timeframe',
    tag: 'market data',
    auth: 'public',
    params: [
      instrumentQuery,
      { name: 'timeframe', in: 'query', required: true, description: '1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w or 1M', schema: { type: 'string' } },
      fromQuery,
      toQuery,
      limitQuery,
    ],
    responses: { 200: { description: 'Candles, oldest first', body: 'CandleList' }, 404: unknownInstrument, 503: storeDown },
  },
  {
    operationId: 'ingestCandles',
    method: 'post',
    path: '/v1/candles',
    summary: 'Bulk-ingest external candles of one series; each row validated, valid rows stored',
    tag: 'ingestion',
    auth: 'ingest',
    params: [],
    requestBody: 'CandleIngestRequest',
    responses: ingestResponses,
  },
  {
    operationId: 'ingestTrades',
    method: 'post',
    path: '/v1/trades',
    summary: 'Bulk-ingest external trades of one instrument; each row validated, valid rows stored',
    tag: 'ingestion',
    auth: 'ingest',
    params: [],
    requestBody: 'TradeIngestRequest',
    responses: ingestResponses,
  },
  {
    operationId: 'createOrder',
    method: 'post',
    path: '/v1/orders',
    summary: 'Place an order for the key\'s account',
    tag: 'trading',
    auth: 'trade',
    params: [],
    requestBody: 'OrderCreate',
    responses: {
      201: { description: 'Accepted (possibly already filled or expired); fills during the call are listed', body: 'OrderResult' },
      202: { description: 'Sent; no answer within orderTimeoutMs yet (list orders to follow it)', body: 'OrderResult' },
      422: { description: 'Refused (ZVT_ERR_REST_ORDER_REJECTED with `reason`)', body: 'Error' },
      503: ordersUnavailable,
    },
  },
  {
    operationId: 'listOrders',
    method: 'get',
    path: '/v1/orders',
    summary: 'Orders of the key\'s account placed since the gateway started (any session)',
    tag: 'trading',
    auth: 'read',
    params: [
      { name: 'symbol', in: 'query', required: false, description: 'Only this canonical symbol', schema: { type: 'string' } },
      { name: 'status', in: 'query', required: false, description: '`open` (new, partially filled) or `all` (default)', schema: { type: 'string', enum: ['open', 'all'] } },
    ],
    responses: { 200: { description: 'Orders, oldest first', body: 'OrderList' } },
  },
  {
    operationId: 'getOrder',
    method: 'get',
    path: '/v1/orders/{clientOrderId}',
    summary: 'One order of the key\'s account',
    tag: 'trading',
    auth: 'read',
    params: [clientOrderIdPath],
    responses: { 200: { description: 'The order', body: 'Order' }, 404: { description: 'Unknown order (ZVT_ERR_REST_UNKNOWN_ORDER)', body: 'Error' } },
  },
  {
    operationId: 'cancelOrder',
    method: 'delete',
    path: '/v1/orders/{clientOrderId}',
    summary: 'Cancel a working order',
    tag: 'trading',
    auth: 'trade',
    params: [
      clientOrderIdPath,
      { name: 'cancelClientOrderId', in: 'query', required: false, description: 'Id of the cancel request (generated when absent)', schema: { type: 'string' } },
    ],
    responses: {
      200: { description: 'Canceled', body: 'OrderResult' },
      202: { description: 'Sent; no answer within orderTimeoutMs yet', body: 'OrderResult' },
      404: { description: 'Unknown order (ZVT_ERR_REST_UNKNOWN_ORDER)', body: 'Error' },
      409: { description: 'Cancel refused (ZVT_ERR_REST_CANCEL_REJECTED with `reason`, e.g. too_late)', body: 'Error' },
      503: ordersUnavailable,
    },
  },
  {
    operationId: 'listPositions',
    method: 'get',
    path: '/v1/positions',
    summary: 'Positions of the key\'s account from its fills since the gateway started',
    tag: 'trading',
    auth: 'read',
    params: [],
    responses: { 200: { description: 'Positions by symbol', body: 'PositionList' } },
  },
  {
    operationId: 'getPortfolio',
    method: 'get',
    path: '/v1/portfolio',
    summary: 'Positions, PnL totals per quote asset, fees and balances of the key\'s account',
    tag: 'trading',
    auth: 'read',
    params: [],
    responses: { 200: { description: 'The portfolio', body: 'Portfolio' } },
  },
] as const satisfies readonly RouteSpec[];

export type OperationId = (typeof REST_ROUTES)[number]['operationId'];
