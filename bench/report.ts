// Writes the benchmark results as bench/results/latest.md (for people and the README) and latest.json (for tools).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Verdict = 'met' | 'missed' | 'not measured' | 'no target';

export interface SummaryRow {
  figure: string;
  result: string;
  target: string;
  verdict: Verdict;
  /** Why a target was missed, or what the number means. */
  note: string;
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

export function writeReport(report: BenchReport, dir: string): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = path.join(dir, 'latest.md');
  const json = path.join(dir, 'latest.json');
  writeFileSync(markdown, renderMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { markdown, json };
}
