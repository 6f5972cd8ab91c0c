// Checklist: the real entry point starts with one log line, serves, and shuts down gracefully on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { GOOD_PASSWORD } from './support/factories';
import { TEST_JWT_SECRET } from './support/testApp';
import { workerDatabaseUrl } from './support/testDatabase';

const root = path.resolve(__dirname, '..');

function startServer(env: NodeJS.ProcessEnv): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  port: Promise<number>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
  });
  const lines: string[] = [];
  const port = new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        const parsed = JSON.parse(line) as { port?: number };
        if (parsed.port) resolve(parsed.port);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { child, lines, port };
}

const serverEnv = () => ({
  NODE_ENV: 'production',
  DATABASE_URL: workerDatabaseUrl(),
  JWT_SECRET: TEST_JWT_SECRET,
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'Rampart <no-reply@example.test>',
  APP_URL: 'https://app.example.test',
  PORT: '0',
  HOST: '127.0.0.1',
});

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await condition());) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('server process', () => {
  it('logs where it listens once, serves, and exits 0 after draining on SIGTERM', async () => {
    const { child, lines, port } = startServer(serverEnv());
    const base = `http://127.0.0.1:${await port}`;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Rampart API listening on');

    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.some((line) => line.includes('shutdown complete'))).toBe(true);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });

  it('lets requests in flight at SIGTERM finish with their answers before it exits', async () => {
    // The signup below must not meet rate-limit counters other tests left for 127.0.0.1 in this database.
    const { child, lines, port } = startServer({
      ...serverEnv(),
      SHUTDOWN_TIMEOUT_MS: '20000',
      AUTH_RATE_LIMIT_MAX: '100000',
    });
    const base = `http://127.0.0.1:${await port}`;
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `drain-${process.pid}@example.com`, password: GOOD_PASSWORD, name: 'Drain' }),
    });
    expect(signup.status).toBe(201);
    const { user, token } = (await signup.json()) as { user: { id: number }; token: string };

    // Hold the todos table from another connection so the reads below are still running at SIGTERM.
    const lock = new pg.Client({ connectionString: workerDatabaseUrl() });
    lock.on('error', () => undefined);
    await lock.connect();
    let locked = true;
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE todos IN ACCESS EXCLUSIVE MODE');
      const inFlight = Array.from({ length: 3 }, () =>
        fetch(`${base}/api/users/${user.id}/todos`, { headers: { authorization: `Bearer ${token}` } }).then(
          async (res) => ({ status: res.status, body: await res.json() }),
          (err: unknown) => ({ status: 0, body: String(err) }),
        ),
      );
      const waiting = async () => {
        const { rows } = await lock.query<{ count: string }>(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        return Number(rows[0]?.count) > 0;
      };
      await until(waiting, 'the reads wait on the lock');

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await until(async () => lines.some((line) => line.includes('draining in-flight requests')), 'draining starts');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await lock.query('ROLLBACK');
      await lock.end();
      locked = false;
      const releasedAt = Date.now();

      expect(await Promise.all(inFlight)).toEqual(Array(3).fill({ status: 200, body: [] }));
      expect(await exited).toBe(0);
      // Drained means done once the last answer is out, not after the 20 s grace period.
      expect(Date.now() - releasedAt).toBeLessThan(10_000);
    } finally {
      if (locked) await lock.end();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
