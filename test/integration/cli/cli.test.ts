// The real built `zvt` command as a child process: version, config precedence, exit codes, doctor and native uWS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, ensureBuiltCli, runZvt } from './built-cli.js';

let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-cli-'));
  await ensureBuiltCli();
}, 120_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writeConfig(name: string, data: unknown): string {
  const file = join(directory, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

/** No "    at file:line" frames: operators get the code and message, not a stack trace. */
function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('zvt --version and help', () => {
  it('--version prints the package.json version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runZvt(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the global options and the commands, exit 0', async () => {
    const result = await runZvt(['--help']);
    expect(result.code).toBe(0);
    for (const text of ['--config <file>', '--log-level <level>', '--data-dir <dir>', '--hotpath <mode>', '--store <spec>', 'config', 'doctor']) {
      expect(result.stdout).toContain(text);
    }
  });

  it('runs no native uWS check for --version even when the fallback is forced', async () => {
    const result = await runZvt(['--version'], { env: { UWS_USE_FALLBACK: '1' } });
    expect(result.code).toBe(0);
  });
});

describe('zvt usage errors exit 2 with commander\'s message', () => {
  it('unknown command', async () => {
    const result = await runZvt(['bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown command 'bogus'");
    expect(result.stdout).toBe('');
  });

  it('bad option values', async () => {
    const hotpath = await runZvt(['--hotpath', 'fast', 'config']);
    expect(hotpath.code).toBe(2);
    expect(hotpath.stderr).toContain("error: option '--hotpath <mode>' argument 'fast' is invalid. Allowed choices are auto, native, ts.");
    const level = await runZvt(['config', '--log-level', 'loud']);
    expect(level.code).toBe(2);
    expect(level.stderr).toContain("argument 'loud' is invalid");
  });

  it('unknown option', async () => {
    const result = await runZvt(['config', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--colour'");
  });

  it('no command at all prints the help on stderr', async () => {
    const result = await runZvt([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: zvt [options] [command]');
  });
});

describe('zvt config', () => {
  it('prints the defaults as JSON on stdout, nothing on stderr', async () => {
    const result = await runZvt(['config'], { cwd: directory });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      dataDir: './data',
      log: { level: 'info' },
      hotpath: 'auto',
      store: 'duckdb:./data/zvt.duckdb',
      runtime: {
        mailbox: { capacityBytes: 1_048_576, spinIterations: 20_000, parkTimeoutMs: 100 },
        placement: {},
        defaultWorker: 'main-worker',
        supervisor: { maxRestarts: 5, windowMs: 60_000, backoffInitialMs: 100, backoffMaxMs: 5_000 },
      },
      venues: {},
    });
  });

  it('resolves file < environment < flags, with ZVT_CONFIG naming the file', async () => {
    const file = writeConfig('precedence.json', {
      dataDir: '/from/file',
      log: { level: 'warn' },
      hotpath: 'ts',
      runtime: { mailbox: { capacityBytes: 65_536 }, placement: { 'venue:binance': 'venues' } },
      venues: { binance: {} },
    });
    const result = await runZvt(['config', '--data-dir', '/from/flag', '--hotpath', 'native'], {
      env: { ZVT_CONFIG: file, ZVT_LOG_LEVEL: 'debug', ZVT_DATA_DIR: '/from/env', ZVT_HOTPATH: 'auto' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const config = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(config).toMatchObject({
      dataDir: '/from/flag', // flag > env > file
      log: { level: 'debug' }, // env > file
      hotpath: 'native', // flag > env > file
      store: 'duckdb:/from/flag/zvt.duckdb', // derived from the resolved dataDir
      runtime: { mailbox: { capacityBytes: 65_536, spinIterations: 20_000 }, placement: { 'venue:binance': 'venues' } }, // file > defaults
      venues: { binance: { enabled: true } },
    });
  });

  it('--config wins over ZVT_CONFIG, and global options may come before the command', async () => {
    const fromEnv = writeConfig('env.json', { hotpath: 'ts' });
    const fromFlag = writeConfig('flag.json', { hotpath: 'native' });
    const result = await runZvt(['--config', fromFlag, 'config'], { env: { ZVT_CONFIG: fromEnv } });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { hotpath: string }).hotpath).toBe('native');
  });

  it('invalid configuration: exit 2, the code and every problem on stderr, no stack, nothing on stdout', async () => {
    const file = writeConfig('invalid.json', { runtime: { mailbox: { capacityBytes: 5000, capcityBytes: 1 } } });
    const result = await runZvt(['config', '--config', file], { env: { ZVT_HOTPATH: 'fast' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'zvt: ZVT_ERR_CONFIG_INVALID: invalid configuration, 3 problems:',
        '  hotpath: must be one of auto, native, ts (got "fast") [environment variable ZVT_HOTPATH]',
        `  runtime.mailbox.capacityBytes: must be a power of two between 4096 and 1073741824 (got 5000) [config file ${file}]`,
        `  runtime.mailbox.capcityBytes: unknown key (did you mean "capacityBytes"?) [config file ${file}]`,
        '',
      ].join('\n'),
    );
    expectNoStackTrace(result.stderr);
  });

  it('invalid flag value for the store: exit 2 with ZVT_ERR_CONFIG_INVALID', async () => {
    const result = await runZvt(['config', '--store', 'sqlite:zvt.db']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('zvt: ZVT_ERR_CONFIG_INVALID: ');
    expect(result.stderr).toContain('(got "sqlite:zvt.db") [flag --store]');
  });

  it('missing or malformed config file: exit 2 with ZVT_ERR_CONFIG_FILE', async () => {
    const missing = join(directory, 'missing.json');
    const missingResult = await runZvt(['config', '--config', missing]);
    expect(missingResult.code).toBe(2);
    expect(missingResult.stderr).toBe(`zvt: ZVT_ERR_CONFIG_FILE: cannot read config file ${missing}: no such file (ENOENT)\n`);

    const malformed = writeConfig('malformed.json', '{ "hotpath": ');
    const malformedResult = await runZvt(['config'], { env: { ZVT_CONFIG: malformed } });
    expect(malformedResult.code).toBe(2);
    expect(malformedResult.stderr).toContain(`zvt: ZVT_ERR_CONFIG_FILE: config file ${malformed} is not valid JSON: `);
    expectNoStackTrace(malformedResult.stderr);
  });

  it('does not need native uWS: works with the fallback forced', async () => {
    const result = await runZvt(['config'], { env: { UWS_USE_FALLBACK: '1' } });
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it('warns about a misspelt ZVT_ variable as a JSON log line on stderr, stdout stays pure JSON', async () => {
    const result = await runZvt(['config'], { env: { ZVT_LOG_LEVL: 'debug' } });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { log: { level: string } }).log.level).toBe('info');
    const lines = result.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        component: 'config',
        variable: 'ZVT_LOG_LEVL',
        suggestion: 'ZVT_LOG_LEVEL',
        msg: 'unknown environment variable ZVT_LOG_LEVL ignored (did you mean ZVT_LOG_LEVEL?)',
      }),
    ]);
  });
});

describe('zvt doctor', () => {
  it('refuses with exit 2 and ZVT_ERR_UWS_NATIVE_MISSING when uWS falls back to JS (UWS_USE_FALLBACK=1)', async () => {
    const result = await runZvt(['doctor'], { env: { UWS_USE_FALLBACK: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^zvt: ZVT_ERR_UWS_NATIVE_MISSING: uWebSockets\.js did not load its native binary/);
    expect(result.stderr).toContain('UWS_USE_FALLBACK');
    expectNoStackTrace(result.stderr);
    // The package prints its fallback notice with console.log; it must not leak onto stdout.
    expect(result.stdout).toBe('');
  });

  it('refuses before reading the configuration (the native check comes first)', async () => {
    const result = await runZvt(['doctor', '--config', join(directory, 'missing.json')], { env: { UWS_USE_FALLBACK: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ZVT_ERR_UWS_NATIVE_MISSING');
    expect(result.stderr).not.toContain('ZVT_ERR_CONFIG_FILE');
  });

  it('with the native binary: reports node, uWS, cpus and the resolved data dir, exit 0', async () => {
    const result = await runZvt(['doctor', '--data-dir', 'relative-data'], { cwd: directory });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^node\\s+${process.version.replace(/\./g, '\\.')} \\(ABI ${process.versions.modules}`, 'm'));
    expect(result.stdout).toMatch(/^uWebSockets\.js\s+native \(uws_/m);
    expect(result.stdout).toMatch(new RegExp(`^cpus\\s+${availableParallelism()}$`, 'm'));
    expect(result.stdout).toContain(`${join(directory, 'relative-data')} (missing)`);
  });

  it('--json prints the same report as JSON', async () => {
    const result = await runZvt(['doctor', '--json'], { cwd: directory, env: { ZVT_DATA_DIR: directory } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      nodeVersion: process.version,
      uwsNative: true,
      uwsBinary: `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`,
      cpuCount: availableParallelism(),
      dataDir: directory,
      dataDirState: 'writable',
      hotpath: 'auto',
    });
  });

  it('reports configuration errors like every command (exit 2)', async () => {
    const result = await runZvt(['doctor'], { env: { ZVT_MAILBOX_CAPACITY_BYTES: '5000' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'runtime.mailbox.capacityBytes: must be a power of two between 4096 and 1073741824 (got 5000) [environment variable ZVT_MAILBOX_CAPACITY_BYTES]',
    );
  });
});
