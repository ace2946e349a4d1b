// `npm run bench -- <suite>...`: runs suites, writes bench/results/<suite>.json, prints tables.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, formatTable, writeSuiteResult, type BenchSuite } from './harness.js';
import { SUITES } from './suites/index.js';

// Compiled to dist/bench/run.js; results belong in the source tree's bench/results/.
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results');

async function main(argv: string[]): Promise<number> {
  const names = argv.length > 0 ? argv : [];
  if (names.length === 0) {
    console.error(`usage: npm run bench -- <suite>...\nsuites: ${SUITES.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const chosen: BenchSuite[] = [];
  for (const name of names) {
    const suite = SUITES.find((s) => s.name === name);
    if (suite === undefined) {
      console.error(`unknown suite "${name}"; suites: ${SUITES.map((s) => s.name).join(', ')}`);
      return 2;
    }
    chosen.push(suite);
  }
  for (const suite of chosen) {
    console.error(`# ${suite.name}: ${suite.description}`);
    const metrics = await suite.run((line) => console.error(`  ${line}`));
    const result = { suite: suite.name, machine: describeMachine(), date: new Date().toISOString(), metrics };
    const file = writeSuiteResult(RESULTS_DIR, result);
    console.log(formatTable(result));
    console.log(`written ${file}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
