// Opens the Sequelize connection pool; knows nothing about models or routes.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { Sequelize, type Options } from 'sequelize';

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  /**
   * Called before every new connection, so credentials that rotate (an RDS-managed secret, an IAM
   * auth token) are read fresh instead of being fixed at start-up.
   */
  passwordProvider?: () => Promise<string>;
}

export interface Database {
  readonly sequelize: Sequelize;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

type SslOption = false | { rejectUnauthorized: boolean; ca?: string };

/** libpq's sslmode semantics, which the pg driver does not apply by itself under Sequelize. */
export function sslFromUrl(url: string): SslOption {
  const params = new URL(url).searchParams;
  const mode = params.get('sslmode') ?? (params.get('ssl') === 'true' ? 'require' : 'disable');
  const rootCert = params.get('sslrootcert');
  const ca = rootCert ? readFileSync(rootCert, 'utf8') : undefined;
  switch (mode) {
    case 'disable':
    case 'allow':
    case 'prefer':
      return false;
    case 'require':
      // Encrypted; the certificate is verified only when a root certificate is given (as libpq does).
      return ca ? { rejectUnauthorized: true, ca } : { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full':
      return ca ? { rejectUnauthorized: true, ca } : { rejectUnauthorized: true };
    default:
      throw new Error(`DATABASE_URL has an unknown sslmode "${mode}"`);
  }
}

/** Drops libpq-only query parameters that the driver would otherwise try to interpret. */
function withoutSslParams(url: string): string {
  const parsed = new URL(url);
  for (const key of ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey']) parsed.searchParams.delete(key);
  return parsed.toString();
}

export function createDatabase(options: DatabaseOptions): Database {
  const sequelizeOptions: Options = {
    dialect: 'postgres',
    dialectModule: pg,
    logging: false,
    pool: { max: options.poolMax, min: 0, acquire: options.acquireTimeoutMs, idle: 10_000, evict: 5_000 },
    dialectOptions: {
      ssl: sslFromUrl(options.url),
      application_name: 'rampart',
      statement_timeout: options.statementTimeoutMs,
      connectionTimeoutMillis: Math.min(options.acquireTimeoutMs, 5_000),
      keepAlive: true,
    },
    define: { underscored: true },
    retry: { max: 0 },
  };
  const sequelize = new Sequelize(withoutSslParams(options.url), sequelizeOptions);
  const { passwordProvider } = options;
  if (passwordProvider) {
    sequelize.addHook('beforeConnect', async (connectionConfig) => {
      connectionConfig.password = await passwordProvider();
    });
  }
  return {
    sequelize,
    async ping() {
      await sequelize.query('SELECT 1');
    },
    async close() {
      await sequelize.close();
    },
  };
}
