// A generator's output as a list of file changes: planned in memory, shown as a diff, applied all or nothing.
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { GeneratorError } from './generatorError';

export interface FileChange {
  /** Relative to the project root, with forward slashes. */
  path: string;
  /** The content now; null when the file does not exist. */
  before: string | null;
  /** The content wanted; null to delete the file. */
  after: string | null;
}

export function readIfExists(root: string, relative: string): string | null {
  const file = path.join(root, relative);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export function change(root: string, relative: string, after: string | null): FileChange {
  return { path: relative, before: readIfExists(root, relative), after };
}

/** One line per change, a unified diff for modified files and, when `full`, new files' contents: --dry-run. */
export function describeChanges(changes: readonly FileChange[], full = false): string {
  return changes
    .map((item) => {
      if (item.before === null) return full ? `create  ${item.path}\n${item.after ?? ''}` : `create  ${item.path}`;
      if (item.after === null) return `delete  ${item.path}`;
      const patch = createTwoFilesPatch(`a/${item.path}`, `b/${item.path}`, item.before, item.after, '', '', {
        context: 3,
      });
      return `modify  ${item.path}\n${patch.split('\n').slice(1).join('\n')}`;
    })
    .join('\n');
}

function missingDirs(dir: string, root: string): string[] {
  const created: string[] = [];
  for (let current = dir; current !== root && !existsSync(current); current = path.dirname(current)) {
    created.push(current);
  }
  return created;
}

/**
 * Applies every change or none. Each new content goes to a temporary file beside its target first and is
 * renamed into place only when all were written; any failure restores what was already replaced.
 */
export function applyChanges(root: string, changes: readonly FileChange[]): void {
  for (const item of changes) {
    if (readIfExists(root, item.path) !== item.before) {
      throw new GeneratorError([`${item.path} changed while generating; nothing was written`]);
    }
  }
  const createdDirs: string[] = [];
  const staged: { target: string; temp: string }[] = [];
  const done: FileChange[] = [];
  try {
    for (const item of changes) {
      if (item.after === null) continue;
      const target = path.join(root, item.path);
      const dirs = missingDirs(path.dirname(target), root);
      mkdirSync(path.dirname(target), { recursive: true });
      createdDirs.push(...dirs);
      const temp = `${target}.rampart-${process.pid}.tmp`;
      writeFileSync(temp, item.after, { flag: 'wx' });
      staged.push({ target, temp });
    }
    for (const item of changes) {
      const target = path.join(root, item.path);
      if (item.after === null) rmSync(target);
      else renameSync(`${target}.rampart-${process.pid}.tmp`, target);
      done.push(item);
    }
    for (const item of changes) {
      if (item.after === null) removeEmptyDirs(path.dirname(path.join(root, item.path)), root);
    }
  } catch (err) {
    for (const item of done.reverse()) {
      const target = path.join(root, item.path);
      if (item.before === null) rmSync(target, { force: true });
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, item.before);
      }
    }
    for (const { temp } of staged) rmSync(temp, { force: true });
    for (const dir of createdDirs.sort((a, b) => b.length - a.length)) removeEmptyDirs(dir, root);
    throw err;
  }
}

/** Removes `dir` and its parents up to `root` while they are empty. */
function removeEmptyDirs(dir: string, root: string): void {
  for (let current = dir; current !== root && current.startsWith(root); current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
  }
}
