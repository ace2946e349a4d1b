// Builds the optional native BookEngine addon (npm `install` script); never fails the install.
//
//   node native/build.mjs          build native/build/Release/zvt_native.node with node-gyp (-O3)
//   ZVT_SKIP_NATIVE_BUILD=1 ...    skip it (the engine then runs the TypeScript books)
//
// node-gyp is npm's bundled copy (npm exports its path to scripts as npm_config_node_gyp), else the
// one next to this node's npm, else `node-gyp` on PATH. Node's headers come from --nodedir=/usr when
// /usr/include/node has them (distribution Node builds), so nothing is downloaded. On any failure
// this prints one warning, keeps the full log in native/build/build.log and exits 0: the engine
// installs and runs without a compiler, and `hotpath: auto` falls back to TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const nativeDirectory = dirname(fileURLToPath(import.meta.url));
const buildDirectory = join(nativeDirectory, 'build');
const logFile = join(buildDirectory, 'build.log');
const addonFile = join(buildDirectory, 'Release', 'zvt_native.node');

function warn(reason) {
  process.stderr.write(
    `zvt-engine: WARNING: the native BookEngine addon was not built (${reason}). ` +
      `The TypeScript book engine will be used (hotpath: auto). Rebuild with: node native/build.mjs\n`,
  );
}

/** [command, leading args] that run node-gyp, or null. */
function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  for (const candidate of candidates) {
    if (existsSync(candidate)) return [process.execPath, [candidate]];
  }
  const onPath = spawnSync('node-gyp', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return ['node-gyp', []];
  return null;
}

function main() {
  if (process.env.ZVT_SKIP_NATIVE_BUILD === '1') {
    process.stderr.write('zvt-engine: ZVT_SKIP_NATIVE_BUILD=1, native BookEngine addon not built\n');
    return;
  }
  const nodeGyp = findNodeGyp();
  if (nodeGyp === null) {
    warn('node-gyp not found');
    return;
  }
  const args = [...nodeGyp[1], 'rebuild', '--release', `--jobs=${process.env.JOBS ?? 'max'}`];
  if (existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');
  const started = Date.now();
  const result = spawnSync(nodeGyp[0], args, {
    cwd: nativeDirectory,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env },
  });
  mkdirSync(buildDirectory, { recursive: true });
  const log = `$ ${nodeGyp[0]} ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}\n`;
  writeFileSync(logFile, log);
  if (result.status !== 0 || !existsSync(addonFile)) {
    const lastError = log
      .split('\n')
      .filter((line) => /error|not found|ERR!/i.test(line))
      .slice(0, 1)[0];
    warn(`${lastError ? lastError.trim() : `node-gyp exited with ${String(result.status)}`}; log: ${relative(process.cwd(), logFile)}`);
    return;
  }
  process.stderr.write(`zvt-engine: native BookEngine addon built in ${((Date.now() - started) / 1000).toFixed(1)} s (${relative(process.cwd(), addonFile)})\n`);
}

try {
  main();
} catch (error) {
  warn(error instanceof Error ? error.message : String(error));
}
process.exitCode = 0;
