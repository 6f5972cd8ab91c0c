// `npm run db:migrate [up|down [name]]`: applies (or reverts) migrations on DATABASE_URL, or on the
// embedded development database when DATABASE_URL is unset outside production; `up` then ensures DATABASE_APP_ROLE.
import { runDatabaseCommand } from './databaseCommand';
import { ensureAppRole } from './appRole';
import { migrateDown, migrateUp } from './migrate';

runDatabaseCommand(async (db, logger, config) => {
  const [direction = 'up', target] = process.argv.slice(2);
  if (direction === 'up') {
    const applied = await migrateUp(db.sequelize, logger);
    logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'database already up to date');
    const { appRole } = config.database;
    if (appRole) {
      await ensureAppRole(db.sequelize, appRole);
      logger.info({ role: appRole }, 'app role granted row access to the app tables');
    }
  } else if (direction === 'down') {
    const reverted = await migrateDown(db.sequelize, logger, target);
    logger.info({ reverted }, `reverted ${reverted.length} migration(s)`);
  } else {
    throw new Error(`unknown direction "${direction}": use "up" or "down [migration-name]"`);
  }
});
