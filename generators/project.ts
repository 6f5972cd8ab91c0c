// What already exists in the project a generator writes into: resource folders, their specs, migration names.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFields } from './fieldSpec';
import { GeneratorError } from './generatorError';
import { readIfExists } from './fileChanges';
import { ACCESS_MODES, type AccessMode, type ResourceSpec } from './resourceSpec';

export const RESOURCES_DIR = 'src/resources';

/**
 * `rampart:spec <name> --access <mode> [--visible-when <field>] [--parent <resource>] --fields "<spec>"`, as the
 * resource templates write it (the fields as a JSON string).
 */
const SPEC_LINE =
  /^\/\/ rampart:spec (\S+) --access (\S+)((?: --(?:visible-when|parent) \S+)*) --fields ("(?:[^"\\]|\\.)*")$/m;

export function resourceFolders(root: string): string[] {
  const dir = path.join(root, RESOURCES_DIR);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/** The spec a generated resource was last rendered from, or undefined for a hand-written folder. */
export function readSpec(root: string, folder: string): ResourceSpec | undefined {
  const source = readIfExists(root, `${RESOURCES_DIR}/${folder}/index.ts`);
  const match = source === null ? null : SPEC_LINE.exec(source);
  if (!match) return undefined;
  const [, name = '', access = '', options = '', quoted = '""'] = match;
  let fields: string;
  try {
    fields = JSON.parse(quoted) as string;
  } catch {
    throw new GeneratorError([`${RESOURCES_DIR}/${folder}/index.ts has an unreadable rampart:spec line`]);
  }
  if (!(ACCESS_MODES as readonly string[]).includes(access)) {
    throw new GeneratorError([`${RESOURCES_DIR}/${folder}/index.ts has an unknown access mode "${access}"`]);
  }
  const option = (flag: string) => new RegExp(` --${flag} (\\S+)`).exec(options)?.[1];
  const visibleWhen = option('visible-when');
  const parent = option('parent');
  return {
    name,
    access: access as AccessMode,
    fields: parseFields(fields),
    ...(visibleWhen === undefined ? {} : { visibleWhen }),
    ...(parent === undefined ? {} : { parent }),
  };
}

/** Written into the migrations `resource:remove` leaves behind. */
export const REMOVAL_MARK = 'npx plop resource:remove';

/** Tables and models the project already defines (migrations' createTable, models' tableName and define). */
export function schemaNames(root: string): { tables: Set<string>; models: Set<string> } {
  // A table counts while it was created (by a migration, or named by a model) more often than dropped.
  const count = new Map<string, number>([
    ['schema_migrations', 1],
    ['SequelizeMeta', 1],
  ]);
  const add = (table: string, step: number) => count.set(table, (count.get(table) ?? 0) + step);
  const models = new Set<string>();
  for (const file of filesUnder(root, 'src').filter((name) => name.endsWith('.ts'))) {
    const source = readIfExists(root, file) ?? '';
    for (const match of source.matchAll(/createTable\(\s*'([A-Za-z0-9_]+)'/g)) add(match[1] ?? '', 1);
    // Only the migrations `resource:remove` writes drop a table for good (a down() drops what its up() made).
    if (source.includes(REMOVAL_MARK)) {
      for (const match of source.matchAll(/dropTable\(\s*'([A-Za-z0-9_]+)'/g)) add(match[1] ?? '', -1);
    }
    for (const match of source.matchAll(/tableName: '([A-Za-z0-9_]+)'/g)) add(match[1] ?? '', 1);
    for (const match of source.matchAll(/\.define(?:<[^>]*>)?\(\s*'([A-Za-z0-9_]+)'/g)) models.add(match[1] ?? '');
  }
  return { tables: new Set([...count].filter(([, n]) => n > 0).map(([table]) => table)), models };
}

/** Every file under a folder, relative to root, deepest last. */
export function filesUnder(root: string, relativeDir: string): string[] {
  const dir = path.join(root, relativeDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const relative = `${relativeDir}/${name}`;
      return statSync(path.join(root, relative)).isDirectory() ? filesUnder(root, relative) : [relative];
    });
}

function migrationNames(root: string): string[] {
  const folders = [
    'src/db/migrations',
    ...resourceFolders(root).map((folder) => `${RESOURCES_DIR}/${folder}/migrations`),
  ];
  return folders.flatMap((folder) => filesUnder(root, folder).map((file) => path.basename(file)));
}

const STAMP = /^\d{14}$/;

function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * A UTC timestamp (YYYYMMDDHHMMSS) for a new migration: now, or one second after the newest existing
 * migration when that is later, so migrations stay ordered by file name. `pinned` fixes it (tests, golden file).
 */
export function migrationTimestamp(root: string, pinned?: string): string {
  if (pinned !== undefined) {
    if (!STAMP.test(pinned)) throw new GeneratorError([`timestamp "${pinned}" is not YYYYMMDDHHMMSS`]);
    return pinned;
  }
  const now = stampOf(new Date());
  const latest = migrationNames(root)
    .map((name) => name.slice(0, 14))
    .filter((stamp) => STAMP.test(stamp))
    .sort()
    .pop();
  if (!latest || latest < now) return now;
  const next = new Date(
    Date.UTC(
      Number(latest.slice(0, 4)),
      Number(latest.slice(4, 6)) - 1,
      Number(latest.slice(6, 8)),
      Number(latest.slice(8, 10)),
      Number(latest.slice(10, 12)),
      Number(latest.slice(12, 14)) + 1,
    ),
  );
  return stampOf(next);
}
