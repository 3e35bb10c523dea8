/**
 * Results of the benchmark: one row per metric, with the samples it came from and the rule it is judged by.
 */

export interface Target {
  /** How the median is judged; `info` rows are reported without a verdict. */
  op: '<=' | '<' | '>=' | '==' | 'info';
  value?: number;
  /** The target as the table shows it, e.g. "≤ 30 KB". */
  text: string;
}

export interface Metric {
  id: string;
  /** Which of the six benchmark groups it belongs to. */
  group: string;
  name: string;
  unit: string;
  samples: number[];
  median: number;
  min: number;
  max: number;
  target: Target;
  /** null for `info` rows. */
  pass: boolean | null;
  notes: string;
  /** Anything else worth keeping in the JSON (raw timings, counts per case). */
  details?: unknown;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (nearest rank), e.g. percentile(v, 95). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface MetricInput {
  id: string;
  group: string;
  name: string;
  unit: string;
  samples: readonly number[];
  target: Target;
  notes?: string;
  details?: unknown;
  /**
   * The verdict, when it is not "the median meets the target" (e.g. "every run made exactly the minimum
   * number of calls"). Given as a boolean, it replaces the median rule.
   */
  pass?: boolean;
}

export function metric(input: MetricInput): Metric {
  const samples = [...input.samples];
  const med = median(samples);
  const min = samples.length ? Math.min(...samples) : Number.NaN;
  const max = samples.length ? Math.max(...samples) : Number.NaN;
  let pass: boolean | null;
  if (input.pass !== undefined) pass = input.pass;
  else if (input.target.op === 'info' || input.target.value === undefined || Number.isNaN(med)) pass = input.target.op === 'info' ? null : false;
  else if (input.target.op === '<=') pass = med <= input.target.value;
  else if (input.target.op === '<') pass = med < input.target.value;
  else if (input.target.op === '>=') pass = med >= input.target.value;
  else pass = med === input.target.value;
  return { id: input.id, group: input.group, name: input.name, unit: input.unit, samples, median: med, min, max, target: input.target, pass, notes: input.notes ?? '', ...(input.details === undefined ? {} : { details: input.details }) };
}

/** A metric that could not be measured: reported as FAIL with the reason, never silently left out. */
export function failedMetric(group: string, id: string, name: string, target: Target, error: unknown): Metric {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return metric({ id, group, name, unit: '', samples: [], target, pass: false, notes: `not measured: ${message}` });
}

export function formatNumber(value: number, unit: string): string {
  if (Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  // Counts are whole numbers; measurements get about three significant digits whatever their value.
  // Ratios near a target such as 1.25 need the third decimal, or a FAIL would print as exactly the target.
  const digits = unit === '' && Number.isInteger(value) ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : unit === '×' ? 3 : 2;
  const text = value.toFixed(digits);
  if (unit === '' || unit === '×') return unit === '×' ? `${text}×` : text;
  if (unit === '%') return `${text} %`;
  return `${text} ${unit}`;
}

function verdict(m: Metric): string {
  return m.pass === null ? 'info' : m.pass ? 'PASS' : 'FAIL';
}

export interface TableRow {
  metric: string;
  median: string;
  min: string;
  max: string;
  runs: string;
  target: string;
  result: string;
  notes: string;
}

export function rows(metrics: readonly Metric[]): TableRow[] {
  return metrics.map((m) => ({
    metric: m.name,
    median: formatNumber(m.median, m.unit),
    min: m.samples.length > 1 ? formatNumber(m.min, m.unit) : '',
    max: m.samples.length > 1 ? formatNumber(m.max, m.unit) : '',
    runs: String(m.samples.length),
    target: m.target.text,
    result: verdict(m),
    notes: m.notes,
  }));
}

const COLUMNS: Array<[keyof TableRow, string]> = [
  ['metric', 'metric'],
  ['median', 'median'],
  ['min', 'min'],
  ['max', 'max'],
  ['runs', 'n'],
  ['target', 'target'],
  ['result', 'result'],
];

/** Aligned plain-text table for the terminal; notes follow as numbered lines so the table stays narrow. */
export function textTable(metrics: readonly Metric[]): string {
  const table = rows(metrics);
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...table.map((r) => r[key].length)));
  const numeric = new Set<keyof TableRow>(['median', 'min', 'max', 'runs']);
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric.has(COLUMNS[i]![0]) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(COLUMNS.map(([, title]) => title)), widths.map((w) => '-'.repeat(w)).join('  ')];
  let group = '';
  table.forEach((r, i) => {
    const g = metrics[i]!.group;
    if (g !== group) {
      out.push(`[${g}]`);
      group = g;
    }
    out.push(line(COLUMNS.map(([key]) => r[key])));
  });
  const notes = table.map((r, i) => (r.notes ? `  ${metrics[i]!.name}: ${r.notes}` : '')).filter(Boolean);
  if (notes.length) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}

/** The table for the README, then its notes as a list (they are too long for a column). */
export function markdownTable(metrics: readonly Metric[]): string {
  const table = rows(metrics);
  const escape = (s: string) => s.replaceAll('|', '\\|');
  const out = ['| metric | median | min | max | runs | target | result |', '|---|---:|---:|---:|---:|---|---|'];
  let group = '';
  table.forEach((r, i) => {
    const g = metrics[i]!.group;
    if (g !== group) {
      out.push(`| **${escape(g)}** | | | | | | |`);
      group = g;
    }
    out.push(`| ${escape(r.metric)} | ${r.median} | ${r.min} | ${r.max} | ${r.runs} | ${escape(r.target)} | ${r.result} |`);
  });
  const notes = table.filter((r) => r.notes).map((r) => `- *${r.metric}*: ${r.notes}`);
  return [...out, '', ...notes].join('\n');
}
