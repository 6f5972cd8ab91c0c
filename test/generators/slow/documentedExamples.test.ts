// Slow (`npm run test:examples`, in .ci/run, kit only): the example apps of docs/generators.md, generated with
// `npx plop` and flags alone into a full copy of this checkout, leave the whole project green there: lint, type
// check, format check and the complete `npm test`, the kit's own suites beside every generated one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkoutFiles } from '../../../packages/create-rampart/src/kitFiles';

const KIT = path.resolve(__dirname, '..', '..', '..');
/** Only what a developer's shell has: none of the kit's own test settings leak into the copy's run. */
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, CI: process.env.CI ?? 'true', NO_COLOR: '1' };

/** Splits one documented command line into arguments: words, and "double-quoted" strings. */
function splitArguments(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

/** The `npx plop ...` lines between the examples markers of docs/generators.md, as npx arguments. */
function documentedExamples(): string[][] {
  const docs = readFileSync(path.join(KIT, 'docs/generators.md'), 'utf8');
  const block = /<!-- rampart:examples -->([^]*?)<!-- \/rampart:examples -->/.exec(docs)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith('npx plop '))
    .map((line) => splitArguments(line.slice('npx '.length)));
}

function run(cwd: string, command: string, args: string[]): string {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout}${result.stderr}`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`# ${command} ${args.join(' ')} (${seconds} s, exit ${result.status})\n`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${output.slice(-12000)}`);
  return output;
}

let scratch: string;
let copy: string;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'documented-examples-'));
  // The embedded PostgreSQL runs initdb as its own user when the tests run as root: it must reach the copy.
  chmodSync(scratch, 0o755);
  copy = path.join(scratch, 'app');
  for (const file of checkoutFiles(KIT)) cpSync(path.join(KIT, file), path.join(copy, file));
  symlinkSync(path.join(KIT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});
after(() => rmSync(scratch, { recursive: true, force: true }));

test('the documented examples: README, blog, invoicing and feature flags, parents first', () => {
  const names = documentedExamples().map((args) => args[args.indexOf('--name') + 1]);
  assert.deepEqual(names, ['bookmark', 'blog-post', 'tag', 'post', 'comment', 'customer', 'invoice', 'feature-flag']);
});

test('generate with `npx plop` and flags alone, then a field added afterwards, then the typed client', () => {
  for (const args of documentedExamples()) {
    const output = run(copy, 'npx', args);
    assert.match(output, /file\(s\) written: .*; next: `npm run client` updates client\/schema\.ts/);
  }
  const field = 'note:text? rating:integer{1..5}=3 kind:enum(link|video|podcast) slug:string(80)?:unique';
  run(copy, 'npx', ['plop', 'field', '--', '--resource', 'bookmark', '--fields', field]);
  run(copy, 'npm', ['run', 'client']);
  assert.match(readFileSync(path.join(copy, 'client/schema.ts'), 'utf8'), /'\/api\/admin\/feature-flags': \{/);
});

test('lint, type check, format check and the typed client check pass with every generated file', () => {
  run(copy, 'npm', ['run', 'lint']);
  run(copy, 'npm', ['run', 'typecheck']);
  run(copy, 'npm', ['run', 'format:check']);
  run(copy, 'npm', ['run', 'client:check']);
});

test("the whole `npm test` passes: every generated suite, and the kit's own suites beside them", () => {
  const output = run(copy, 'npm', ['test']);
  assert.match(output, /^Tests:\s+\d+ passed, \d+ total$/m);
  const suites = ['bookmarks', 'blog-posts', 'tags', 'posts', 'comments', 'customers', 'invoices', 'feature-flags'];
  for (const folder of suites) assert.ok(output.includes(`PASS src/resources/${folder}/${folder}.test.ts`), folder);
  // The kit tests a user's resources used to break: the generators', the typed client's and project creation's.
  for (const suite of [
    'test/generators/cli.test.ts',
    'test/client/client.test.ts',
    'test/newProject/createProject.test.ts',
  ]) {
    assert.ok(output.includes(`PASS ${suite}`), suite);
  }
});
