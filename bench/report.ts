// Writes the benchmark results as bench/results/latest.md (for people and the README) and latest.json (for tools).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ratioChart } from './chart';

export type Verdict = 'met' | 'missed' | 'not measured' | 'no target';

export interface SummaryRow {
  figure: string;
  result: string;
  target: string;
  verdict: Verdict;
  /** Why a target was missed, or what the number means. */
  note: string;
  /** For a figure measured against the baseline: the ratio and its target, drawn in latest.svg. */
  ratio?: { value: number; target: number };
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  platform: string;
}

export interface BenchReport {
  profile: string;
  startedAt: string;
  durationSec: number;
  command: string;
  machine: Machine;
  summary: SummaryRow[];
  /** Section title -> Markdown body (tables, plans). */
  sections: { title: string; markdown: string }[];
  /** Every raw figure, for comparisons between runs. */
  raw: Record<string, unknown>;
}

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map((value) => cell(String(value))).join(' | ')} |`);
  return lines.join('\n');
}

export function summaryTable(rows: SummaryRow[]): string {
  return markdownTable(
    ['Figure', 'Result', 'Target', 'Verdict', 'Note'],
    rows.map((row) => [row.figure, row.result, row.target, row.verdict, row.note]),
  );
}

export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  return [
    `# Rampart benchmark results`,
    '',
    `Run \`${report.command}\` (${report.profile} profile) on ${report.startedAt}, took ${Math.round(report.durationSec)} s.`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, ${m.platform}, Node ${m.node}, PostgreSQL ${m.postgres}. ` +
      `The server, PostgreSQL and the load generator share these ${m.cpus} cores, so absolute figures are ` +
      `lower than on a dedicated host; the ratios compare two servers measured side by side in the same run.`,
    '',
    '## Summary',
    '',
    summaryTable(report.summary),
    '',
    ...report.sections.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
  ].join('\n');
}

/** The summary's ratios to the baseline as an SVG bar chart, each with its target. */
export function renderChart(report: BenchReport): string {
  const bars = report.summary.flatMap((row) =>
    row.ratio
      ? [{ label: row.figure.replace(/`[^`]*`/g, '').trim(), ratio: row.ratio.value, target: row.ratio.target }]
      : [],
  );
  return ratioChart(`Rampart / bare node:http + pg baseline (${report.startedAt.slice(0, 10)})`, bars);
}

export function writeReport(report: BenchReport, dir: string): { markdown: string; json: string; chart: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = path.join(dir, 'latest.md');
  const json = path.join(dir, 'latest.json');
  const chart = path.join(dir, 'latest.svg');
  writeFileSync(markdown, renderMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(chart, renderChart(report));
  return { markdown, json, chart };
}
