// Every Mermaid diagram in the docs parses and renders with Mermaid itself, in Debian's chromium; each is
// saved as a screenshot under test-artifacts/diagrams/ so a reviewer can look at what GitHub will show.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, BROWSER_SETUP_TIMEOUT_MS, launchChromium, type Chromium } from '../support/chromium';
import { ROOT, docFiles, fencedBlocks, read } from './markdown';

const MERMAID_BUNDLE = require.resolve('mermaid/dist/mermaid.min.js');
const OUT = path.join(ARTIFACTS, 'diagrams');

const diagrams = docFiles().flatMap((file) =>
  fencedBlocks(read(file))
    .filter((block) => block.language === 'mermaid')
    .map((block) => ({ name: `${file.replace(/[/.]/g, '-')}-line-${block.line}`, file, source: block.body })),
);

let chromium: Chromium;
let page: Page;

beforeAll(async () => {
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.setContent(
    '<!doctype html><html><body style="margin:0;background:#fff"><div id="out"></div></body></html>',
  );
  await page.addScriptTag({ path: MERMAID_BUNDLE });
  await page.evaluate(() => (globalThis as unknown as MermaidWindow).mermaid.initialize({ startOnLoad: false }));
  mkdirSync(OUT, { recursive: true });
}, BROWSER_SETUP_TIMEOUT_MS);

afterAll(async () => {
  await chromium?.close();
});

/** What the page's globals hold once mermaid.min.js has run (the suite compiles without the DOM types). */
interface MermaidWindow {
  document: { getElementById(id: string): { innerHTML: string } | null };
  mermaid: {
    initialize(config: object): void;
    parse(text: string): Promise<unknown>;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}

/** Parses and renders one diagram; resolves to Mermaid's error message, or undefined when it rendered. */
function renderDiagram(source: string, id: string): Promise<string | undefined> {
  return page.evaluate(
    async ({ source, id }) => {
      const { mermaid, document } = globalThis as unknown as MermaidWindow;
      try {
        await mermaid.parse(source);
        const { svg } = await mermaid.render(id, source);
        document.getElementById('out')!.innerHTML = svg;
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    { source, id },
  );
}

describe('diagrams in the docs', () => {
  it('include the request path, the AWS architecture and the generator flow', () => {
    const pages = new Set(diagrams.map((diagram) => diagram.file));
    // A project made with --no-infra has no deploy guide; every page of the three that exists draws its picture.
    const drawn = ['docs/http-api.md', 'docs/deploy-aws.md', 'docs/generators.md'];
    expect(drawn.filter((page) => existsSync(path.join(ROOT, page)) && !pages.has(page))).toEqual([]);
    expect(pages.size).toBeGreaterThanOrEqual(2);
  });

  it('refuse a diagram Mermaid cannot parse', async () => {
    expect(await renderDiagram('flowchart LR\n  A -->', 'broken')).toMatch(/parse|error|expect/i);
  }, 30_000);

  it.each(diagrams.map((diagram) => [diagram.name, diagram] as const))(
    '%s parses and renders',
    async (name, diagram) => {
      expect(await renderDiagram(diagram.source, `d${name.replace(/\W/g, '')}`)).toBeUndefined();
      const svg = page.locator('#out svg');
      expect(await svg.count()).toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await svg.screenshot({ path: path.join(OUT, `${name}.png`) });
    },
    30_000,
  );
});
