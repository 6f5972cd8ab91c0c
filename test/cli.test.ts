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

const roleOf = async (id: number) => (await defineUserModel(ctx.db.sequelize).findByPk(id))?.role;

describe('npm run user:promote', () => {
  it('shows the account and makes it an admin when its email is verified, whatever the case given', async () => {
    const { user } = await signUp(ctx.app);
    await defineUserModel(ctx.db.sequelize).update({ email_verified: true }, { where: { id: user.id } });
    const result = run('src/users/promoteCli.ts', [user.email.toUpperCase()]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`id:       ${user.id}`);
    expect(result.stdout).toContain(`email:    ${user.email} (verified)`);
    expect(result.stdout).toContain('signs in: with a local password');
    expect(await roleOf(user.id)).toBe('admin');
  });

  it('refuses an unverified email, shows the account and names the --id way (issue 10 item 2)', async () => {
    const { user } = await signUp(ctx.app);
    const result = run('src/users/promoteCli.ts', [user.email]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`email:    ${user.email} (NOT verified)`);
    expect(result.stderr).toContain(`npm run user:promote -- --id ${user.id}`);
    expect(await roleOf(user.id)).toBe('user');
  });

  it('promotes the account --id names, verified or not', async () => {
    const { user } = await signUp(ctx.app);
    const result = run('src/users/promoteCli.ts', ['--id', String(user.id)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`user ${user.id} is now an admin`);
    expect(await roleOf(user.id)).toBe('admin');
    expect(run('src/users/promoteCli.ts', ['--id', 'abc']).stderr).toContain('usage:');
    expect(run('src/users/promoteCli.ts', ['--id', '999999999']).stderr).toBe('no user with id 999999999\n');
  });

  it('exits 1 naming the email when no such user exists', () => {
    const result = run('src/users/promoteCli.ts', ['nobody@example.com']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('no user with email nobody@example.com\n');
  });

  it('exits 1 with its usage when no email is given', () => {
    const result = run('src/users/promoteCli.ts', []);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage: npm run user:promote -- <email>   or   npm run user:promote -- --id <id>');
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
