// Makes the server's queries slow on purpose: holds an exclusive lock on a table from a separate connection.
import pg from 'pg';
import { sleep } from './client';

export interface TableLock {
  /**
   * Resolves once `count` other sessions wait on the lock: their requests are then in flight in the server, not
   * still in a socket buffer or an accept queue, however busy the machine is.
   */
  waiters(count: number, timeoutMs?: number): Promise<void>;
  release(): Promise<void>;
}

export async function lockTable(databaseUrl: string, table: string): Promise<TableLock> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${client.escapeIdentifier(table)} IN ACCESS EXCLUSIVE MODE`);
  return {
    async waiters(count, timeoutMs = 15_000) {
      // pg_locks is read afresh on every call, even inside the lock's own transaction.
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const { rows } = await client.query<{ waiting: number }>(
          'SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = $1::regclass AND NOT granted',
          [table],
        );
        const waiting = rows[0]?.waiting ?? 0;
        if (waiting >= count) return;
        if (performance.now() > deadline) throw new Error(`${waiting} of ${count} sessions wait on ${table}`);
        await sleep(20);
      }
    },
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}
