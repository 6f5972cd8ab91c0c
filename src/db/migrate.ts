// Schema migrations (umzug), safe to run twice and from several processes at once.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { QueryTypes, type QueryInterface, type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../logger';

export interface MigrationContext {
  queryInterface: QueryInterface;
  sequelize: Sequelize;
}

export type Migration = (params: { context: MigrationContext }) => Promise<void>;

interface MigrationModule {
  up: Migration;
  down: Migration;
}

/** Any fixed 64-bit number: every Rampart process migrating the same database takes this lock. */
const MIGRATION_LOCK_KEY = 7_245_093_118;

const SOURCE_ROOT = path.resolve(__dirname, '..');

/** Migration files of the base app (db/migrations) and of each resource (resources/<name>/migrations). */
export function migrationFiles(root = SOURCE_ROOT): string[] {
  const folders = [path.join(root, 'db', 'migrations')];
  const resourcesDir = path.join(root, 'resources');
  for (const entry of readdirSync(resourcesDir, { withFileTypes: true })) {
    const folder = path.join(resourcesDir, entry.name, 'migrations');
    if (entry.isDirectory() && existsSync(folder)) folders.push(folder);
  }
  return folders
    .flatMap((folder) =>
      readdirSync(folder)
        .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
        .map((file) => path.join(folder, file)),
    )
    .sort((a, b) => migrationName(a).localeCompare(migrationName(b)));
}

/** The name recorded in SequelizeMeta: the file name without extension, the same for .ts and built .js. */
function migrationName(file: string): string {
  return path.basename(file).replace(/\.(ts|js)$/, '');
}

function createUmzug(sequelize: Sequelize, logger?: Logger) {
  return new Umzug<MigrationContext>({
    migrations: migrationFiles().map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const migration = require(file) as MigrationModule;
      return { name: migrationName(file), path: file, up: migration.up, down: migration.down };
    }),
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: logger
      ? {
          info: (event) => logger.debug(event, 'migration'),
          warn: (event) => logger.warn(event, 'migration'),
          error: (event) => logger.error(event, 'migration'),
          debug: (event) => logger.debug(event, 'migration'),
        }
      : undefined,
  });
}

/**
 * Holds a transaction-scoped advisory lock while migrating, so a second process waits and then
 * finds nothing left to do. The lock is released on commit, rollback or a dropped connection.
 */
async function withMigrationLock<T>(sequelize: Sequelize, work: () => Promise<T>): Promise<T> {
  return sequelize.transaction(async (transaction) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(:key)', {
      replacements: { key: MIGRATION_LOCK_KEY },
      type: QueryTypes.SELECT,
      transaction,
    });
    return work();
  });
}

/** Applies pending migrations; returns the names applied by this call. */
export async function migrateUp(sequelize: Sequelize, logger?: Logger): Promise<string[]> {
  return withMigrationLock(sequelize, async () => {
    const applied = await createUmzug(sequelize, logger).up();
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the latest migration (or down to and including `to`). */
export async function migrateDown(sequelize: Sequelize, logger?: Logger, to?: string): Promise<string[]> {
  return withMigrationLock(sequelize, async () => {
    const reverted = await createUmzug(sequelize, logger).down(to ? { to } : undefined);
    return reverted.map((migration) => migration.name);
  });
}

export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  const pending = await createUmzug(sequelize).pending();
  return pending.map((migration) => migration.name);
}
