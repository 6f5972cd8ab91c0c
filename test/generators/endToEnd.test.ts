// Checklist "done means": generated resources pass their own security tests on a real PostgreSQL and type-check.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { copyProject, plop, REPO_ROOT, removeProject } from './support/tempProject';

const RESOURCES: string[][] = [
  [
    '--name',
    'bookmark',
    '--fields',
    'url:string title:string? starred:boolean=false visits:integer=0 kind:enum(link|video)',
  ],
  ['--name', 'blog-post', '--fields', 'title:string published:boolean=false publishedAt:datetime?'],
  [
    '--name',
    'Note',
    '--access',
    'admin',
    '--fields',
    'body:text(500) due:date? ref:uuid? score:number=1.5 rank:integer?',
  ],
  [
    '--name',
    'photo_album',
    '--access',
    'public-read',
    '--fields',
    'caption:string(80) kind:enum(jpeg|png)=png taken:date?',
  ],
];

/** The child jest must start its own embedded PostgreSQL, never reuse (and drop) this suite's databases. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['JEST_WORKER_ID', 'TEST_DATABASE_URL', 'DATABASE_URL', 'RAMPART_TEST_SERVER_URL']) delete env[key];
  return env;
}

// Generating, a nested jest run with its own PostgreSQL, and tsc: minutes, not seconds, on a busy 2-core runner.
jest.setTimeout(300_000);

let root: string;
beforeAll(() => {
  root = copyProject();
});
afterAll(() => removeProject(root));

describe('generated resources, end to end', () => {
  it('generate non-interactively, including a field added afterwards', () => {
    for (const flags of RESOURCES) {
      const result = plop(root, ['resource', '--', ...flags]);
      expect({ flags, status: result.status, stderr: result.stderr }).toEqual({
        flags,
        status: 0,
        stderr: expect.any(String),
      });
    }
    expect(
      plop(root, ['field', '--', '--resource', 'bookmark', '--fields', 'note:text? rating:integer=3']).status,
    ).toBe(0);
  });

  it('pass their generated jest + supertest suites against a real PostgreSQL', () => {
    const jest = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/jest/bin/jest.js'), '--ci', '--maxWorkers=2', 'src/resources'],
      { cwd: root, encoding: 'utf8', env: childEnv(), timeout: 240_000 },
    );
    const summary = /Tests:.*$/m.exec(jest.stderr)?.[0];
    expect({ status: jest.status, summary, failures: jest.status === 0 ? '' : jest.stderr }).toEqual({
      status: 0,
      summary: expect.stringMatching(/^Tests:\s+\d+ passed, \d+ total$/),
      failures: '',
    });
    for (const folder of ['bookmarks', 'blog-posts', 'notes', 'photo-albums', 'todos']) {
      expect(jest.stderr).toContain(`PASS src/resources/${folder}/${folder}.test.ts`);
    }
  });

  it('type-check', () => {
    const tsc = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'],
      { cwd: root, encoding: 'utf8', timeout: 180_000 },
    );
    // Only the generator's output is judged here; `npm run typecheck` covers the rest of the project.
    const generated = tsc.stdout.split('\n').filter((line) => /^(src\/resources|generators|plopfile)/.test(line));
    expect(generated).toEqual([]);
  });
});
