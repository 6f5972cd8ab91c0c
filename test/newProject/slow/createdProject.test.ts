// Slow (`npm run test:new-project`, in .ci/run, left out of created projects): projects made from the packed create-rampart and from
// `npm run new`, installed from the npm cache (--prefer-offline), pass their own type check, formatting and test suite.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

const KIT = path.resolve(__dirname, '..', '..', '..');
/** Only what a developer's shell has: none of the kit's own test settings leak into the project's run. */
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, CI: process.env.CI ?? 'true', NO_COLOR: '1' };

let scratch: string;
before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'created-project-'));
  // The embedded PostgreSQL runs initdb as its own user when the tests run as root: it must reach the project.
  chmodSync(scratch, 0o755);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = ENV): string {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout}${result.stderr}`;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`# ${path.basename(cwd)}: ${command} ${args.join(' ')} (${seconds} s, exit ${result.status})\n`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed in ${cwd}:\n${output.slice(-8000)}`);
  return output;
}

/** What a user does after creating a project: install from the lockfile (offline here), check, test. */
function installAndTest(dir: string): void {
  run(dir, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  run(dir, 'npm', ['run', 'typecheck']);
  run(dir, 'npm', ['run', 'format:check']);
  // The renamed project's committed typed client must still be what it serves (its .ci/run checks it too).
  const { scripts } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: object };
  if ('client:check' in scripts) run(dir, 'npm', ['run', 'client:check']);
  run(dir, 'npm', ['test']);
}

test('npm create rampart, from the packed create-rampart tarball: the project passes its own npm test', () => {
  run(KIT, 'npm', ['pack', './packages/create-rampart', '--pack-destination', scratch], { ...ENV });
  const tarball = readdirSync(scratch).find((name) => /^create-rampart-.*\.tgz$/.test(name));
  assert.ok(tarball, 'npm pack wrote no create-rampart tarball');
  run(scratch, 'npm', [
    'exec',
    '--prefer-offline',
    '--yes',
    `--package=${path.join(scratch, tarball)}`,
    '--',
    'create-rampart',
    'acme-orders-api',
  ]);
  installAndTest(path.join(scratch, 'acme-orders-api'));
});

test('npm run new --no-example --no-infra --issuer better-auth: the project passes its own npm test', () => {
  const target = path.join(scratch, 'bare-api');
  run(KIT, 'npm', ['run', 'new', '--', target, '--no-example', '--no-infra', '--issuer', 'better-auth']);
  installAndTest(target);
});
