// Turns jest's --json result into the checklist verdict: per item pass/fail and its tests, as text, Markdown and JUnit.
import path from 'node:path';
import type { ChecklistItem } from './checklistItems';

/** The parts of jest's `--json` output the report reads. */
export interface JestAssertion {
  ancestorTitles: string[];
  title: string;
  fullName?: string;
  status: string;
  duration?: number | null;
  failureMessages?: string[];
}

export interface JestSuite {
  name: string;
  status: string;
  message?: string;
  assertionResults: JestAssertion[];
}

export interface JestJson {
  testResults: JestSuite[];
}

export interface ProvingTest {
  file: string;
  fullName: string;
  status: string;
  seconds: number;
  failure?: string;
}

export interface ItemResult {
  title: string;
  passed: boolean;
  tests: ProvingTest[];
  /** Why the item failed although no listed test failed: a proof with no matching test, a suite that did not run. */
  problems: string[];
}

const fullNameOf = (assertion: JestAssertion) =>
  assertion.fullName ?? [...assertion.ancestorTitles, assertion.title].join(' ');

/** Only a test that ran and passed proves anything: skipped, todo and pending tests count as missing proof. */
export function evaluate(items: readonly ChecklistItem[], result: JestJson, rootDir: string): ItemResult[] {
  const suites = new Map(
    result.testResults.map((suite) => [path.relative(rootDir, suite.name).split(path.sep).join('/'), suite]),
  );
  return items.map((item) => {
    const tests: ProvingTest[] = [];
    const problems: string[] = [];
    for (const proof of item.proofs) {
      const suite = suites.get(proof.file);
      if (!suite) {
        problems.push(`${proof.file} did not run`);
        continue;
      }
      if (suite.status === 'failed' && suite.assertionResults.length === 0) {
        problems.push(`${proof.file} failed to run: ${firstLine(suite.message ?? '')}`);
        continue;
      }
      const pattern = proof.name === undefined ? undefined : new RegExp(proof.name);
      const matched = suite.assertionResults.filter((assertion) => !pattern || pattern.test(fullNameOf(assertion)));
      if (matched.length === 0) problems.push(`no test in ${proof.file} matches /${proof.name ?? ''}/`);
      for (const assertion of matched) {
        const failure = assertion.failureMessages?.find(Boolean);
        tests.push({
          file: proof.file,
          fullName: fullNameOf(assertion),
          status: assertion.status,
          seconds: (assertion.duration ?? 0) / 1000,
          ...(failure ? { failure: stripAnsi(failure) } : {}),
        });
      }
    }
    const passed = problems.length === 0 && tests.length > 0 && tests.every((test) => test.status === 'passed');
    return { title: item.title, passed, tests, problems };
  });
}

// eslint-disable-next-line no-control-regex -- jest colours its failure messages
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const firstLine = (text: string) => stripAnsi(text).trim().split('\n')[0] ?? '';
const mark = (status: string) => (status === 'passed' ? '✓' : status === 'failed' ? '✗' : '○');

export function renderText(results: readonly ItemResult[]): string {
  const lines: string[] = [];
  for (const item of results) {
    lines.push(`${item.passed ? 'PASS' : 'FAIL'}  ${item.title}`);
    for (const test of item.tests) lines.push(`        ${mark(test.status)} ${test.file} › ${test.fullName}`);
    for (const problem of item.problems) lines.push(`        ! ${problem}`);
  }
  const passed = results.filter((item) => item.passed).length;
  lines.push('', `${passed} of ${results.length} checklist items proven.`);
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(results: readonly ItemResult[]): string {
  const passed = results.filter((item) => item.passed).length;
  const lines = [
    '# Security checklist',
    '',
    `${passed} of ${results.length} items proven by passing tests.`,
    '',
    '| | item | tests |',
    '| --- | --- | --- |',
  ];
  for (const item of results) {
    const tests = [
      ...item.tests.map((test) => `${mark(test.status)} \`${test.file}\` › ${cell(test.fullName)}`),
      ...item.problems.map((problem) => `**${cell(problem)}**`),
    ];
    lines.push(`| ${item.passed ? '✅' : '❌'} | ${cell(item.title)} | ${tests.join('<br>')} |`);
  }
  return `${lines.join('\n')}\n`;
}

const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot hold at all (control characters from terminal output).
    // eslint-disable-next-line no-control-regex -- removing exactly those characters
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

interface JunitCase {
  classname: string;
  name: string;
  seconds: number;
  failure?: { message: string; body?: string };
  skipped?: string;
}

function casesOf(item: ItemResult): JunitCase[] {
  const cases: JunitCase[] = item.tests.map((test) => ({
    classname: test.file,
    name: test.fullName,
    seconds: test.seconds,
    ...(test.status === 'failed' ? { failure: { message: 'test failed', body: test.failure ?? '' } } : {}),
    ...(test.status !== 'passed' && test.status !== 'failed' ? { skipped: test.status } : {}),
  }));
  for (const problem of item.problems)
    cases.push({ classname: 'checklist', name: problem, seconds: 0, failure: { message: problem } });
  // An item with only skipped tests is unproven: CI must see it fail, not go green on a skip.
  if (!item.passed && !cases.some((c) => c.failure)) {
    cases.push({
      classname: 'checklist',
      name: 'proof',
      seconds: 0,
      failure: { message: 'no passing test proves this item' },
    });
  }
  return cases;
}

function renderCase(c: JunitCase): string {
  const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}"`;
  if (c.failure) {
    return `${open}>\n      <failure message="${xml(c.failure.message)}">${xml(c.failure.body ?? '')}</failure>\n    </testcase>`;
  }
  if (c.skipped) return `${open}>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>`;
  return `${open}/>`;
}

/** One <testsuite> per checklist item, so CI shows the checklist; an item without proof is a failing case. */
export function renderJunit(results: readonly ItemResult[]): string {
  let tests = 0;
  let failures = 0;
  const suites = results.map((item) => {
    const cases = casesOf(item);
    const failed = cases.filter((c) => c.failure).length;
    const skipped = cases.filter((c) => c.skipped).length;
    const seconds = cases.reduce((sum, c) => sum + c.seconds, 0);
    tests += cases.length;
    failures += failed;
    return (
      `  <testsuite name="${xml(item.title)}" tests="${cases.length}" failures="${failed}" skipped="${skipped}" time="${seconds.toFixed(3)}">\n` +
      `${cases.map(renderCase).join('\n')}\n  </testsuite>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="Security checklist" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`
  );
}
