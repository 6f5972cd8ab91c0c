// Developer-loop timings: `npx plop resource` in a scratch copy of the repository, and the test suite.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../harness/serverProcess';

export interface Timed {
  wallMs?: number;
  /** Why there is no figure, when there is none. */
  skipped?: string;
  command: string;
}

const SKIP_IN_COPY = new Set(['node_modules', '.git', '.data', 'dist', 'coverage']);

/** Runs the resource generator in a copy of the repository, so the working tree is never touched. */
export function timePlopResource(): Timed {
  const args = ['plop', 'resource', '--', '--name', 'benchWidget', '--fields', 'label:string count:integer'];
  const command = `npx ${args.join(' ')}`;
  if (
    !['plopfile.ts', 'plopfile.js', 'plopfile.mjs', 'plopfile.cjs'].some((f) => existsSync(path.join(REPO_ROOT, f)))
  ) {
    return { command, skipped: 'no plopfile in the repository yet' };
  }
  const copy = mkdtempSync(path.join(os.tmpdir(), 'rampart-plop-'));
  try {
    for (const entry of readdirSync(REPO_ROOT)) {
      if (!SKIP_IN_COPY.has(entry)) cpSync(path.join(REPO_ROOT, entry), path.join(copy, entry), { recursive: true });
    }
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    const start = performance.now();
    const run = spawnSync('npx', args, { cwd: copy, encoding: 'utf8', timeout: 120_000, env: process.env });
    const wallMs = performance.now() - start;
    if (run.status !== 0) {
      const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-3).join(' / ');
      return { command, skipped: `generator failed (exit ${run.status}): ${output.slice(0, 200)}` };
    }
    return { command, wallMs };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export function timeTestSuite(): Timed {
  const command = 'npm test';
  const start = performance.now();
  // Output is discarded (jest's can run to megabytes); only the exit status and the time matter here.
  const run = spawnSync('npm', ['test', '--silent'], { cwd: REPO_ROOT, stdio: 'ignore', env: process.env });
  const wallMs = performance.now() - start;
  if (run.status !== 0) return { command, wallMs, skipped: `npm test failed (exit ${run.status})` };
  return { command, wallMs };
}
