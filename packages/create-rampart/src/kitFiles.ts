// The kit's files a new project starts from: a git checkout's files, or the template bundled in the package.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface KitFile {
  /** POSIX path relative to the project root. */
  readonly path: string;
  readonly content: Buffer;
  readonly mode: number;
}

/**
 * Paths that belong to the kit and not to a project made from it: its history, benchmark results, reports,
 * this package, the tests of project creation and the slow test of the documented examples.
 */
export const KIT_ONLY: readonly RegExp[] = [
  /^\.git(\/|$)/,
  /^bench\/results\//,
  /^reports\//,
  /^test-artifacts\//,
  /^packages\//,
  /^test\/newProject\//,
  /^test\/generators\/slow\//,
  /^node_modules(\/|$)/,
  /^\.data(\/|$)/,
  /^dist(\/|$)/,
];

/** npm leaves these out of a package (or reads them as its own), so the bundled template stores them renamed. */
const PACKED_NAMES: ReadonlyMap<string, string> = new Map([
  ['.gitignore', '_gitignore'],
  ['.npmrc', '_npmrc'],
  ['package-lock.json', '_package-lock.json'],
]);

export function packedName(file: string): string {
  const base = path.posix.basename(file);
  const renamed = PACKED_NAMES.get(base);
  return renamed ? path.posix.join(path.posix.dirname(file), renamed) : file;
}

function unpackedName(file: string): string {
  const base = path.posix.basename(file);
  for (const [original, packed] of PACKED_NAMES) {
    if (base === packed) return path.posix.join(path.posix.dirname(file), original);
  }
  return file;
}

/**
 * A git checkout's files as its user has them: every file git tracks or would track, as it is in the work tree.
 * Regular files only: an untracked symlink to a directory (a linked node_modules, say) is listed as one path,
 * and a tracked file deleted in the work tree is still listed by the index.
 */
export function checkoutFiles(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  return listed.stdout
    .split('\0')
    .filter((file) => file && statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() === true);
}

function walk(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(root, relative) : [relative];
  });
}

/** The kit's project files, read into memory, with `packed: true` for a template bundled by bundleTemplate. */
export function readKitFiles(root: string, { packed }: { packed: boolean }): KitFile[] {
  const listed = packed || !existsSync(path.join(root, '.git')) ? walk(root) : checkoutFiles(root);
  return listed
    .map((file) => (packed ? { source: file, path: unpackedName(file) } : { source: file, path: file }))
    .filter(({ path: file }) => !KIT_ONLY.some((pattern) => pattern.test(file)))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ source, path: file }) => {
      const full = path.join(root, source);
      return { path: file, content: readFileSync(full), mode: statSync(full).mode & 0o777 };
    });
}
