// `npm run example` brings up the whole system with no settings and stops all of it: the embedded PostgreSQL
// with both databases, Rampart's dev server trusting Better Auth's JWKS, and the Next.js dev server.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort, makeTempDir, removeDir } from '../support/testDatabase';

const ROOT = path.resolve(__dirname, '..', '..');
/** A fresh data folder: the databases, secrets and Better Auth's tables are all created by the run. */
const dataDir = makeTempDir('rampart-example-run-');
let runner: ChildProcess | undefined;
let output = '';
let ports: { web: number; api: number; pg: number };

async function until200(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const res = await fetch(url, init).catch(() => undefined);
    if (res?.status === 200) return res;
    if (runner?.exitCode !== null) throw new Error(`npm run example exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 in time:\n${output}`);
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
  });

beforeAll(async () => {
  ports = { web: await freePort(), api: await freePort(), pg: await freePort() };
  runner = spawn('npm', ['run', 'example'], {
    cwd: ROOT,
    // No JWKS, database or secret settings: only where to listen and keep data, so runs in parallel never collide.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEXT_TELEMETRY_DISABLED: '1',
      EXAMPLE_WEB_PORT: String(ports.web),
      EXAMPLE_API_PORT: String(ports.api),
      EXAMPLE_PG_PORT: String(ports.pg),
      EXAMPLE_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runner.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  runner.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
}, 10_000);

afterAll(async () => {
  if (runner && runner.exitCode === null && runner.signalCode === null) {
    runner.kill('SIGTERM');
    await new Promise((resolve) => runner?.once('exit', resolve));
  }
  removeDir(dataDir);
});

describe('npm run example', () => {
  it('serves sign-up at Better Auth and todos at Rampart for the token Better Auth issues', async () => {
    await until200(`http://127.0.0.1:${ports.api}/api/health`);
    const web = `http://localhost:${ports.web}`;
    await until200(`${web}/sign-in`);

    const signUp = await fetch(`${web}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web },
      body: JSON.stringify({
        email: `run-${process.pid}@example.com`,
        password: 'a long enough password 1',
        name: 'Run',
      }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((value) => value.split(';')[0])
      .join('; ');
    const tokenRes = await fetch(`${web}/api/auth/token`, { headers: { cookie, origin: web } });
    const { token } = (await tokenRes.json()) as { token: string };

    const todos = await fetch(`http://localhost:${ports.api}/api/users/me/todos`, {
      headers: { authorization: `Bearer ${token}`, origin: web },
    });
    expect(todos.status).toBe(200);
    expect(await todos.json()).toEqual([]);
    expect(todos.headers.get('access-control-allow-origin')).toBe(web);
  }, 240_000);

  it('stops both servers and PostgreSQL when npm is sent SIGTERM', async () => {
    runner?.kill('SIGTERM');
    await new Promise((resolve) => runner?.once('exit', resolve));
    let open = [true, true, true];
    for (let attempt = 0; attempt < 120 && open.some(Boolean); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      open = await Promise.all([ports.web, ports.api, ports.pg].map(listening));
    }
    expect(open).toEqual([false, false, false]);
  }, 60_000);
});
