// Where the suite's PostgreSQL is: TEST_DATABASE_URL / DATABASE_URL when set, else an embedded server
// that globalSetup starts. Each jest worker gets its own database, cloned from a migrated template.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** StrykerJS runs jest in band in each of its workers: the worker id keeps their databases apart. */
const MUTATION_WORKER = process.env.STRYKER_MUTATOR_WORKER ? `_m${process.env.STRYKER_MUTATOR_WORKER}` : '';

export const TEMPLATE_DATABASE = `rampart_test_template${MUTATION_WORKER}`;
const STATE_FILE = path.join(os.tmpdir(), `rampart-jest-${process.ppid}-${process.pid}.json`);

/** A URL on the same server with another database name. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function workerDatabaseName(workerId = process.env.JEST_WORKER_ID ?? '1'): string {
  return `rampart_test_w${workerId}${MUTATION_WORKER}`;
}

/** The URL of this worker's database (set by globalSetup in RAMPART_TEST_SERVER_URL). */
export function workerDatabaseUrl(): string {
  const server = process.env.RAMPART_TEST_SERVER_URL;
  if (!server) throw new Error('RAMPART_TEST_SERVER_URL is unset: run the tests through jest (npm test)');
  return withDatabase(server, workerDatabaseName());
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const stateFile = {
  write: (state: object) => writeFileSync(STATE_FILE, JSON.stringify(state)),
  read: <T>() => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as T,
  remove: () => rmSync(STATE_FILE, { force: true }),
};
