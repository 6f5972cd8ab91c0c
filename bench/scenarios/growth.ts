// Benchmark 3: first-page and deep-page latency of a todo list as the table grows, with the query plans; and the
// per-request auth check as the sessions table grows, with the plans of the session read and of pruning.
import { DataTypes, Sequelize } from 'sequelize';
import { PRUNE, findActiveStatement } from '../../src/auth/sessions';
import { encodeCursor, findPage } from '../../src/http/pagination';
import { defineUserModel } from '../../src/users/model';
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
    // The columns findPage reads, not src/resources/todos/model.ts: a project started --no-example has no Todo.
    const todos = sequelize.define(
      'Todo',
      Object.fromEntries(
        TODO_COLUMNS.map((column) => [
          column,
          column === 'id' ? { type: DataTypes.INTEGER, primaryKey: true } : DataTypes.TEXT,
        ]),
      ),
      { tableName: 'todos', timestamps: false },
    ) as unknown as Parameters<typeof findPage>[0];
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

export interface SessionGrowthPoint {
  sessions: number;
  /** `GET /api/auth/me`: the auth check (the session read with its user) and little else. */
  me: LoadFigures;
}

export async function measureSessionGrowthPoint(
  profile: BenchProfile,
  server: ServerProcess,
  probe: { token: string; sessions: number },
): Promise<SessionGrowthPoint> {
  const me = await load({
    url: `${server.baseUrl}/api/auth/me`,
    headers: { authorization: `Bearer ${probe.token}` },
    connections: profile.growthConnections,
    warmupSec: profile.warmupSec,
    durationSec: profile.growthDurationSec,
  });
  return { sessions: probe.sessions, me };
}

/** The statement the auth check runs (src/auth/sessions.ts), built from the same model the server uses. */
function sessionReadSql(): string {
  const sequelize = new Sequelize({ dialect: 'postgres', logging: false });
  return findActiveStatement(defineUserModel(sequelize)).text;
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the session read and of one prune batch, as prepared statements with the
 * generic plan a long-lived pool connection settles on. The prune runs in a transaction that is rolled back.
 */
export async function explainSessionStatements(
  databaseUrl: string,
  probe: { sessionId: string; userId: number },
): Promise<string> {
  return withClient(databaseUrl, async (client) => {
    const plan = async (sql: string) =>
      (await client.query<{ 'QUERY PLAN': string }>(sql)).rows.map((row) => row['QUERY PLAN']).join('\n');
    await client.query('SET plan_cache_mode = force_generic_plan');
    const read = sessionReadSql();
    await client.query(`PREPARE session_read AS ${read}`);
    const readPlan = await plan(
      `EXPLAIN (ANALYZE, BUFFERS) EXECUTE session_read('${probe.sessionId}', ${Number(probe.userId)})`,
    );
    await client.query('BEGIN');
    let prunePlan: string;
    try {
      await client.query(`PREPARE session_prune AS ${PRUNE.text}`);
      prunePlan = await plan('EXPLAIN (ANALYZE, BUFFERS) EXECUTE session_prune(100)');
    } finally {
      await client.query('ROLLBACK');
    }
    return [
      `The session read (\`$1\` = the probe's session id, \`$2\` = its user id):\n\n\`\`\`\n${read};\n\n${readPlan}\n\`\`\``,
      `One prune batch (\`$1\` = 100, rolled back):\n\n\`\`\`\n${PRUNE.text};\n\n${prunePlan}\n\`\`\``,
    ].join('\n\n');
  });
}
