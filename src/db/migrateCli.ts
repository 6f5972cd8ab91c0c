// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or reverts one with `down`).
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { createDatabase } from './database';
import { migrateDown, migrateUp } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.database.url) {
    throw new Error('DATABASE_URL is required to run migrations (npm run dev migrates the embedded database itself)');
  }
  const db = createDatabase({ ...config.database, url: config.database.url });
  try {
    const direction = process.argv[2] ?? 'up';
    if (direction === 'up') {
      const applied = await migrateUp(db.sequelize, logger);
      logger.info({ applied }, applied.length ? 'migrations applied' : 'database already up to date');
    } else if (direction === 'down') {
      const reverted = await migrateDown(db.sequelize, logger, process.argv[3]);
      logger.info({ reverted }, 'migrations reverted');
    } else {
      throw new Error(`unknown direction "${direction}": use "up" or "down [migration-name]"`);
    }
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
