// Runs a server as a child process the way production does (`node dist/server.js`), waits until it answers,
// and reports its memory, exit code and log.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort, makeTempDir } from '../../test/support/testDatabase';
import { HARNESS_JWT_SECRET } from './tokens';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RAMPART_ENTRY = path.join(REPO_ROOT, 'dist', 'server.js');

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly baseUrl: string;
  /** Milliseconds from spawn to the first 200 on the health path. */
  readonly startupMs: number;
  readonly logFile: string;
  /** Resident set size in bytes, read from /proc. */
  rss(): number;
  /** CPU time used so far, in milliseconds. */
  cpuMs(): number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; removes the log. */
  stop(graceMs?: number): Promise<number | string>;
  log(): string;
}

export interface StartOptions {
  /** Script to run with node; defaults to the built Rampart server. */
  entry?: string;
  /** Extra node flags, e.g. ['--import', 'tsx'] for a TypeScript entry. */
  nodeArgs?: string[];
  env: Record<string, string>;
  healthPath?: string;
  timeoutMs?: number;
}

/** The environment a production deployment would set, against the given database. */
export function productionEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: HARNESS_JWT_SECRET,
    LOG_LEVEL: 'info',
    // Production requires a mail server; none listens on the discard port, so mails fail fast and are logged.
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'Rampart <no-reply@example.test>',
    APP_URL: 'https://app.example.test',
    ...overrides,
  };
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function getStatus(url: string, timeoutMs = 1_000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** User plus system CPU time a process has used so far, in milliseconds (Linux /proc, 100 ticks/s). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = Number(options.env.PORT ?? (await freePort()));
  const logFile = path.join(makeTempDir('rampart-server-log-'), 'server.log');
  const logFd = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? RAMPART_ENTRY], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(port) },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  running.add(child);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const log = () => readFileSync(logFile, 'utf8');
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = started + (options.timeoutMs ?? 30_000);
  let startupMs = -1;
  let gone = false;
  void exited.then(() => (gone = true));
  while (startupMs < 0) {
    if (gone) throw new Error(`server exited before answering; log:\n${log()}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within ${options.timeoutMs ?? 30_000} ms; log:\n${log()}`);
    }
    if ((await getStatus(`${baseUrl}${options.healthPath ?? '/api/health'}`, 500)) === 200) {
      startupMs = performance.now() - started;
    } else {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  const pid = child.pid as number;
  return {
    pid,
    port,
    baseUrl,
    startupMs,
    logFile,
    rss: () => readRss(pid),
    cpuMs: () => readCpuMs(pid),
    exited,
    kill: (signal = 'SIGTERM') => child.kill(signal),
    async stop(graceMs = 10_000) {
      if (!gone) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      rmSync(path.dirname(logFile), { recursive: true, force: true });
      return exited;
    },
    log,
  };
}

/** Applies migrations with the built CLI, as `npm run db:migrate` does in production. */
export async function migrate(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'db', 'migrateCli.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...productionEnv(databaseUrl), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`migration failed (${code}): ${stderr}`);
}
