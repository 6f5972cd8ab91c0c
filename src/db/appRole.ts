// The API's own database role: rows of the app's tables only, no DDL, no role management; created idempotently by migrate.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** A different fixed key from the migration lock: concurrent GRANTs on one object fail with "tuple concurrently updated". */
const APP_ROLE_LOCK_KEY = 7_245_093_119;
/** Where the app's tables live; the role gets no access to any other schema. */
const SCHEMA = 'public';
/** The migration ledger is the schema owner's alone. */
const MIGRATIONS_TABLE = 'schema_migrations';

/** Plain lowercase identifiers only, so the name needs no quoting rules beyond double quotes. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates `role` (LOGIN, no password: on RDS it signs in with IAM tokens through `rds_iam`) if it is missing and
 * (re)grants it SELECT/INSERT/UPDATE/DELETE on the current and future tables of the schema, and sequence use.
 * Run by the schema owner after migrating; safe to repeat and to run from several tasks at once.
 */
export async function ensureAppRole(sequelize: Sequelize, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain lowercase PostgreSQL role name`);
  const r = `"${role}"`;
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await sequelize.query('SELECT pg_advisory_xact_lock(:key)', {
      replacements: { key: APP_ROLE_LOCK_KEY },
      type: QueryTypes.SELECT,
      transaction,
    });
    const [existing] = await sequelize.query<{ exists: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role) AS "exists"',
      { replacements: { role }, type: QueryTypes.SELECT, transaction },
    );
    if (!existing?.exists) await run(`CREATE ROLE ${r} LOGIN`);
    // Re-asserted every run, so a role someone widened by hand is narrowed again.
    await run(`ALTER ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
    const [iam] = await sequelize.query<{ exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') AS "exists"`,
      { type: QueryTypes.SELECT, transaction },
    );
    if (iam?.exists) await run(`GRANT rds_iam TO ${r}`);
    await run(`GRANT CONNECT ON DATABASE "${await currentDatabase(sequelize, transaction)}" TO ${r}`);
    await run(`REVOKE CREATE ON SCHEMA ${SCHEMA} FROM PUBLIC, ${r}`);
    await run(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${r}`);
    await run(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${r}`);
    await run(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${r}`);
    await run(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await run(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${SCHEMA} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
    await run(`REVOKE ALL ON TABLE ${SCHEMA}.${MIGRATIONS_TABLE} FROM ${r}`);
  });
}

async function currentDatabase(sequelize: Sequelize, transaction: Transaction): Promise<string> {
  const [row] = await sequelize.query<{ name: string }>('SELECT current_database() AS name', {
    type: QueryTypes.SELECT,
    transaction,
  });
  if (!row) throw new Error('PostgreSQL did not report the current database');
  return row.name.replaceAll('"', '""');
}
