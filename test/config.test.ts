// Checklist: configuration is validated at start-up; a bad value stops the process with a message naming it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db.example.com:5432/app' };
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
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: GOOD_SECRET })).toEqual([
      'DATABASE_URL is required when NODE_ENV=production',
    ]);
  });

  it.each([
    ['BCRYPT_ROUNDS', '9', 'BCRYPT_ROUNDS must be at least 10'],
    ['PORT', 'eighty', 'PORT must be a number'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['CORS_ORIGINS', 'https://ok.example.com,not a url', 'CORS_ORIGINS must be a comma-separated list'],
    ['JWT_EXPIRES_IN', 'forever', 'JWT_EXPIRES_IN must be a duration'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
  ])('names %s when its value is bad', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
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
      timeout: 20_000,
    });

  it('exits non-zero naming JWT_SECRET when it is missing in production', () => {
    const result = start(production);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET is required when NODE_ENV=production');
  });

  it('exits non-zero naming JWT_SECRET when it is too short', () => {
    const result = start({ ...production, JWT_SECRET: 'too-short' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET must be at least 32 characters');
  });
});
