// `npm run user:promote -- <email>`: grants the admin role to an existing user.
import { runDatabaseCommand } from '../db/databaseCommand';
import { promoteToAdmin } from './promote';

runDatabaseCommand(async (db) => {
  const email = process.argv[2];
  if (!email) throw new Error('usage: npm run user:promote -- <email>');
  if (!(await promoteToAdmin(db.sequelize, email))) throw new Error(`no user with email ${email}`);
  process.stdout.write(`${email} is now an admin\n`);
});
