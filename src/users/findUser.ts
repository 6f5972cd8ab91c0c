// The user read every authenticated request makes: one prepared statement, built into a User without a query builder.
import { quoteIdentifier, statement, statementRunner } from '../db/statements';
import type { User, UserModel } from './model';

export type FindUser = (id: number) => Promise<User | null>;

export function userFinder(users: UserModel): FindUser {
  const run = statementRunner(users.sequelize!);
  const columns = Object.keys(users.getAttributes()).map(quoteIdentifier).join(', ');
  const byId = statement(`SELECT ${columns} FROM "users" WHERE "id" = $1`);
  return async (id) => {
    const [row] = await run<Record<string, unknown>>(byId, [id]);
    // A stored row, so an instance that updates rather than inserts (token_version bumps, password changes).
    return row ? users.build(row as never, { isNewRecord: false, raw: true }) : null;
  };
}
