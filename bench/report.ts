// The benchmark's output: a table on stdout, and the same figures as JSON for the record.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Machine } from './machine.js';

export interface Row {
  benchmark: string;
  measure: string;
  baseline: string;
  tidings: string;
  /** Tidings against the baseline: a ratio, a difference, or nothing. */
  versus: string;
  /** The goal for this figure and whether the run met it ("≥ × 0.85: met"), or ''. */
  goal?: string;
}

/** "≥ × 0.85: met" — a goal beside whether the figure reached it. */
export const goal = (words: string, met: boolean) => `${words}: ${met ? 'met' : 'NOT met'}`;

export function table(rows: readonly Row[]): string {
  const header: Row = {
    benchmark: 'benchmark',
    measure: 'measure',
    baseline: 'baseline',
    tidings: 'tidings',
    versus: 'tidings vs baseline',
    goal: 'goal',
  };
  const columns = Object.keys(header) as (keyof Row)[];
  const cell = (row: Row, c: keyof Row) => row[c] ?? '';
  const widths = columns.map((c) => Math.max(...[header, ...rows].map((r) => cell(r, c).length)));
  const line = (row: Row) =>
    columns
      .map((c, i) =>
        c === 'benchmark' || c === 'measure' || c === 'goal'
          ? cell(row, c).padEnd(widths[i]!)
          : cell(row, c).padStart(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : '—';

export async function writeJson(path: string, machine: Machine, figures: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const record = { date: new Date().toISOString(), machine, figures };
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
}

/** A difference with its sign: "+0.42", "−1.30". */
export const signed = (value: number, digits = 0) =>
  Number.isFinite(value) ? `${value < 0 ? '−' : '+'}${fixed(Math.abs(value), digits)}` : '—';
