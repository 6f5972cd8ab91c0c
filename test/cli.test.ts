// The command-line tools README documents: npm run user:promote and npm run db:migrate, run as real processes.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { defineUserModel } from '../src/users/model';
import { signUp } from './support/factories';
import { TEST_JWT_SECRET, createTestApp, type TestApp } from './support/testApp';
import { workerDatabaseUrl } from './support/testDatabase';

const root = path.resolve(__dirname, '..');
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_URL: workerDatabaseUrl(), JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info' },
    encoding: 'utf8',
    timeout: 30_000,
  });

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('npm run user:promote', () => {
  it('makes an existing user an admin, whatever the case of the email given', async () => {
    const { user } = await signUp(ctx.app);
    const result = run('src/users/promoteCli.ts', [user.email.toUpperCase()]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((await defineUserModel(ctx.db.sequelize).findByPk(user.id))?.role).toBe('admin');
  });

  it('exits 1 naming the email when no such user exists', () => {
    const result = run('src/users/promoteCli.ts', ['nobody@example.com']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('no user with email nobody@example.com\n');
  });

  it('exits 1 with its usage when no email is given', () => {
    const result = run('src/users/promoteCli.ts', []);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage: npm run user:promote -- <email>');
  });
});

describe('npm run db:migrate', () => {
  it('reports an up-to-date database and exits 0', () => {
    const result = run('src/db/migrateCli.ts', []);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('database already up to date');
  });

  it('refuses an unknown direction', () => {
    const result = run('src/db/migrateCli.ts', ['sideways']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown direction "sideways"');
  });
});
