// Mounts the live dashboard on the gateway's uWS app: `/` redirects to `/dashboard/`, `/dashboard/*` serves the page's files from memory.
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { DASHBOARD_PATH, loadDashboardFiles, type DashboardFile, type DashboardFileOptions, type DashboardFileSet } from './dashboard-files.js';

export interface DashboardRouteOptions extends DashboardFileOptions {
  /** Also redirect `/` to the dashboard (default true). */
  readonly redirectRoot?: boolean | undefined;
}

/*
 * Every answer is written synchronously inside the request callback from files loaded at startup,
 * so no onAborted handler is needed and no request ever touches the disk or the event loop's time.
 * Only the URL paths in the file set exist: `..`, `%2e%2e`, `//` and the like simply miss the map.
 */
export function registerDashboardRoutes(app: TemplatedApp, options: DashboardRouteOptions = {}): DashboardFileSet {
  const set = loadDashboardFiles(options);
  if (options.redirectRoot ?? true) app.get('/', (response) => redirect(response, DASHBOARD_PATH));
  app.get('/dashboard', (response) => redirect(response, DASHBOARD_PATH));
  const serve = (response: HttpResponse, request: HttpRequest, head: boolean): void => {
    const path = request.getUrl();
    const file = set.files.get(path === DASHBOARD_PATH ? `${DASHBOARD_PATH}index.html` : path);
    if (file === undefined) {
      const missing = set.missingModules !== null && path.startsWith(`${DASHBOARD_PATH}js/`);
      response
        .writeStatus(missing ? '503 Service Unavailable' : '404 Not Found')
        .writeHeader('content-type', 'text/plain; charset=utf-8')
        .writeHeader('cache-control', 'no-store')
        .end(missing ? `the dashboard is not built: ${set.missingModules}\n` : 'no such dashboard file\n');
      return;
    }
    send(response, file, request.getHeader('if-none-match'), head);
  };
  app.get(`${DASHBOARD_PATH}*`, (response, request) => serve(response, request, false));
  app.head(`${DASHBOARD_PATH}*`, (response, request) => serve(response, request, true));
  return set;
}

function send(response: HttpResponse, file: DashboardFile, ifNoneMatch: string, head: boolean): void {
  // Names carry no content hash, so the browser must revalidate every time; the ETag makes that a 304.
  if (ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag)) {
    response.writeStatus('304 Not Modified').writeHeader('etag', file.etag).writeHeader('cache-control', 'no-cache').endWithoutBody();
    return;
  }
  response
    .writeStatus('200 OK')
    .writeHeader('content-type', file.contentType)
    .writeHeader('cache-control', 'no-cache')
    .writeHeader('etag', file.etag)
    .writeHeader('x-content-type-options', 'nosniff');
  if (file.contentType.startsWith('text/html')) {
    response.writeHeader('x-frame-options', 'DENY').writeHeader('referrer-policy', 'no-referrer');
  }
  if (head) response.endWithoutBody(file.body.length);
  else response.end(file.body);
}

function redirect(response: HttpResponse, location: string): void {
  response.writeStatus('302 Found').writeHeader('location', location).writeHeader('cache-control', 'no-cache').end();
}
