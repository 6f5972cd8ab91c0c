// Checklist: migrations are safe to run twice and from two processes at once, and can be reverted.
import { QueryTypes } from 'sequelize';
import { createDatabase, sslFromUrl, type Database } from '../../src/db/database';
import { migrateDown, migrateUp, migrationFiles, pendingMigrations } from '../../src/db/migrate';
import { adminQuery, withDatabase } from '../support/testDatabase';

const server = () => process.env.RAMPART_TEST_SERVER_URL as string;
const fresh = `rampart_migrate_${process.pid}`;
let a: Database;
let b: Database;

beforeAll(async () => {
  await adminQuery(server(), `DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
  await adminQuery(server(), `CREATE DATABASE "${fresh}"`);
  const options = {
    url: withDatabase(server(), fresh),
    poolMax: 4,
    acquireTimeoutMs: 10_000,
    statementTimeoutMs: 30_000,
  };
  a = createDatabase(options);
  b = createDatabase(options);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await adminQuery(server(), `DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
});

const allNames = () => migrationFiles().map((file) => file.replace(/^.*\/|\.(ts|js)$/g, ''));

describe('migrations', () => {
  it('apply once when two processes migrate an empty database at the same time', async () => {
    const [first, second] = await Promise.all([migrateUp(a.sequelize), migrateUp(b.sequelize)]);
    expect([...first, ...second].sort()).toEqual([...allNames()].sort());
    const rows = await a.sequelize.query<{ name: string }>('SELECT name FROM schema_migrations', {
      type: QueryTypes.SELECT,
    });
    expect(rows.map((row) => row.name).sort()).toEqual([...allNames()].sort());
  });

  it('do nothing when run again', async () => {
    expect(await migrateUp(a.sequelize)).toEqual([]);
    expect(await pendingMigrations(a.sequelize)).toEqual([]);
  });

  it('order base tables before the resources that reference them', () => {
    const names = allNames();
    expect(names.indexOf('20261125000100-create-users')).toBeLessThan(
      names.findIndex((n) => n.endsWith('create-todos')),
    );
  });

  it('revert the latest migration and re-apply it', async () => {
    const latest = allNames().at(-1) as string;
    expect(await migrateDown(a.sequelize)).toEqual([latest]);
    expect(await pendingMigrations(a.sequelize)).toEqual([latest]);
    expect(await migrateUp(a.sequelize)).toEqual([latest]);
  });
});

describe('DATABASE_URL sslmode', () => {
  it.each([
    ['postgres://h/db', false],
    ['postgres://h/db?sslmode=disable', false],
    ['postgres://h/db?sslmode=require', { rejectUnauthorized: false }],
    ['postgres://h/db?sslmode=verify-full', { rejectUnauthorized: true }],
  ])('%s', (url, expected) => {
    expect(sslFromUrl(url)).toEqual(expected);
  });

  it('refuses an unknown sslmode', () => {
    expect(() => sslFromUrl('postgres://h/db?sslmode=sometimes')).toThrow('unknown sslmode "sometimes"');
  });
});
