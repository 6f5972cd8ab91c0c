// Checklist: the real entry point starts with one log line, serves, and shuts down gracefully on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
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

describe('server process', () => {
  it('logs where it listens once, serves, and exits 0 after draining on SIGTERM', async () => {
    const { child, lines, port } = startServer({
      NODE_ENV: 'production',
      DATABASE_URL: workerDatabaseUrl(),
      JWT_SECRET: TEST_JWT_SECRET,
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'Rampart <no-reply@example.test>',
      APP_URL: 'https://app.example.test',
      PORT: '0',
      HOST: '127.0.0.1',
    });
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
});
