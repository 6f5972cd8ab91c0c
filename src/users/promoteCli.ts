// `npm run user:promote -- <email>` or `-- --id <id>`: shows the account, then grants it the admin role.
import { runDatabaseCommand } from '../db/databaseCommand';
import { describeAccount, findAccount, promoteById } from './promote';

const USAGE = 'usage: npm run user:promote -- <email>   or   npm run user:promote -- --id <id>';

runDatabaseCommand(async (db) => {
  const [first, second] = process.argv.slice(2);
  if (!first) throw new Error(USAGE);
  const byId = first === '--id';
  if (byId && !/^[1-9]\d{0,9}$/.test(second ?? '')) throw new Error(USAGE);
  const account = await findAccount(db.sequelize, byId ? { id: Number(second) } : { email: first });
  if (!account) throw new Error(byId ? `no user with id ${second}` : `no user with email ${first}`);
  process.stdout.write(`${describeAccount(account)}\n`);
  // Anyone can sign up with an address they do not own: an unverified email names no one for sure.
  if (!byId && !account.email_verified) {
    throw new Error(
      `refusing: ${account.email} is not verified, so anyone could have registered it. ` +
        `If the account above is the right one, run: npm run user:promote -- --id ${account.id}`,
    );
  }
  await promoteById(db.sequelize, account.id);
  process.stdout.write(`user ${account.id} is now an admin\n`);
});
