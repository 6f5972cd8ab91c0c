// Checklist: configuration is validated at start-up; a bad value stops the process with a message naming it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const mail = {
  SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
  MAIL_FROM: 'Rampart <no-reply@example.com>',
  APP_URL: 'https://app.example.com',
};
const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db.example.com:5432/app', ...mail };
const GOOD_SECRET = 'x'.repeat(32);

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      bcryptRounds: 12,
      corsOrigins: [],
      jwt: { expiresIn: '7d', issuer: 'rampart', audience: 'rampart-api' },
    });
    expect(Object.isFrozen(config.jwt)).toBe(true);
  });

  it('requires JWT_SECRET in production', () => {
    expect(problemsOf(production)).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
  });

  it('does not ask database commands (db:migrate, user:promote) for JWT_SECRET', () => {
    const config = loadConfig(production, 'databaseCommand');
    expect(config.jwt.secret).toBeUndefined();
    expect(problemsOf(production)).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
  });

  it('reads the IAM-auth region and the app role, and refuses a second password source', () => {
    const iam = {
      ...production,
      JWT_SECRET: GOOD_SECRET,
      DATABASE_URL: 'postgres://rampart_app@db.example.com:5432/app',
      DATABASE_IAM_AUTH_REGION: 'eu-west-1',
      DATABASE_APP_ROLE: 'rampart_app',
    };
    expect(loadConfig(iam).database).toMatchObject({ iamAuthRegion: 'eu-west-1', appRole: 'rampart_app' });
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';
    expect(problemsOf({ ...iam, DATABASE_PASSWORD_SECRET_ARN: secretArn })).toEqual([
      'DATABASE_IAM_AUTH_REGION cannot be combined with DATABASE_PASSWORD_SECRET_ARN (one password source per connection)',
    ]);
    expect(problemsOf({ ...iam, DATABASE_URL: 'postgres://rampart_app:pw@db.example.com/app' })).toEqual([
      'DATABASE_IAM_AUTH_REGION requires a DATABASE_URL without a password (the IAM token is the password)',
    ]);
    expect(problemsOf({ ...iam, DATABASE_IAM_AUTH_REGION: 'Ireland' })).toEqual([
      'DATABASE_IAM_AUTH_REGION must be an AWS region such as eu-west-1',
    ]);
    expect(problemsOf({ ...iam, DATABASE_APP_ROLE: 'App-Role' })).toEqual([
      'DATABASE_APP_ROLE must be a lowercase PostgreSQL role name such as rampart_app',
    ]);
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(problemsOf({ ...production, JWT_SECRET: 'short' })).toEqual(['JWT_SECRET must be at least 32 characters']);
  });

  it('requires DATABASE_URL in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET, ...mail })).toEqual([
      'DATABASE_URL is required when NODE_ENV=production',
    ]);
  });

  it.each(['SMTP_URL', 'MAIL_FROM', 'APP_URL'])('requires %s in production, naming it', (name) => {
    const env: NodeJS.ProcessEnv = { ...production, JWT_SECRET: GOOD_SECRET };
    delete env[name];
    expect(problemsOf(env)).toEqual([`${name} is required when NODE_ENV=production (or set LOCAL_ACCOUNTS=false)`]);
  });

  it('has mail and account defaults for development: outbox under DATA_DIR, 30 min resets, 24 h verification', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/rampart-data' });
    expect(config.mail).toMatchObject({
      smtpUrl: undefined,
      outboxDir: '/tmp/rampart-data/outbox',
      appName: 'Rampart',
    });
    expect(config.accounts).toEqual({
      appUrl: 'http://localhost:3000',
      resetPasswordPath: '/reset-password',
      verifyEmailPath: '/verify-email',
      resetTtlSeconds: 1800,
      verifyTtlSeconds: 86_400,
      requireVerifiedEmail: false,
      local: true,
    });
    expect(loadConfig({ PASSWORD_RESET_TTL: '2h', EMAIL_VERIFY_TTL: '3d' }).accounts).toMatchObject({
      resetTtlSeconds: 7200,
      verifyTtlSeconds: 259_200,
    });
  });

  it.each([
    ['SMTP_URL', 'http://smtp.example.com', 'SMTP_URL must be an smtp:// or smtps:// URL'],
    ['APP_URL', 'app.example.com', 'APP_URL must be an http(s) URL'],
    ['PASSWORD_RESET_TTL', 'soon', 'PASSWORD_RESET_TTL must be a duration'],
    ['EMAIL_VERIFY_TTL', '90d', 'EMAIL_VERIFY_TTL must be between 1m and 30d'],
    ['RESET_PASSWORD_PATH', 'https://evil.example.com/', 'RESET_PASSWORD_PATH must be a path'],
    ['REQUIRE_VERIFIED_EMAIL', 'yes', 'REQUIRE_VERIFIED_EMAIL must be true or false'],
    ['BCRYPT_ROUNDS', '9', 'BCRYPT_ROUNDS must be at least 10'],
    ['PORT', 'eighty', 'PORT must be a number'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['CORS_ORIGINS', 'https://ok.example.com,not a url', 'CORS_ORIGINS must be a comma-separated list'],
    ['CORS_ORIGINS', 'https://app.example.com/login', 'CORS_ORIGINS must be a comma-separated list of origins'],
    ['CORS_ORIGINS', 'ftp://files.example.com', 'CORS_ORIGINS must be a comma-separated list of origins'],
    ['JWT_EXPIRES_IN', 'forever', 'JWT_EXPIRES_IN must be a duration'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
  ])('names %s when its value is bad', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('writes each CORS origin the way a browser sends it, so a trailing slash or upper case still matches', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://App.Example.com/,http://localhost:3000,https://b.example.com:443' })
        .corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:3000', 'https://b.example.com']);
  });

  it('parses CORS_ORIGINS as a trimmed list', () => {
    expect(loadConfig({ CORS_ORIGINS: ' https://a.example.com , https://b.example.com ' }).corsOrigins).toEqual([
      'https://a.example.com',
      'https://b.example.com',
    ]);
  });
});

describe('server start-up', () => {
  const root = path.resolve(__dirname, '..');
  const start = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      // Generous: tsx compiles the server first, which takes seconds on a loaded machine.
      timeout: 60_000,
    });

  it('exits non-zero naming JWT_SECRET when it is missing in production', () => {
    const result = start(production);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET is required when NODE_ENV=production');
  });

  it('exits non-zero naming SMTP_URL when production has no mail server', () => {
    const result = start({ ...production, JWT_SECRET: GOOD_SECRET, SMTP_URL: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SMTP_URL is required when NODE_ENV=production');
  });

  it('needs no mail server in production when LOCAL_ACCOUNTS=false', () => {
    const env: NodeJS.ProcessEnv = { ...production, JWT_SECRET: GOOD_SECRET, LOCAL_ACCOUNTS: 'false' };
    for (const name of ['SMTP_URL', 'MAIL_FROM', 'APP_URL']) delete env[name];
    expect(problemsOf(env)).toEqual([]);
  });

  it('exits non-zero naming JWT_SECRET when it is too short', () => {
    const result = start({ ...production, JWT_SECRET: 'too-short' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET must be at least 32 characters');
  });
});
