// The dashboard's servable files, loaded once into memory: static pages, the compiled browser modules the page imports, and the flatbuffers runtime.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZVT_ERR_GATEWAY_DASHBOARD_FILES, gatewayError } from '../errors.js';

/** URL prefix of everything the dashboard serves. */
export const DASHBOARD_PATH = '/dashboard/';
/** The page's entry module, relative to the compiled output root (dist/). */
export const DASHBOARD_ENTRY_MODULE = 'src/gateway/dashboard/client/dashboard-main.js';
/** Where the compiled browser modules are served: `/dashboard/js/<path under dist/>`. */
export const DASHBOARD_MODULES_URL = `${DASHBOARD_PATH}js/`;
/** Where the flatbuffers runtime's ES modules are served (the import map in index.html points here). */
export const DASHBOARD_FLATBUFFERS_URL = `${DASHBOARD_PATH}vendor/flatbuffers/`;

export interface DashboardFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator (content hash): the browser revalidates with If-None-Match and gets 304. */
  readonly etag: string;
}

export interface DashboardFileSet {
  /** URL path (`/dashboard/...`) → file. Only these paths are served: a lookup, never a path join. */
  readonly files: ReadonlyMap<string, DashboardFile>;
  /** Why the page's modules are missing (dist/ not built), or null when they were all found. */
  readonly missingModules: string | null;
}

export interface DashboardFileOptions {
  /** Package root (the directory of zvt-engine's package.json); default: found upward from this module. */
  readonly packageRoot?: string | undefined;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

const PACKAGE_NAME = 'zvt-engine';

/**
 * Loads what the dashboard may serve. Static files come from src/gateway/dashboard/public; the browser
 * modules are the import closure of the entry module in dist/ (the files tsc emitted for the page
 * and nothing else: the server's own modules next to them are never served); the flatbuffers runtime
 * from node_modules/flatbuffers/mjs. Paths resolve from the package root, so the same code works from
 * dist/ and from the sources under vitest. Throws ZVT_ERR_GATEWAY_DASHBOARD_FILES when the static
 * files are missing (a broken install); a missing build only sets `missingModules`.
 */
export function loadDashboardFiles(options: DashboardFileOptions = {}): DashboardFileSet {
  const root = options.packageRoot ?? findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  const files = new Map<string, DashboardFile>();
  const publicDirectory = join(root, 'src/gateway/dashboard/public');
  if (!existsSync(join(publicDirectory, 'index.html'))) {
    throw gatewayError(ZVT_ERR_GATEWAY_DASHBOARD_FILES, `the dashboard's static files are missing: no ${join(publicDirectory, 'index.html')}`, { publicDirectory });
  }
  for (const file of listFiles(publicDirectory)) files.set(DASHBOARD_PATH + toUrlPath(relative(publicDirectory, file)), dashboardFile(file));
  const flatbuffersDirectory = join(root, 'node_modules/flatbuffers/mjs');
  for (const file of listFiles(flatbuffersDirectory)) {
    if (file.endsWith('.js')) files.set(DASHBOARD_FLATBUFFERS_URL + toUrlPath(relative(flatbuffersDirectory, file)), dashboardFile(file));
  }
  const missingModules = addModuleClosure(join(root, 'dist'), files);
  return { files, missingModules };
}

/** Follows the static imports from the entry module; bare specifiers (flatbuffers) go through the page's import map. */
function addModuleClosure(outputRoot: string, files: Map<string, DashboardFile>): string | null {
  const pending = [DASHBOARD_ENTRY_MODULE];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const module = pending.pop()!;
    if (seen.has(module)) continue;
    seen.add(module);
    const path = join(outputRoot, module);
    if (!existsSync(path)) return `${path} does not exist: build the dashboard (npm run build)`;
    const file = dashboardFile(path);
    files.set(DASHBOARD_MODULES_URL + module, file);
    for (const specifier of staticImports(file.body.toString('utf8'))) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const target = posix.normalize(posix.join(posix.dirname(module), specifier));
      // A relative import that climbs out of dist/ is not something tsc emits for the page; refuse to follow it.
      if (target.startsWith('../')) return `${module} imports ${specifier}, outside the compiled output`;
      pending.push(target);
    }
  }
  return null;
}

/** Specifiers of `import … from '…'`, `export … from '…'` and `import '…'` in tsc's ES module output. */
export function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

function dashboardFile(path: string): DashboardFile {
  const body = readFileSync(path);
  const extension = path.slice(path.lastIndexOf('.'));
  return {
    body,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function toUrlPath(relativePath: string): string {
  return relativePath.split(sep).join('/');
}

/** The nearest directory upward holding zvt-engine's package.json (from dist/src/... or src/...). */
export function findPackageRoot(start: string): string {
  let directory = start;
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && statSync(manifest).isFile()) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (parsed.name === PACKAGE_NAME) return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) throw gatewayError(ZVT_ERR_GATEWAY_DASHBOARD_FILES, `no ${PACKAGE_NAME} package.json above ${start}`, { start });
    directory = parent;
  }
}
