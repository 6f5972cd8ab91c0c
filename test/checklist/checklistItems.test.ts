// Item 5: the checklist data file and docs/security.md's checklist table list the same items and test files.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checklistItems } from './checklistItems';

const ROOT = path.resolve(__dirname, '..', '..');

/** docs/security.md rows `| item | tests |` under "## The checklist", backticks removed from the item. */
function checklistRows(): { title: string; files: string[] }[] {
  const page = readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');
  const section = page.split(/^## The checklist$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| item') && !line.startsWith('| ---'))
    .map((line) => {
      const [title = '', tests = ''] = line.slice(2, -2).split(' | ');
      return {
        title: title.replace(/`/g, ''),
        files: [...tests.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string),
      };
    });
}

describe('checklist items', () => {
  it('match the table in docs/security.md row for row, with the same test files', () => {
    const rows = checklistRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(
      checklistItems.map((item) => ({
        title: item.title,
        files: [...new Set(item.proofs.map((proof) => proof.file))],
      })),
    ).toEqual(rows);
  });

  it('name test files that exist, and patterns that compile', () => {
    for (const proof of checklistItems.flatMap((item) => item.proofs)) {
      expect([proof.file, existsSync(path.join(ROOT, proof.file))]).toEqual([proof.file, true]);
      if (proof.name !== undefined) expect(() => new RegExp(proof.name as string)).not.toThrow();
    }
  });
});
