// Reads the project's Markdown docs for the docs tests: which files, their links, fenced blocks and headings.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';

export const ROOT = path.join(__dirname, '..', '..');

/** README.md and every page under docs/, as paths relative to the repository root. */
export function docFiles(): string[] {
  const pages = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join('docs', file));
  return ['README.md', ...pages.sort()];
}

export function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

export interface FencedBlock {
  readonly language: string;
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let open: { fence: string; language: string; line: number; body: string[] } | undefined;
  markdown.split('\n').forEach((text, index) => {
    if (open) {
      if (text.trimStart().startsWith(open.fence)) {
        blocks.push({ language: open.language, body: open.body.join('\n'), line: open.line });
        open = undefined;
      } else open.body.push(text);
      return;
    }
    const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(text);
    if (fence) open = { fence: fence[1] ?? '```', language: fence[2] ?? '', line: index + 1, body: [] };
  });
  return blocks;
}

/** The Markdown without its fenced blocks. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\1\2\s*$/gm, '');
}

/** The Markdown with fenced blocks and inline code removed, so links are read from prose only. */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** Link and image targets written as [text](target) or [text]: target, in prose. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].flatMap((m) => m[1] ?? []);
  const reference = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$/gm)].flatMap((m) => m[1] ?? []);
  return [...inline, ...reference];
}

/** The anchors GitHub gives a page's headings (and explicit <a id> / <a name> anchors). */
export function anchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const result = new Set<string>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) result.add(slugger.slug(heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '')));
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (m[1]) result.add(m[1]);
  return result;
}

/** `npm run <script>` mentions anywhere in the page, code blocks included. */
export function npmRunScripts(markdown: string): string[] {
  return [...markdown.matchAll(/\bnpm run ([a-z](?:[\w:.-]*\w)?)/g)].flatMap((m) => m[1] ?? []);
}
