// Checklist "done means": the example apps of docs/generators.md, generated with flags alone into a copy of the
// project, pass their own security tests on a real PostgreSQL, type-check, lint, and leave the kit's tests green.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { copyProject, plop, REPO_ROOT, removeProject } from './support/tempProject';

/** Splits one documented command line into arguments: words, and "double-quoted" strings. */
function splitArguments(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

/** The `npx plop resource -- ...` lines between the examples markers of docs/generators.md, as plop arguments. */
function documentedExamples(): string[][] {
  const docs = readFileSync(path.join(REPO_ROOT, 'docs/generators.md'), 'utf8');
  const block = /<!-- rampart:examples -->([^]*?)<!-- \/rampart:examples -->/.exec(docs)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith('npx plop '))
    .map((line) => splitArguments(line.slice('npx plop '.length)));
}

/** The child jest must start its own embedded PostgreSQL, never reuse (and drop) this suite's databases. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['JEST_WORKER_ID', 'TEST_DATABASE_URL', 'DATABASE_URL', 'RAMPART_TEST_SERVER_URL']) delete env[key];
  return env;
}

function run(command: string, args: string[], timeout: number): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', command), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: childEnv(),
    timeout,
  });
}

/** Exit status 0 within the time limit: a timeout (status null, signal SIGTERM) is a failure, never a pass. */
function outcome(result: SpawnSyncReturns<string>) {
  return { status: result.status, signal: result.signal, error: result.error?.message };
}

const PASSED = { status: 0, signal: null, error: undefined };

/** The kit's own tests a user's resources could disturb: the generators' (from a pristine copy) and the document's. */
const KIT_TESTS = [
  'test/generators/resourceGenerator.test.ts',
  'test/generators/fieldSpec.test.ts',
  'test/generators/naming.test.ts',
  'test/openapi',
];

// Generating ten resources, nested jest runs with their own PostgreSQL, tsc and eslint: minutes on a busy runner.
jest.setTimeout(900_000);

let root: string;
beforeAll(() => {
  root = copyProject();
  for (const entry of ['test/generators', 'test/openapi', 'eslint.config.mjs']) {
    cpSync(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  }
});
afterAll(() => removeProject(root));

describe('the documented example apps, end to end', () => {
  const examples = documentedExamples();

  it('are documented: README examples, blog, invoicing and feature flags', () => {
    const names = examples.map((args) => args[args.indexOf('--name') + 1]);
    expect(names).toEqual(['bookmark', 'blog-post', 'tag', 'post', 'comment', 'customer', 'invoice', 'feature-flag']);
  });

  it('generate non-interactively, parents first, including a field added afterwards', () => {
    for (const args of examples) {
      const result = plop(root, args);
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({
        args,
        status: 0,
        stderr: expect.any(String),
      });
    }
    expect(
      plop(root, [
        'field',
        '--',
        '--resource',
        'bookmark',
        '--fields',
        'note:text? rating:integer{1..5}=3 kind:enum(link|video|podcast) slug:string(80)?:unique',
      ]).status,
    ).toBe(0);
  });

  it("pass their generated suites, and the kit's own generator and OpenAPI tests stay green beside them", () => {
    const jest = run('jest/bin/jest.js', ['--ci', '--maxWorkers=2', 'src/resources', ...KIT_TESTS], 840_000);
    const summary = /Tests:.*$/m.exec(jest.stderr)?.[0];
    expect({ ...outcome(jest), summary, failures: jest.status === 0 ? '' : jest.stderr }).toEqual({
      ...PASSED,
      summary: expect.stringMatching(/^Tests:\s+\d+ passed, \d+ total$/),
      failures: '',
    });
    for (const folder of ['bookmarks', 'blog-posts', 'tags', 'posts', 'comments', 'customers', 'invoices', 'todos']) {
      expect(jest.stderr).toContain(`PASS src/resources/${folder}/${folder}.test.ts`);
    }
    expect(jest.stderr).toContain('PASS src/resources/feature-flags/feature-flags.test.ts');
    expect(jest.stderr).toContain('PASS test/generators/resourceGenerator.test.ts');
  });

  it('type-check: tsc exits 0', () => {
    const tsc = run('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit'], 300_000);
    expect({ ...outcome(tsc), output: tsc.stdout }).toEqual({ ...PASSED, output: '' });
  });

  it('lint: eslint exits 0 on every generated file', () => {
    const eslint = run('eslint/bin/eslint.js', ['src/resources'], 300_000);
    expect({ ...outcome(eslint), output: eslint.stdout }).toEqual({ ...PASSED, output: '' });
  });
});
