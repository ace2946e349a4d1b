// Starts a worker thread from an ES module URL, from compiled JavaScript or TypeScript sources.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The engine runs from compiled `dist/` in production, where `entry` is a `.js` file and this is
 * `new Worker(entry)`. Under the test runner the same code runs from `src/*.ts`; a worker thread
 * does not inherit the runner's TypeScript loader, so a tiny bootstrap registers tsx (a dev
 * dependency) inside the worker before importing the `.ts` entry.
 */
export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  // require.resolve would pick tsx's CommonJS build; the ESM hooks API is the one to register.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })` +
    `.catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * URL of a module next to `baseUrl` (pass `import.meta.url`), with the caller's own extension:
 * `.js` when running compiled, `.ts` when running from sources under the test runner.
 */
export function siblingModuleUrl(baseUrl: string, relativePathWithoutExtension: string): URL {
  const extension = baseUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(relativePathWithoutExtension + extension, baseUrl);
}
