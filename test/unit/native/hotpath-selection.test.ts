// hotpath selection for real: ts, native (built addon and a directory without one), auto with and without the addon.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ZVT_ERR_NATIVE_UNAVAILABLE } from '../../../src/actors/errors.js';
import { createBookEngine } from '../../../src/actors/hotpath-selection.js';
import { defaultNativeAddonDirectory, findPackageRoot, loadNativeBookEngine, NATIVE_ADDON_FILE } from '../../../src/actors/native-book-engine.js';
import { createLogger } from '../../../src/config/logger.js';
import { TsBookEngine } from '../../../src/hotpath/book/ts-book-engine.js';
import { isZvtError } from '../../../src/model/errors.js';

/** A real pino logger whose JSON lines land in `lines`. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger({ log: { level: 'info' } }, {}, destination), lines };
}

const temporary: string[] = [];
function emptyDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'zvt-no-addon-'));
  temporary.push(directory);
  return directory;
}

afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

describe('createBookEngine', () => {
  it('hotpath "ts" gives the TypeScript engine, whether or not the addon exists', () => {
    const { logger, lines } = capturingLogger();
    const engine = createBookEngine('ts', logger);
    expect(engine).toBeInstanceOf(TsBookEngine);
    expect(engine.kind).toBe('ts');
    expect(createBookEngine('ts', logger, { addonDirectory: emptyDirectory() }).kind).toBe('ts');
    expect(lines).toEqual([]);
  });

  it('hotpath "native" gives the native engine when the addon is built (CI builds it)', () => {
    const { logger, lines } = capturingLogger();
    const engine = createBookEngine('native', logger);
    expect(engine.kind).toBe('native');
    engine.addBook({ instrumentId: 5, maxDepth: 10, tickSize: 1, priceDecimals: 2, sizeDecimals: 2 });
    expect(engine.depth(5, 0)).toBe(0);
    expect(lines).toEqual([]);
  });

  it('hotpath "native" throws ZVT_ERR_NATIVE_UNAVAILABLE with the reason when the addon is missing', () => {
    const { logger } = capturingLogger();
    const directory = emptyDirectory();
    let caught: unknown;
    try {
      createBookEngine('native', logger, { addonDirectory: directory });
    } catch (error) {
      caught = error;
    }
    expect(isZvtError(caught, ZVT_ERR_NATIVE_UNAVAILABLE)).toBe(true);
    const error = caught as Error & { details: { reason: string } };
    expect(error.message).toContain('native book engine is unavailable: not built');
    expect(error.message).toContain(join(directory, NATIVE_ADDON_FILE));
    expect(error.details.reason).toMatch(/^not built: /);
  });

  it('hotpath "native" reports a file that is not a loadable addon', () => {
    const directory = emptyDirectory();
    writeFileSync(join(directory, NATIVE_ADDON_FILE), 'not an ELF file');
    const load = loadNativeBookEngine(directory);
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.reason).toMatch(/^failed to load .*zvt_native\.node: /);
    expect(() => createBookEngine('native', capturingLogger().logger, { addonDirectory: directory })).toThrow(/failed to load/);
  });

  it('hotpath "auto" uses the native engine when it loaded, and logs nothing', () => {
    const { logger, lines } = capturingLogger();
    expect(createBookEngine('auto', logger).kind).toBe('native');
    expect(lines).toEqual([]);
  });

  it('hotpath "auto" falls back to TypeScript without the addon and logs it once, at info, with the reason', () => {
    const { logger, lines } = capturingLogger();
    const directory = emptyDirectory();
    const first = createBookEngine('auto', logger, { addonDirectory: directory });
    const second = createBookEngine('auto', logger, { addonDirectory: directory });
    expect(first).toBeInstanceOf(TsBookEngine);
    expect(second).toBeInstanceOf(TsBookEngine);
    expect(first).not.toBe(second);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      hotpath: 'auto',
      engine: 'ts',
      msg: 'Native book engine unavailable; falling back to the TypeScript book engine',
    });
    expect(String(lines[0]!.reason)).toMatch(/^not built: /);
  });

  it('finds the addon under the package root from src/ (the compiled dist/src/ walks up the same way)', () => {
    const directory = defaultNativeAddonDirectory();
    expect(directory).not.toBeNull();
    expect(directory!.endsWith(join('native', 'build', 'Release'))).toBe(true);
  });

  // `npm test` builds dist/ first; a bare `vitest run` on a fresh clone has no dist/ to check.
  const compiled = join(findPackageRoot() ?? '.', 'dist', 'src', 'actors', 'hotpath-selection.js');
  it.runIf(existsSync(compiled))('the compiled engine (dist/src/actors) finds and loads the same addon', () => {
    const script =
      `const { createBookEngine } = await import(${JSON.stringify(compiled)});` +
      `process.stdout.write(createBookEngine('auto', { info() {} }).kind);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('native');
  });
});
