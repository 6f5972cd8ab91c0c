// Throw-away copies of the project for generator tests, so the real tree is never written to.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REMOVAL_MARK, resourceFolders, RESOURCES_DIR } from '../../../generators/project';
import { BASE_MIGRATIONS_DIR, GOLDEN_RESOURCE, registrationOf } from '../../../generators/resourceGenerator';
import { removeRegistration, ROUTE_TABLE } from '../../../generators/routeTable';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** What a generator reads or what the generated code needs to build and test. */
const COPIED = [
  'src',
  'test/support',
  'generators',
  'templates',
  'plopfile.ts',
  'plopfile.mjs',
  'package.json',
  'tsconfig.json',
  'tsconfig.jest.json',
  'jest.config.js',
  '.prettierrc.json',
];

/**
 * A copy of the kit as shipped, whatever the user generated since: every resource folder but the golden one,
 * its registration and the migrations left by removals are taken out, so the generator's tests pass in a project
 * with any resources (and never collide with the user's names).
 */
export function copyProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-gen-'));
  for (const entry of COPIED) {
    cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  let table = readFileSync(path.join(dir, ROUTE_TABLE), 'utf8');
  for (const folder of resourceFolders(dir).filter((name) => name !== GOLDEN_RESOURCE)) {
    rmSync(path.join(dir, RESOURCES_DIR, folder), { recursive: true });
    table = removeRegistration(table, registrationOf({ name: folder }));
  }
  writeFileSync(path.join(dir, ROUTE_TABLE), table);
  for (const name of readdirSync(path.join(dir, BASE_MIGRATIONS_DIR))) {
    const file = path.join(dir, BASE_MIGRATIONS_DIR, name);
    if (readFileSync(file, 'utf8').includes(REMOVAL_MARK)) rmSync(file);
  }
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `relativeDir` with its content: equal snapshots mean an unchanged tree. */
export function snapshot(root: string, relativeDir = 'src'): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(root, relative)).sort()) {
      const child = `${relative}/${name}`;
      if (statSync(path.join(root, child)).isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk(relativeDir);
  return files;
}

/**
 * Runs the plop CLI as a user would, with stdin closed (never a terminal), in `cwd`. `asInCi` leaves out jest's
 * NODE_ENV=test, under which plop hides its progress spinner, so the output is what a CI log shows.
 */
export function plop(cwd: string, args: string[], { asInCi = false } = {}): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  if (asInCi) delete env.NODE_ENV;
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/plop/bin/plop.js'), ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    timeout: 60_000,
  });
}
