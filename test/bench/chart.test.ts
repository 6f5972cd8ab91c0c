// `npm run bench` draws its ratios to the baseline in bench/results/latest.svg, beside latest.md.
import { renderChart, type BenchReport, type SummaryRow } from '../../bench/report';

const row = (figure: string, ratio?: { value: number; target: number }): SummaryRow => ({
  figure,
  result: '',
  target: '',
  verdict: 'no target',
  note: '',
  ...(ratio ? { ratio } : {}),
});

const report = (summary: SummaryRow[]): BenchReport => ({
  profile: 'full',
  startedAt: '2026-11-25T10:00:00.000Z',
  durationSec: 1,
  command: 'npm run bench',
  machine: { cpus: 2, cpuModel: 'x', memoryGb: 1, node: 'v20', postgres: '17', platform: 'Linux' },
  summary,
  sections: [],
  raw: {},
});

const bars = (svg: string) =>
  [...svg.matchAll(/<rect x="(\d+(?:\.\d+)?)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="(#\w+)"\/>/g)].map(
    (m) => ({ width: Number(m[2]), fill: m[3] }),
  );

describe('the benchmark chart', () => {
  it('draws one bar per ratio to the baseline, as long as its ratio, green when it meets its target', () => {
    const svg = renderChart(
      report([
        row('Cold start'),
        row('Protected read `GET /api/users/:id/todos`', { value: 0.9, target: 0.8 }),
        row('Write `POST /api/users/:id/todos`', { value: 0.45, target: 0.7 }),
      ]),
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const [read, write] = bars(svg);
    expect(bars(svg)).toHaveLength(2);
    expect(read?.fill).toBe('#2e7d32');
    expect(write?.fill).toBe('#c62828');
    expect((read?.width ?? 0) / (write?.width ?? 1)).toBeCloseTo(0.9 / 0.45, 5);
    expect(svg).toContain('>Protected read</text>');
    expect(svg).toContain('target 0.8×');
    expect(svg).toContain('target 0.7×');
  });

  it('escapes labels so the SVG stays well-formed', () => {
    expect(renderChart(report([row('a < b & "c"', { value: 1, target: 0.8 })]))).toContain(
      'a &lt; b &amp; &quot;c&quot;',
    );
  });
});
