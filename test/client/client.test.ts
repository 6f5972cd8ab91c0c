// The typed client (client/): usable from a type-checked program against the real app. Whether the committed client is
// current is CI's `npm run client:check` step, not a test: generating a resource must leave `npm test` green.
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestApp, type TestApp } from '../support/testApp';

const REPO_ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const TSC = path.join(REPO_ROOT, 'node_modules/.bin/tsc');
const ORIGIN = 'http://app.example.test';

/** Runs a command to completion while this process keeps serving (the app under test lives in it). */
function runAsync(command: string, args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('a program using a freshly generated client', () => {
  let ctx: TestApp;
  let server: Server;
  let workDir: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    workDir = mkdtempSync(path.join(ARTIFACTS, 'client-'));
    mkdirSync(path.join(workDir, 'test/client'), { recursive: true });
    copyFileSync(path.join(__dirname, 'todoProgram.ts'), path.join(workDir, 'test/client/todoProgram.ts'));
    writeFileSync(
      path.join(workDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: { noEmit: true },
        include: ['client', 'test'],
      }),
    );
    ctx = await createTestApp({ CORS_ORIGINS: ORIGIN });
    server = ctx.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await ctx?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('generates client/ elsewhere, type-checks, then signs up, pages todos through Link, and gets typed errors', async () => {
    const generate = run(TSX, ['generators/client/clientCli.ts', '--out', path.join(workDir, 'client')]);
    expect(generate).toMatchObject({ status: 0 });

    const typecheck = run(TSC, ['-p', path.join(workDir, 'tsconfig.json')]);
    expect(typecheck.output).toBe('');
    expect(typecheck.status).toBe(0);

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const program = await runAsync(TSX, [path.join(workDir, 'test/client/todoProgram.ts'), url, ORIGIN]);
    expect(program).toMatchObject({ status: 0 });
    expect(JSON.parse(program.output)).toEqual({
      pages: [['one', 'two'], ['three', 'four'], ['five']],
      denied: { status: 401, code: 'MISSING_CREDENTIALS', message: expect.any(String) },
      invalid: { status: 422, code: 'VALIDATION_FAILED', message: expect.stringContaining('title') },
      cookie: { signinStatus: 200, tokenInBody: false, me: expect.stringMatching(/^client-\d+@example\.com$/) },
    });
  }, 180_000);
});
