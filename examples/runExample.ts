// `npm run example`: the whole system in development. One embedded PostgreSQL holds Rampart's database and
// the example's Better Auth database; Rampart's dev server verifies Better Auth's JWTs through its JWKS, and
// the Next.js dev server serves the frontend. Ctrl-C (or SIGTERM) stops both servers, then PostgreSQL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isReachable, startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/dev/embeddedPostgres';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'nextjs-better-auth');
// No settings needed: fixed ports, so Better Auth's issuer and Rampart's JWKS settings agree run after run
// (54339 is not the dev server's 54329). The optional EXAMPLE_* overrides serve a taken port, and the test.
const { EXAMPLE_WEB_PORT = '3000', EXAMPLE_API_PORT = '8000', EXAMPLE_PG_PORT = '54339' } = process.env;
/** Git-ignored; delete it to start over with empty databases. */
const DATA_DIR = process.env.EXAMPLE_DATA_DIR ?? path.join(EXAMPLE, '.data');
const WEB_URL = `http://localhost:${EXAMPLE_WEB_PORT}`;
const API_URL = `http://localhost:${EXAMPLE_API_PORT}`;
const PG_PORT = Number(EXAMPLE_PG_PORT);
const AUDIENCE = 'rampart-api';

interface ExampleSecrets {
  postgresPassword: string;
  betterAuthSecret: string;
}

function loadOrCreateSecrets(): ExampleSecrets {
  const file = path.join(DATA_DIR, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ExampleSecrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets = {
    postgresPassword: randomBytes(24).toString('base64url'),
    betterAuthSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The example keeps its own lockfile; its packages are installed on first run, never by the root install. */
function installExample(): void {
  if (existsSync(path.join(EXAMPLE, 'node_modules', 'next'))) return;
  console.log('example: installing the example’s packages (npm ci, first run only)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: EXAMPLE, stdio: 'inherit' });
  if (npm.status !== 0) throw new Error('npm ci in examples/nextjs-better-auth failed');
}

async function startPostgres(password: string): Promise<{ url: (db: string) => string; stop: () => Promise<void> }> {
  const url = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${PG_PORT}/${db}`;
  let server: EmbeddedPostgresServer | undefined;
  if (!(await isReachable(url('postgres')))) {
    server = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, 'postgres'),
      port: PG_PORT,
      password,
      persistent: true,
    });
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    for (const db of ['rampart', 'better_auth']) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(db)}`);
    }
  } finally {
    await admin.end();
  }
  return { url, stop: async () => server?.stop() };
}

async function main(): Promise<void> {
  installExample();
  const secrets = loadOrCreateSecrets();
  const postgres = await startPostgres(secrets.postgresPassword);
  const port = (url: string) => new URL(url).port;

  const children: ChildProcess[] = [
    spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: port(API_URL),
        DATABASE_URL: postgres.url('rampart'),
        // Rampart keeps its generated development JWT secret here.
        DATA_DIR: path.join(DATA_DIR, 'rampart'),
        JWKS_URL: `${WEB_URL}/api/auth/jwks`,
        JWKS_ISSUER: WEB_URL,
        JWKS_AUDIENCE: AUDIENCE,
        CORS_ORIGINS: WEB_URL,
      },
    }),
    spawn(process.execPath, ['node_modules/next/dist/bin/next', 'dev', '-H', '127.0.0.1', '-p', port(WEB_URL)], {
      cwd: EXAMPLE,
      stdio: 'inherit',
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: postgres.url('better_auth'),
        BETTER_AUTH_SECRET: secrets.betterAuthSecret,
        BETTER_AUTH_URL: WEB_URL,
        RAMPART_URL: API_URL,
        RAMPART_AUDIENCE: AUDIENCE,
      },
    }),
  ];
  console.log(`example: Rampart on ${API_URL}, the frontend on ${WEB_URL} — open ${WEB_URL} and sign up`);

  let stopping = false;
  const exited = children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(exited);
    await postgres.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // `kill <npm pid>`: npm passes SIGTERM to the shell running this script, and Debian's sh exits without
  // passing it on. Losing the parent therefore means the same as SIGTERM.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stop(0), 500).unref();
  // Either server stopping on its own (a port in use, a crash) stops the whole system.
  for (const child of children) {
    child.once('exit', (code) => {
      if (stopping) return;
      console.error(`example: a server stopped (exit ${code ?? 'by signal'}); stopping the other`);
      void stop(1);
    });
  }
}

main().catch((err: unknown) => {
  console.error(`example failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
