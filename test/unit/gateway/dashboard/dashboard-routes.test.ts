// The dashboard's routes on a real uWS app: redirect, index with its import map, the compiled module closure and flatbuffers runtime with content types and ETags, 404 for anything else (path traversal included).
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { us_listen_socket } from 'uWebSockets.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_ENTRY_MODULE, findPackageRoot, loadDashboardFiles, staticImports } from '../../../../src/gateway/dashboard/dashboard-files.js';
import { registerDashboardRoutes } from '../../../../src/gateway/dashboard/dashboard-routes.js';
import { ZVT_ERR_GATEWAY_DASHBOARD_FILES } from '../../../../src/gateway/errors.js';
import { loadNativeUws } from '../../../../src/platform/uws.js';

const ROOT = findPackageRoot(import.meta.dirname);
let listenSocket: us_listen_socket | undefined;
let base = '';
let port = 0;

beforeAll(async () => {
  // The page's modules are tsc output of the dashboard's own tsconfig.
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'src/gateway/dashboard/client/tsconfig.json'], { cwd: ROOT });
  const uws = loadNativeUws();
  const app = uws.App();
  registerDashboardRoutes(app);
  app.any('/*', (response) => void response.writeStatus('404 Not Found').end('catch-all\n'));
  listenSocket = await new Promise<us_listen_socket>((resolve, reject) => app.listen('127.0.0.1', 0, (socket) => (socket === false ? reject(new Error('listen failed')) : resolve(socket))));
  port = uws.us_socket_local_port(listenSocket);
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(() => {
  if (listenSocket !== undefined) loadNativeUws().us_listen_socket_close(listenSocket);
});

/** A request with the target exactly as written (fetch would normalise `..` away). */
function rawGet(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer.split('\r\n')[0]!));
    socket.on('error', reject);
  });
}

describe('registerDashboardRoutes', () => {
  it('redirects / and /dashboard to /dashboard/, which is the page with its import map', async () => {
    for (const path of ['/', '/dashboard']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location')).toBe('/dashboard/');
    }
    const page = await fetch(`${base}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('"flatbuffers":"/dashboard/vendor/flatbuffers/flatbuffers.js"');
    expect(html).toContain(`src="/dashboard/js/${DASHBOARD_ENTRY_MODULE}"`);
  });

  it('serves the entry module, every module it imports, and the flatbuffers runtime, as JavaScript', async () => {
    const pending = [`/dashboard/js/${DASHBOARD_ENTRY_MODULE}`, '/dashboard/vendor/flatbuffers/flatbuffers.js'];
    const fetched = new Set<string>();
    while (pending.length > 0) {
      const url = pending.pop()!;
      if (fetched.has(url)) continue;
      fetched.add(url);
      const response = await fetch(`${base}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe('text/javascript; charset=utf-8');
      for (const specifier of staticImports(await response.text())) {
        if (specifier === 'flatbuffers') continue;
        expect(specifier, `${url} imports only relative modules or the mapped runtime`).toMatch(/^\.\.?\//);
        pending.push(new URL(specifier, `${base}${url}`).pathname);
      }
    }
    expect(fetched).toContain('/dashboard/js/src/gateway/feed/feed-decoder.js');
    expect(fetched).toContain('/dashboard/js/schema/generated/feed_generated.js');
    expect(fetched).toContain('/dashboard/vendor/flatbuffers/byte-buffer.js');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${base}/dashboard/dashboard.css`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const second = await fetch(`${base}/dashboard/dashboard.css`, { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
  });

  it('serves nothing outside its file set: server modules, sources, traversal, encoded traversal', async () => {
    for (const path of ['/dashboard/nope.html', '/dashboard/js/src/gateway/dashboard/dashboard-routes.js', '/dashboard/js/src/cli/main.js', '/dashboard/js/src/gateway/dashboard/client/dashboard-main.ts']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    for (const target of ['/dashboard/../package.json', '/dashboard/js/../../package.json', '/dashboard/%2e%2e/package.json', '/dashboard/vendor/flatbuffers/../../../package.json', '/dashboard//etc/passwd']) {
      expect(await rawGet(target), target).toMatch(/^HTTP\/1\.1 404/);
    }
  });

  it('reports a missing build instead of a broken page, and refuses a root without the static files', () => {
    const empty = join(ROOT, 'test/unit/gateway/dashboard');
    expect(() => loadDashboardFiles({ packageRoot: empty })).toThrow(expect.objectContaining({ code: ZVT_ERR_GATEWAY_DASHBOARD_FILES }));
    const set = loadDashboardFiles();
    expect(set.missingModules).toBeNull();
  });
});
