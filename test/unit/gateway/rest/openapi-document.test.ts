// The generated OpenAPI 3.0 document: every route present with its method, every response described with content, every $ref resolving, auth answers per level.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../../src/gateway/rest/openapi-document.js';
import { REST_ROUTES } from '../../../../src/gateway/rest/rest-routes.js';

interface Operation {
  operationId: string;
  parameters: { name: string; in: string }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  security: unknown[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const document = buildOpenApiDocument(REST_ROUTES) as unknown as Document;

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') out.push(inner);
      else refsIn(inner, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.0 with every route of the table, once, under its method', () => {
    expect(document.openapi).toBe('3.0.3');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`));
    expect(operations.sort()).toEqual(REST_ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path} ${route.operationId}`).sort());
    expect(new Set(REST_ROUTES.map((route) => route.operationId)).size).toBe(REST_ROUTES.length);
  });

  it('documents every response with a description and a body schema, and every path parameter', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(methods)) {
        expect(Object.keys(operation.responses).length, operation.operationId).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(status, operation.operationId).toMatch(/^[1-5]\d\d$/);
          expect(response.description.length, `${operation.operationId} ${status}`).toBeGreaterThan(0);
          expect(Object.keys(response.content ?? {}).length, `${operation.operationId} ${status} content`).toBe(1);
        }
        expect(operation.parameters.filter((param) => param.in === 'path').map((param) => param.name)).toEqual(pathParams);
      }
    }
  });

  it('resolves every $ref to a component schema', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/\w+$/);
      expect(document.components.schemas[ref.split('/').at(-1)!], ref).toBeDefined();
    }
  });

  it('adds the answers each auth level can give', () => {
    const signed = document.paths['/v1/orders']!.post!;
    expect(Object.keys(signed.responses).sort()).toEqual(['201', '202', '400', '401', '403', '413', '422', '429', '500', '503']);
    expect(signed.security).toEqual([{ apiKey: [], apiTimestamp: [], apiSignature: [] }]);
    const publicRoute = document.paths['/v1/instruments']!.get!;
    expect(Object.keys(publicRoute.responses).sort()).toEqual(['200', '400', '429', '500']);
    expect(publicRoute.security).toEqual([]);
    expect(Object.keys(document.paths['/healthz']!.get!.responses).sort()).toEqual(['200', '500']);
  });
});
