// The docs stay honest: scripts they name exist, relative links resolve, and configuration.md lists exactly
// the variables src/config.ts reads.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ENVIRONMENT_VARIABLES } from '../../src/config';
import { ROOT, anchors, docFiles, linkTargets, npmRunScripts, read } from './markdown';

const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

describe('the docs', () => {
  it.each(docFiles())('%s names only npm scripts that exist', (file) => {
    const missing = npmRunScripts(read(file)).filter((name) => !scripts.includes(name));
    expect(missing).toEqual([]);
  });

  it.each(docFiles())('%s links only to files and headings that exist', (file) => {
    const broken: string[] = [];
    for (const target of linkTargets(read(file))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
      const [pathPart, anchor] = target.split('#', 2);
      const resolved = pathPart ? path.resolve(ROOT, path.dirname(file), decodeURI(pathPart)) : path.join(ROOT, file);
      if (!resolved.startsWith(ROOT) || !existsSync(resolved)) {
        broken.push(target);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile()) {
        if (!anchors(read(path.relative(ROOT, resolved))).has(anchor)) broken.push(target);
      }
    }
    expect(broken).toEqual([]);
  });

  it('configuration.md documents every variable src/config.ts reads, and no other', () => {
    const documented = [...read('docs/configuration.md').matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`/gm)].flatMap(
      (m) => m[1] ?? [],
    );
    expect([...documented].sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('README stays a short front page', () => {
    expect(Buffer.byteLength(read('README.md'))).toBeLessThan(8 * 1024);
  });
});

describe('the docs checks themselves', () => {
  it('see a broken link, a missing heading and an unknown script', () => {
    expect(linkTargets('See [x](missing.md#there) and ![y](img/a.png).\n\n```\n[z](ignored.md)\n```\n')).toEqual([
      'missing.md#there',
      'img/a.png',
    ]);
    expect([...anchors('# Deploy to AWS\n## First `pulumi up`: network\n')]).toEqual([
      'deploy-to-aws',
      'first-pulumi-up-network',
    ]);
    expect(npmRunScripts('run `npm run nope` and npm run test:faults')).toEqual(['nope', 'test:faults']);
  });
});
