// Builds the real app on this worker's real database, the way server.ts does, with test settings.
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { createTokenService, type TokenService } from '../../src/auth/tokens';
import { loadConfig, type Config } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/database';
import { createLifecycle, type Lifecycle } from '../../src/lifecycle';
import { createLogger } from '../../src/logger';
import { createMailer, type Mailer } from '../../src/mail/mailer';
import { makeTempDir, removeDir, workerDatabaseUrl } from './testDatabase';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface LogLine {
  level: string;
  msg?: string;
  [key: string]: unknown;
}

export interface TestApp {
  app: Express;
  db: Database;
  config: Config;
  tokens: TokenService;
  lifecycle: Lifecycle;
  /** The app's mailer: `await ctx.mailer.settled()` before reading the outbox or an SMTP server. */
  mailer: Mailer;
  /** Every log line the app wrote, parsed. */
  logs: LogLine[];
  /** Every log line as written, for asserting what never appears. */
  rawLogs: string[];
  close(): Promise<void>;
}

/** Environment overrides are given as variables, exactly as an operator would set them. */
export interface TestAppOptions {
  /** Reuse another test app's pool, as a second instance of the same service would its own. */
  db?: Database;
  /** Seconds between JWKS refetches on an unknown kid (30 s in production). */
  jwksCooldownMs?: number;
  /** The first wait after a failed JWKS fetch (1 s by default). */
  jwksBackoffMs?: number;
}

export const TEST_APP_URL = 'http://app.example.test';

export async function createTestApp(env: Record<string, string> = {}, shared?: TestAppOptions): Promise<TestApp> {
  // Each app gets its own DATA_DIR, so its outbox holds only its own mails.
  const dataDir = makeTempDir('rampart-app-');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: workerDatabaseUrl(),
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_ROUNDS: '10',
    AUTH_RATE_LIMIT_MAX: '100000',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    APP_URL: TEST_APP_URL,
    MAIL_FROM: 'Rampart <no-reply@example.test>',
    ...env,
  });
  const rawLogs: string[] = [];
  const logs: LogLine[] = [];
  const logger = createLogger(config.logLevel, {
    write(line: string) {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as LogLine);
    },
  });
  const db = shared?.db ?? createDatabase({ ...config.database, url: config.database.url as string });
  const tokens = createTokenService({
    ...config.jwt,
    secret: config.jwt.secret as string,
    external: config.jwks && {
      jwksUrl: config.jwks.url,
      issuer: config.jwks.issuer,
      audience: config.jwks.audience,
      cooldownMs: shared?.jwksCooldownMs,
      backoffMs: shared?.jwksBackoffMs,
    },
  });
  const lifecycle = createLifecycle();
  const mailer = createMailer(config.mail, logger);
  const app = createApp({ config, db, logger, tokens, lifecycle, mailer });
  return {
    app,
    db,
    config,
    tokens,
    lifecycle,
    mailer,
    logs,
    rawLogs,
    close: async () => {
      await mailer.settled();
      if (!shared?.db) await db.close();
      removeDir(dataDir);
    },
  };
}
