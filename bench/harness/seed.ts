// Bulk data for benchmarks and fault tests, written straight to PostgreSQL with set-based INSERT ... SELECT.
import bcrypt from 'bcrypt';
import pg from 'pg';

export const SEED_PASSWORD = 'bench password that is long enough';

export interface SeededUser {
  id: number;
  email: string;
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Inserts `count` users sharing one real bcrypt hash of SEED_PASSWORD (hashing each would take minutes
 * at cost 12 and measure nothing the benchmarks are about). Returns them in id order.
 */
export async function seedUsers(url: string, count: number, label: string, rounds = 10): Promise<SeededUser[]> {
  const hash = await bcrypt.hash(SEED_PASSWORD, rounds);
  return withClient(url, async (client) => {
    const { rows } = await client.query<SeededUser>(
      `INSERT INTO users (email, name, password_hash)
       SELECT $1 || '-' || g || '@example.com', 'Seeded user ' || g, $2 FROM generate_series(1, $3::int) AS g
       RETURNING id, email`,
      [label, hash, count],
    );
    return rows.sort((a, b) => a.id - b.id);
  });
}

/**
 * Gives each user `perUser` todos. Rows are inserted round-robin (todo 1 of every user, then todo 2, ...),
 * as real traffic interleaves writers, so one user's rows are spread over many heap pages.
 */
export async function seedTodos(url: string, userIds: number[], perUser: number): Promise<void> {
  await withClient(url, async (client) => {
    // One statement per round keeps each transaction's memory and WAL bounded.
    for (let n = 1; n <= perUser; n += 1) {
      await client.query(
        `INSERT INTO todos (user_id, title, description, completed)
         SELECT u, 'Seeded todo ' || $2::int, CASE WHEN $2::int % 4 = 0 THEN 'A longer description for some rows' END,
                $2::int % 3 = 0
         FROM unnest($1::int[]) AS u`,
        [userIds, n],
      );
    }
    await client.query('VACUUM ANALYZE todos');
  });
}

export async function countTodos(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM todos');
    return Number(rows[0]?.count ?? 0);
  });
}

/**
 * Adds `total` sessions spread round-robin over `userIds`: 6 in 10 live, 2 expired (within the last week, so
 * pruning has work), 2 revoked but not yet expired. In batches, so each transaction's WAL stays bounded.
 */
export async function seedSessions(url: string, userIds: number[], total: number): Promise<void> {
  const batch = 200_000;
  await withClient(url, async (client) => {
    for (let start = 0; start < total; start += batch) {
      await client.query(
        `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent, ip)
         SELECT gen_random_uuid(), ($1::int[])[1 + g % cardinality($1::int[])],
                now() - interval '1 day', now() - interval '1 hour',
                CASE WHEN g % 10 IN (6, 7) THEN now() - (g % 10080) * interval '1 minute'
                     ELSE now() + (1 + g % 10080) * interval '1 minute' END,
                CASE WHEN g % 10 IN (8, 9) THEN now() - interval '1 hour' END,
                'Seeded/1.0', '192.0.2.' || (g % 250)
           FROM generate_series($2::int, $3::int) AS g`,
        [userIds, start, Math.min(start + batch, total) - 1],
      );
    }
    await client.query('VACUUM ANALYZE sessions');
  });
}

export async function countSessions(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM sessions');
    return Number(rows[0]?.count ?? 0);
  });
}
