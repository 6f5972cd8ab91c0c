// Least privilege: `db:migrate` creates the API's role (without JWT_SECRET), and that role can use rows but not change the schema.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { adminQuery, withDatabase } from '../support/testDatabase';

const root = path.resolve(__dirname, '../..');
const server = () => process.env.RAMPART_TEST_SERVER_URL as string;
const database = `rampart_app_role_${process.pid}`;
const role = `rampart_app_${process.pid}`;
const ownerUrl = () => withDatabase(server(), database);

/** `npm run db:migrate` as the migrate container runs it: production, schema owner's URL, no JWT_SECRET. */
const migrate = () =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/db/migrateCli.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: ownerUrl(), DATABASE_APP_ROLE: role },
    encoding: 'utf8',
    timeout: 60_000,
  });

let owner: pg.Client;
let app: pg.Client;

beforeAll(async () => {
  await adminQuery(server(), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(server(), `CREATE DATABASE "${database}"`);
  owner = new pg.Client({ connectionString: ownerUrl() });
  await owner.connect();
}, 60_000);

afterAll(async () => {
  await app?.end();
  await owner?.end();
  await adminQuery(server(), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(server(), `DROP ROLE IF EXISTS "${role}"`);
});

const denied = (sql: string) => expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });

describe('the app database role', () => {
  it('is created by db:migrate without JWT_SECRET, and a second run changes nothing', async () => {
    for (const attempt of [1, 2]) {
      const result = migrate();
      expect({ attempt, status: result.status, stderr: result.stderr }).toEqual({ attempt, status: 0, stderr: '' });
    }
    const { rows } = await owner.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      'SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = $1',
      [role],
    );
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true }]);
    // The test signs in with a password; on RDS the role signs in with IAM tokens instead (rds_iam).
    await owner.query(`ALTER ROLE "${role}" PASSWORD 'app-role-test-password'`);
    const url = new URL(ownerUrl());
    url.username = role;
    url.password = 'app-role-test-password';
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  }, 120_000);

  it('reads, inserts, updates and deletes rows of the app tables', async () => {
    const inserted = await app.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash) VALUES ('role-check@example.com', 'Role', 'x') RETURNING id`,
    );
    const id = inserted.rows[0]!.id;
    await app.query(`UPDATE users SET email = 'role-check-2@example.com' WHERE id = $1`, [id]);
    expect((await app.query('SELECT email FROM users WHERE id = $1', [id])).rows).toEqual([
      { email: 'role-check-2@example.com' },
    ]);
    expect((await app.query('DELETE FROM users WHERE id = $1', [id])).rowCount).toBe(1);
  });

  it('gets the same rights on tables a later migration creates', async () => {
    await owner.query('CREATE TABLE later_feature (id serial PRIMARY KEY, note text)');
    await app.query(`INSERT INTO later_feature (note) VALUES ('ok')`);
    expect((await app.query('SELECT note FROM later_feature')).rows).toEqual([{ note: 'ok' }]);
    await denied('DROP TABLE later_feature');
  });

  it('cannot create, drop or alter tables, nor create roles or schemas', async () => {
    await denied('CREATE TABLE intruder (id int)');
    await denied('DROP TABLE users');
    await denied('ALTER TABLE users ADD COLUMN intruder text');
    await denied('TRUNCATE users');
    await denied('CREATE SCHEMA intruder');
    await denied(`CREATE ROLE intruder`);
  });

  it('cannot read or write the migration ledger or any other schema', async () => {
    await owner.query('CREATE SCHEMA audit');
    await owner.query(`CREATE TABLE audit.events (note text)`);
    await owner.query(`INSERT INTO audit.events VALUES ('secret')`);
    await denied('SELECT * FROM audit.events');
    await denied('SELECT * FROM schema_migrations');
    await denied(`DELETE FROM schema_migrations`);
  });
});
