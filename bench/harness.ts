// Benchmark result schema (DESIGN §10), machine description, JSON writer and table printer.
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Metric {
  value: number;
  unit: string;
  better: 'higher' | 'lower';
}

export type Metrics = Record<string, Metric>;

export interface SuiteResult {
  suite: string;
  machine: string;
  date: string;
  metrics: Metrics;
}

/** A suite measures and returns its metrics; progress goes to stderr via the log callback. */
export interface BenchSuite {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<Metrics>;
}

export function describeMachine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown cpu';
  return `${model} x${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

export function writeSuiteResult(resultsDir: string, result: SuiteResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.suite}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

export function formatTable(result: SuiteResult): string {
  const rows = Object.entries(result.metrics).map(([name, m]) => [name, formatValue(m.value), m.unit, m.better]);
  const header = ['metric', 'value', 'unit', 'better'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [
    `${result.suite} — ${result.machine} — ${result.date}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function metric(value: number, unit: string, better: Metric['better']): Metric {
  return { value, unit, better };
}
