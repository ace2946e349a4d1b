// Parser of the Prometheus text exposition format 0.0.4 (what /metrics answers): families with their TYPE, HELP and samples.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface MetricSample {
  /** The sample's own name (`x_bucket`, `x_sum`, `x_count` for histograms). */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Metric values are measurements, not prices: a double is their native type (`+Inf`, `NaN` allowed). */
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  type: MetricType;
  help: string;
  readonly samples: MetricSample[];
}

const SAMPLE_PATTERN = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL_PATTERN = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;
const SUMMARY_SUFFIXES = ['_sum', '_count'] as const;

/**
 * Parses exposition text into families keyed by name. Samples are attached to the family their name
 * belongs to (`x_bucket` → histogram `x`); lines that do not parse are skipped and counted, so one
 * odd line never hides the rest of the page.
 */
export function parsePrometheusText(text: string): { families: Map<string, MetricFamily>; skippedLines: number } {
  const families = new Map<string, MetricFamily>();
  let skippedLines = 0;
  const family = (name: string): MetricFamily => {
    let found = families.get(name);
    if (found === undefined) {
      found = { name, type: 'untyped', help: '', samples: [] };
      families.set(name, found);
    }
    return found;
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)\s?(.*)$/.exec(line);
      if (meta === null) continue;
      if (meta[1] === 'TYPE') family(meta[2]!).type = metricType(meta[3]!.trim());
      else family(meta[2]!).help = unescapeHelp(meta[3]!);
      continue;
    }
    const match = SAMPLE_PATTERN.exec(line);
    const labels = match === null ? null : parseLabels(match[2] ?? '');
    const value = match === null ? Number.NaN : sampleValue(match[3]!);
    if (match === null || labels === null || (Number.isNaN(value) && match[3] !== 'NaN')) {
      skippedLines++;
      continue;
    }
    family(owningFamily(match[1]!, families)).samples.push({ name: match[1]!, labels, value });
  }
  return { families, skippedLines };
}

function owningFamily(sampleName: string, families: ReadonlyMap<string, MetricFamily>): string {
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = families.get(sampleName.slice(0, -suffix.length));
    if (base?.type === 'histogram' || (base?.type === 'summary' && (SUMMARY_SUFFIXES as readonly string[]).includes(suffix))) return base.name;
  }
  return sampleName;
}

function parseLabels(text: string): Record<string, string> | null {
  const labels: Record<string, string> = {};
  LABEL_PATTERN.lastIndex = 0;
  let consumed = 0;
  for (let match = LABEL_PATTERN.exec(text); match !== null; match = LABEL_PATTERN.exec(text)) {
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_escape, character: string) => (character === 'n' ? '\n' : character));
    consumed = LABEL_PATTERN.lastIndex;
  }
  return text.slice(consumed).trim() === '' ? labels : null;
}

function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function metricType(text: string): MetricType {
  return text === 'counter' || text === 'gauge' || text === 'histogram' || text === 'summary' ? text : 'untyped';
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(.)/g, (_escape, character: string) => (character === 'n' ? '\n' : character));
}
