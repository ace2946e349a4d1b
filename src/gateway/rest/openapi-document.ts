// Builds the OpenAPI 3.0 document of /v1/openapi.json from the route table and schemas, adding the answers every route of an auth level can give.
import type { RouteSpec } from './rest-routes.js';
import { REST_SCHEMAS } from './rest-schemas.js';

export interface OpenApiInfo {
  readonly title?: string;
  readonly version?: string;
}

const errorResponse = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const RATE_LIMIT_HEADERS = {
  'ZVT-RateLimit-Limit': { description: 'Bucket size (burst)', schema: { type: 'integer' } },
  'ZVT-RateLimit-Remaining': { description: 'Requests left now', schema: { type: 'integer' } },
  'ZVT-RateLimit-Reset': { description: 'Seconds until the bucket is full again', schema: { type: 'integer' } },
};

/** Generic answers by auth level, added unless the route documents the status itself. */
function genericResponses(route: RouteSpec): Record<string, Record<string, unknown>> {
  const generic: Record<string, Record<string, unknown>> = { 500: errorResponse('Internal error (ZVT_ERR_REST_INTERNAL)') };
  if (route.params.length > 0 || route.requestBody !== undefined) {
    generic[400] = errorResponse('Malformed parameter or body (ZVT_ERR_REST_REQUEST, ZVT_ERR_REST_JSON)');
  }
  if (route.requestBody !== undefined) generic[413] = errorResponse('Body too large (ZVT_ERR_REST_BODY_TOO_LARGE)');
  if (route.auth !== 'none') {
    generic[429] = {
      ...errorResponse('Rate limited (ZVT_ERR_AUTH_RATE_LIMITED); retry after Retry-After seconds'),
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } }, ...(route.auth === 'public' ? {} : RATE_LIMIT_HEADERS) },
    };
  }
  if (route.auth !== 'none' && route.auth !== 'public') {
    generic[401] = errorResponse(
      'Missing headers, unknown key, timestamp outside the replay window, bad signature or replayed request (ZVT_ERR_AUTH_MISSING, _UNKNOWN_KEY, _TIMESTAMP, _SIGNATURE, _REPLAY)',
    );
    generic[403] = errorResponse(`The key lacks the ${route.auth} permission (ZVT_ERR_AUTH_FORBIDDEN)`);
    generic[503] = errorResponse('Replay cache full (ZVT_ERR_AUTH_REPLAY_CAPACITY); retry shortly');
  }
  return generic;
}

function content(body: string): Record<string, unknown> {
  if (body === 'text') return { 'text/plain': { schema: { type: 'string' } } };
  return { 'application/json': { schema: { $ref: `#/components/schemas/${body}` } } };
}

export function buildOpenApiDocument(routes: readonly RouteSpec[], info: OpenApiInfo = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = genericResponses(route);
    for (const [status, response] of Object.entries(route.responses)) {
      const documented: Record<string, unknown> = { description: response.description, content: content(response.body) };
      if (route.auth !== 'none' && route.auth !== 'public') documented.headers = RATE_LIMIT_HEADERS;
      responses[status] = documented;
    }
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: route.params.map((param) => ({ name: param.name, in: param.in, required: param.required, description: param.description, schema: param.schema })),
      responses,
      security: route.auth === 'none' || route.auth === 'public' ? [] : [{ apiKey: [], apiTimestamp: [], apiSignature: [] }],
      'x-zvt-auth': route.auth,
    };
    if (route.requestBody !== undefined) operation.requestBody = { required: true, content: content(route.requestBody) };
    (paths[route.path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: info.title ?? 'ZVT engine REST API',
      version: info.version ?? '1',
      description:
        'Decimals are strings (no floats, no exponent); times are epoch ms integers or epoch ns integer strings as named. ' +
        'Signed endpoints need ZVT-API-KEY, ZVT-API-TIMESTAMP (epoch ms) and ZVT-API-SIGNATURE = hex HMAC-SHA256(secret, ' +
        'timestamp + METHOD + path?query + body); see docs/rest.md.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: REST_SCHEMAS,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'ZVT-API-KEY' },
        apiTimestamp: { type: 'apiKey', in: 'header', name: 'ZVT-API-TIMESTAMP' },
        apiSignature: { type: 'apiKey', in: 'header', name: 'ZVT-API-SIGNATURE' },
      },
    },
  };
}
