// The whole system as it is deployed, for the example's browser test: the built Rampart server
// (NODE_ENV=production, `node dist/server.js`) and the built example (`next start`), each on its own database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import path from 'node:path';
import { adminQuery, freePort, makeTempDir, removeDir, withDatabase } from '../support/testDatabase';

const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLE_DIR = path.join(ROOT, 'examples', 'nextjs-better-auth');
const AUDIENCE = 'rampart-api';

export interface ExampleSystem {
  webUrl: string;
  apiUrl: string;
  authDatabaseUrl: string;
  stop(): Promise<void>;
}

function requireBuilds(): void {
  const missing = [
    [path.join(ROOT, 'dist', 'server.js'), 'npm run build'],
    [path.join(EXAMPLE_DIR, '.next', 'BUILD_ID'), 'npm --prefix examples/nextjs-better-auth run build'],
  ].filter(([file]) => !existsSync(file as string));
  if (missing.length > 0) {
    throw new Error(`Build first (npm run test:example does): ${missing.map(([, how]) => how).join(' and ')}`);
  }
}

/** Starts a process and resolves once `ready` answers 200; rejects with its output if it exits first. */
async function startProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`))),
  );
  const answers = (async () => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const res = await fetch(ready).catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${ready} did not answer 200 within 60 s:\n${output}`);
  })();
  await Promise.race([answers, exited]);
  return child;
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * NODE_ENV=production makes Rampart refuse a plain-http JWKS_URL. The test therefore puts a TLS front (a
 * self-signed certificate made with openssl, trusted by Rampart through NODE_EXTRA_CA_CERTS) before Better
 * Auth's JWKS endpoint, as a load balancer would in production. Only that endpoint is passed through.
 */
async function startJwksTlsFront(
  dir: string,
  webUrl: string,
): Promise<{ url: string; caFile: string; server: Server }> {
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    if (req.method !== 'GET' || req.url !== '/api/auth/jwks') {
      res.writeHead(404).end();
      return;
    }
    fetch(`${webUrl}${req.url}`)
      .then(async (upstream) => {
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch(() => res.writeHead(502).end());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${port}/api/auth/jwks`, caFile: cert, server };
}

export async function startExampleSystem(): Promise<ExampleSystem> {
  requireBuilds();
  const serverUrl = process.env.RAMPART_TEST_SERVER_URL as string;
  const suffix = process.env.JEST_WORKER_ID ?? '1';
  const [rampartDb, authDb] = [`example_rampart_${suffix}`, `example_auth_${suffix}`];
  for (const name of [rampartDb, authDb]) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  }
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const webUrl = `http://127.0.0.1:${webPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const tmp = makeTempDir('rampart-example-');
  const children: ChildProcess[] = [];
  let jwksFront: Server | undefined;

  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await new Promise((resolve) => (jwksFront ? jwksFront.close(resolve) : resolve(undefined)));
    removeDir(tmp);
  };
  try {
    const authDatabaseUrl = withDatabase(serverUrl, authDb);
    children.push(
      await startProcess(
        ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(webPort)],
        EXAMPLE_DIR,
        {
          PATH: process.env.PATH,
          NEXT_TELEMETRY_DISABLED: '1',
          DATABASE_URL: authDatabaseUrl,
          BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
          BETTER_AUTH_URL: webUrl,
          RAMPART_URL: apiUrl,
          RAMPART_AUDIENCE: AUDIENCE,
        },
        `${webUrl}/sign-in`,
      ),
    );
    const front = await startJwksTlsFront(tmp, webUrl);
    jwksFront = front.server;

    const rampartEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      DATABASE_URL: withDatabase(serverUrl, rampartDb),
      JWT_SECRET: randomBytes(48).toString('base64url'),
      JWKS_URL: front.url,
      JWKS_ISSUER: webUrl,
      JWKS_AUDIENCE: AUDIENCE,
      CORS_ORIGINS: webUrl,
      // Better Auth owns the accounts here: Rampart's local accounts, and so its mail settings, are off.
      LOCAL_ACCOUNTS: 'false',
      NODE_EXTRA_CA_CERTS: front.caFile,
      LOG_LEVEL: 'warn',
    };
    // Production does not migrate on start: the release step does, as here.
    execFileSync(process.execPath, ['dist/db/migrateCli.js'], { cwd: ROOT, env: rampartEnv, stdio: 'ignore' });
    children.push(await startProcess(['dist/server.js'], ROOT, rampartEnv, `${apiUrl}/api/health`));
    return { webUrl, apiUrl, authDatabaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
