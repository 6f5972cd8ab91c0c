// `npm run user:promote -- <email>`: grants the admin role to an existing user.
import { loadConfig } from '../config';
import { openDatabase } from '../db/openDatabase';
import { resolveServices } from '../dev/devServices';
import { createLogger } from '../logger';
import { promoteToAdmin } from './promote';

async function main(): Promise<void> {
  const email = process.argv[2];
  if (!email) throw new Error('usage: npm run user:promote -- <email>');
  const config = loadConfig();
  const services = await resolveServices(config, createLogger(config.logLevel));
  const db = openDatabase(config.database, services.databaseUrl);
  try {
    if (!(await promoteToAdmin(db.sequelize, email))) throw new Error(`no user with email ${email}`);
    process.stdout.write(`${email} is now an admin\n`);
  } finally {
    await db.close();
    await services.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
