// Draws the benchmark's ratios against the baseline as a small SVG bar chart (bench/results/latest.svg),
// which docs/performance.md shows. Plain SVG text: GitHub renders it, and it diffs like code.

export interface RatioBar {
  label: string;
  /** Rampart's throughput divided by the baseline's, measured side by side. */
  ratio: number;
  /** The ratio the run aims for, drawn as a marker on the bar. */
  target?: number;
}

const WIDTH = 720;
const LABEL_WIDTH = 250;
const BAR_HEIGHT = 26;
const GAP = 18;
const TOP = 48;
const SCALE_MAX = 1.2;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function ratioChart(title: string, bars: readonly RatioBar[]): string {
  const plotWidth = WIDTH - LABEL_WIDTH - 70;
  const x = (ratio: number) => LABEL_WIDTH + (Math.min(ratio, SCALE_MAX) / SCALE_MAX) * plotWidth;
  const height = TOP + bars.length * (BAR_HEIGHT + GAP) + 30;
  const bottom = height - 30;
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1, 1.2].map(
    (tick) =>
      `<line x1="${x(tick)}" y1="${TOP - 8}" x2="${x(tick)}" y2="${bottom}" stroke="#ddd"/>` +
      `<text x="${x(tick)}" y="${bottom + 16}" text-anchor="middle">${tick.toFixed(1)}×</text>`,
  );
  const rows = bars.map((bar, i) => {
    const y = TOP + i * (BAR_HEIGHT + GAP);
    const met = bar.target === undefined || bar.ratio >= bar.target;
    const target =
      bar.target === undefined
        ? ''
        : `<line x1="${x(bar.target)}" y1="${y - 5}" x2="${x(bar.target)}" y2="${y + BAR_HEIGHT + 5}" stroke="#111" stroke-width="2" stroke-dasharray="4 3"/>` +
          `<text x="${x(bar.target) + 4}" y="${y - 6}" font-size="11">target ${bar.target}×</text>`;
    return (
      `<text x="${LABEL_WIDTH - 10}" y="${y + BAR_HEIGHT / 2 + 4}" text-anchor="end">${escapeXml(bar.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${x(bar.ratio) - LABEL_WIDTH}" height="${BAR_HEIGHT}" fill="${met ? '#2e7d32' : '#c62828'}"/>` +
      `<text x="${x(bar.ratio) + 6}" y="${y + BAR_HEIGHT / 2 + 4}" font-weight="bold">${bar.ratio.toFixed(2)}×</text>` +
      target
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...ticks,
    `<line x1="${x(1)}" y1="${TOP - 8}" x2="${x(1)}" y2="${bottom}" stroke="#888"/>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
