// Item 5: the checklist report decides pass/fail per item from jest's JSON result, and says which tests prove it.
import path from 'node:path';
import type { ChecklistItem } from './checklistItems';
import { evaluate, renderJunit, renderMarkdown, renderText, type JestJson } from './report';

const ROOT = '/repo';
const items: ChecklistItem[] = [
  { title: 'Tokens are checked', proofs: [{ file: 'test/auth/tokens.test.ts' }] },
  { title: 'Admins only', proofs: [{ file: 'test/users/ownership.test.ts', name: '^GET /api/admin/users ' }] },
  { title: 'Nothing proves me', proofs: [{ file: 'test/users/ownership.test.ts', name: 'no such test' }] },
  { title: 'Suite never ran', proofs: [{ file: 'test/missing.test.ts' }] },
  { title: 'Skipped is not proof', proofs: [{ file: 'test/skipped.test.ts' }] },
];

const fixture: JestJson = {
  testResults: [
    {
      name: path.join(ROOT, 'test/auth/tokens.test.ts'),
      status: 'passed',
      assertionResults: [
        { ancestorTitles: ['JWT verification'], title: 'rejects alg none', status: 'passed', duration: 12 },
        {
          ancestorTitles: ['JWT verification'],
          title: 'rejects <expired> & "old" tokens',
          status: 'passed',
          duration: 3,
        },
      ],
    },
    {
      name: path.join(ROOT, 'test/users/ownership.test.ts'),
      status: 'failed',
      assertionResults: [
        {
          ancestorTitles: ['GET /api/users/:userId/profile'],
          title: 'refuses another user',
          status: 'passed',
          duration: 5,
        },
        {
          ancestorTitles: ['GET /api/admin/users'],
          title: 'refuses a non-admin with 403',
          status: 'failed',
          duration: 7,
          failureMessages: ['\u001b[31mExpected: 403\nReceived: 200\u001b[39m'],
        },
        { ancestorTitles: ['GET /api/admin/users'], title: 'lists users for an admin', status: 'passed', duration: 9 },
      ],
    },
    {
      name: path.join(ROOT, 'test/skipped.test.ts'),
      status: 'passed',
      assertionResults: [{ ancestorTitles: [], title: 'someday', status: 'pending', duration: null }],
    },
  ],
};

describe('checklist report', () => {
  const results = evaluate(items, fixture, ROOT);
  const byTitle = (title: string) => results.find((item) => item.title === title);

  it('passes an item whose tests all passed, listing them by full name', () => {
    expect(byTitle('Tokens are checked')).toEqual({
      title: 'Tokens are checked',
      passed: true,
      problems: [],
      tests: [
        {
          file: 'test/auth/tokens.test.ts',
          fullName: 'JWT verification rejects alg none',
          status: 'passed',
          seconds: 0.012,
        },
        {
          file: 'test/auth/tokens.test.ts',
          fullName: 'JWT verification rejects <expired> & "old" tokens',
          status: 'passed',
          seconds: 0.003,
        },
      ],
    });
  });

  it('fails an item when one of its tests failed, and claims only the tests its pattern names', () => {
    const admin = byTitle('Admins only');
    expect(admin?.passed).toBe(false);
    expect(admin?.tests.map((test) => [test.fullName, test.status])).toEqual([
      ['GET /api/admin/users refuses a non-admin with 403', 'failed'],
      ['GET /api/admin/users lists users for an admin', 'passed'],
    ]);
    expect(admin?.tests[0]?.failure).toBe('Expected: 403\nReceived: 200');
  });

  it('fails an item that no test proves: no matching test, a suite that did not run, only skipped tests', () => {
    expect(byTitle('Nothing proves me')).toEqual(
      expect.objectContaining({
        passed: false,
        tests: [],
        problems: ['no test in test/users/ownership.test.ts matches /no such test/'],
      }),
    );
    expect(byTitle('Suite never ran')).toEqual(
      expect.objectContaining({ passed: false, problems: ['test/missing.test.ts did not run'] }),
    );
    expect(byTitle('Skipped is not proof')?.passed).toBe(false);
  });

  it('reports a suite that crashed before running any test', () => {
    const crashed: JestJson = {
      testResults: [
        {
          name: path.join(ROOT, 'test/auth/tokens.test.ts'),
          status: 'failed',
          message: 'SyntaxError: boom\n  at x',
          assertionResults: [],
        },
      ],
    };
    expect(evaluate(items.slice(0, 1), crashed, ROOT)[0]).toEqual(
      expect.objectContaining({
        passed: false,
        problems: ['test/auth/tokens.test.ts failed to run: SyntaxError: boom'],
      }),
    );
  });

  it('prints each item with its verdict and tests', () => {
    const text = renderText(results);
    expect(text).toContain(
      'PASS  Tokens are checked\n        ✓ test/auth/tokens.test.ts › JWT verification rejects alg none',
    );
    expect(text).toContain(
      'FAIL  Admins only\n        ✗ test/users/ownership.test.ts › GET /api/admin/users refuses a non-admin with 403',
    );
    expect(text).toContain('! test/missing.test.ts did not run');
    expect(text).toMatch(/1 of 5 checklist items proven\.$/);
  });

  it('writes a Markdown table with one row per item', () => {
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('1 of 5 items proven');
    expect(markdown.split('\n').filter((line) => line.startsWith('| ✅'))).toHaveLength(1);
    expect(markdown.split('\n').filter((line) => line.startsWith('| ❌'))).toHaveLength(4);
  });

  it('writes JUnit XML with one suite per item, failures for failed and unproven items, and escaped names', () => {
    const junit = renderJunit(results);
    expect(junit).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="Security checklist" tests="8" failures="4">/,
    );
    expect(junit).toContain('<testsuite name="Tokens are checked" tests="2" failures="0" skipped="0" time="0.015">');
    expect(junit).toContain('name="JWT verification rejects &lt;expired&gt; &amp; &quot;old&quot; tokens"');
    expect(junit).toContain('<failure message="test failed">Expected: 403\nReceived: 200</failure>');
    expect(junit).toContain('<failure message="test/missing.test.ts did not run"');
    expect(junit).toContain('<skipped message="pending"/>');
    expect(junit).toContain('<failure message="no passing test proves this item"');
    expect(junit).not.toContain('\u001b');
  });
});
