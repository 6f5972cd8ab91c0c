// Benchmark 3: first-page and deep-page latency of a todo list as the table grows, with the query plan.
import { Sequelize } from 'sequelize';
import { encodeCursor, findPage } from '../../src/http/pagination';
import { defineTodoModel } from '../../src/resources/todos/model';
import type { BenchProfile } from '../profile';
import { load, type LoadFigures } from '../harness/load';
import { withClient } from '../harness/seed';
import type { ServerProcess } from '../harness/serverProcess';

export interface GrowthPoint {
  todos: number;
  firstPage: LoadFigures;
  deepPage: LoadFigures;
  /** Position of the deep page's cursor in the user's list. */
  deepOffset: number;
}

const TODO_COLUMNS = ['id', 'user_id', 'title', 'description', 'completed', 'created_at', 'updated_at'] as const;

/** The prepared statement the todos list runs (src/resources/rowTable.ts), with its values inlined. */
export function pageSql(userId: number, afterId = 0): string {
  return (
    `SELECT ${TODO_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM "todos" ` +
    `WHERE "user_id" = ${userId} AND "id" > ${afterId} ORDER BY "id" ASC LIMIT 21`
  );
}

export async function deepCursorId(databaseUrl: string, userId: number, offset: number): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      'SELECT id FROM todos WHERE user_id = $1 ORDER BY id OFFSET $2 LIMIT 1',
      [userId, offset - 1],
    );
    if (!rows[0]) throw new Error(`user ${userId} has fewer than ${offset} todos`);
    return rows[0].id;
  });
}

export async function measureGrowthPoint(
  profile: BenchProfile,
  server: ServerProcess,
  databaseUrl: string,
  probe: { userId: number; token: string; todos: number; deepOffset: number },
): Promise<GrowthPoint> {
  const afterId = await deepCursorId(databaseUrl, probe.userId, probe.deepOffset);
  const base = `${server.baseUrl}/api/users/${probe.userId}/todos?limit=20`;
  const common = {
    headers: { authorization: `Bearer ${probe.token}` },
    connections: profile.growthConnections,
    warmupSec: profile.warmupSec,
    durationSec: profile.growthDurationSec,
  };
  const firstPage = await load({ ...common, url: base });
  const deepPage = await load({ ...common, url: `${base}&cursor=${encodeCursor(afterId)}` });
  return { todos: probe.todos, firstPage, deepPage, deepOffset: probe.deepOffset };
}

export async function explainPages(databaseUrl: string, userId: number, deepOffset: number): Promise<string> {
  const afterId = await deepCursorId(databaseUrl, userId, deepOffset);
  return withClient(databaseUrl, async (client) => {
    const plans: string[] = [];
    for (const [label, sql] of [
      ['First page', pageSql(userId)],
      [`Deep page (after the user's ${deepOffset}th todo)`, pageSql(userId, afterId)],
    ] as const) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      plans.push(`${label}:\n\n\`\`\`\n${sql};\n\n${rows.map((row) => row['QUERY PLAN']).join('\n')}\n\`\`\``);
    }
    return plans.join('\n\n');
  });
}

/**
 * The plan of a deep page of `?sort=-created_at`: the SQL is what `findPage` (the route's code for sorted lists)
 * sends, captured from Sequelize's log, so the plan shown is the one the app gets.
 */
export async function explainSortedPage(databaseUrl: string, userId: number, deepOffset: number): Promise<string> {
  const last = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: number; value: string }>(
      'SELECT id, created_at::text AS value FROM todos WHERE user_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1',
      [userId, deepOffset - 1],
    );
    if (!rows[0]) throw new Error(`user ${userId} has fewer than ${deepOffset} todos`);
    return rows[0];
  });
  const statements: string[] = [];
  const sequelize = new Sequelize(databaseUrl, {
    logging: (sql) => statements.push(sql.replace(/^Executing \([^)]*\): /, '').replace(/;$/, '')),
  });
  try {
    const todos = defineTodoModel(sequelize);
    const sort = '-created_at';
    await findPage(todos, { user_id: userId }, { limit: 20, sort, cursor: { id: last.id, sort, value: last.value } }, [
      ...TODO_COLUMNS,
    ]);
    const [sql] = statements;
    const [rows] = await sequelize.query(`EXPLAIN (ANALYZE, BUFFERS) ${String(sql)}`);
    const plan = (rows as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
    return `Deep page of \`?sort=-created_at\` (after the user's ${deepOffset}th todo):\n\n\`\`\`\n${String(sql)};\n\n${plan}\n\`\`\``;
  } finally {
    await sequelize.close();
  }
}
