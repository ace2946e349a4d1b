// Test helper: makes sure dist/ holds a current build of the CLI, and runs it as a real child process.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_PATH = join(REPOSITORY_ROOT, 'dist/src/cli/main.js');

// What the CLI is built from; a .ts newer than its .js (or without one) means dist is stale. That is all of
// src (every command reaches a different part: sim, backfill, feed ...) and the feed's generated schema code.
const SOURCES = ['src', 'schema'];
const BUILD_PROJECTS = ['tsconfig.build.json', 'src/gateway/dashboard/client/tsconfig.json'];

function staleOutputs(): string[] {
  const stale: string[] = [];
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (path.endsWith('.ts')) {
      const output = join(REPOSITORY_ROOT, 'dist', relative(REPOSITORY_ROOT, path)).replace(/\.ts$/, '.js');
      if (!existsSync(output) || statSync(output).mtimeMs < statSync(path).mtimeMs) stale.push(output);
    }
  };
  for (const source of SOURCES) visit(join(REPOSITORY_ROOT, source));
  return stale;
}

/**
 * `npm test` builds before running vitest; a direct `npx vitest run` may not have. Rebuild when stale.
 * tsc emits even when files outside the CLI's imports have type errors (others may be mid-edit), so
 * success here means "our outputs are current", not "tsc exited 0".
 */
export async function ensureBuiltCli(): Promise<void> {
  if (staleOutputs().length === 0) return;
  let output = '';
  // The same two projects as `npm run build`: the Node code and the dashboard's browser code.
  for (const project of BUILD_PROJECTS) {
    try {
      await promisify(execFile)(process.execPath, [join(REPOSITORY_ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: REPOSITORY_ROOT });
    } catch (error: unknown) {
      output += String((error as { stdout?: string }).stdout ?? error);
    }
  }
  const stillStale = staleOutputs();
  if (stillStale.length > 0) throw new Error(`build left stale outputs ${stillStale.join(', ')}\n${output}`);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of this test process minus anything that steers zvt or uWS, plus `env`. */
export function cleanEnvironment(env: Record<string, string> = {}): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('ZVT_') && name !== 'UWS_USE_FALLBACK') clean[name] = value;
  }
  return { ...clean, ...env };
}

/** Runs `node dist/src/cli/main.js ...args` to completion. */
export function runZvt(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? REPOSITORY_ROOT,
      env: cleanEnvironment(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running `zvt` command (demo, start, sim) as a child process: its output so far, its exit, and a wait for the file it announces itself with. */
export interface ZvtChild {
  readonly process: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The exit code once it has exited (null when killed by a signal it did not handle). */
  readonly exit: Promise<number | null>;
  readonly exited: () => boolean;
  /** Waits until `file` exists (what `--endpoints-json` writes once everything listens); throws with stderr if the process exits first. */
  waitForFile(file: string, timeoutMs?: number): Promise<void>;
}

/** Starts `node dist/src/cli/main.js ...args` (stdout and stderr collected) and returns at once. */
export function startZvt(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): ZvtChild {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd ?? REPOSITORY_ROOT, env: cleanEnvironment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    exited: () => exited,
    async waitForFile(file: string, timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(file)) {
        if (exited) throw new Error(`zvt ${args.join(' ')} exited before writing ${file}:\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`no ${file} after ${timeoutMs} ms:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
