// Registry of benchmark suites run by bench/run.ts.
import type { BenchSuite } from '../harness.js';

export const SUITES: BenchSuite[] = [];
