// `npm run db:migrate [up|down [name]]`: applies (or reverts) migrations on DATABASE_URL, or on the
// embedded development database when DATABASE_URL is unset outside production.
import { loadConfig } from '../config';
import { resolveServices } from '../dev/devServices';
import { createLogger } from '../logger';
import { openDatabase } from './openDatabase';
import { migrateDown, migrateUp } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await resolveServices(config, logger);
  const db = openDatabase(config.database, services.databaseUrl);
  try {
    const [direction = 'up', target] = process.argv.slice(2);
    if (direction === 'up') {
      const applied = await migrateUp(db.sequelize, logger);
      logger.info(
        { applied },
        applied.length ? `applied ${applied.length} migration(s)` : 'database already up to date',
      );
    } else if (direction === 'down') {
      const reverted = await migrateDown(db.sequelize, logger, target);
      logger.info({ reverted }, `reverted ${reverted.length} migration(s)`);
    } else {
      throw new Error(`unknown direction "${direction}": use "up" or "down [migration-name]"`);
    }
  } finally {
    await db.close();
    await services.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
