// Checklist (generators v2, lists): a sorted list stays an index scan. A deep page of `?sort=-created_at`, as the
// route really queries it, walks the (user_id, created_at, id) index and stops after one page, with no sort step.
import request from 'supertest';
import { signUp } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** The SQL the app sends while `work` runs, as Sequelize logs it (values inline, so it can be explained). */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  // Sequelize reads `options.logging` per query; its typings leave `options` out.
  const { options } = ctx.db.sequelize as unknown as { options: { logging: unknown } };
  const before = options.logging;
  const seen: string[] = [];
  options.logging = (sql: string) => {
    seen.push(sql.replace(/^Executing \([^)]*\): /, ''));
  };
  try {
    await work();
  } finally {
    options.logging = before;
  }
  return seen;
}

it('walks the (user_id, created_at, id) index for a deep page of ?sort=-created_at, with no sort step', async () => {
  const alice = await signUp(ctx.app);
  const sequelize = ctx.db.sequelize;
  // 300 users with 100 todos each, interleaved as real traffic writes them, a second apart; then statistics.
  await sequelize.query(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'plan-' || n || '@example.com', 'Plan', 'x' FROM generate_series(1, 299) AS n`,
  );
  await sequelize.query(
    `INSERT INTO todos (user_id, title, created_at, updated_at)
     SELECT u.id, 'todo ' || n, now() - make_interval(secs => n * 300 + u.rn), now()
     FROM generate_series(1, 100) AS n,
          (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM users
           WHERE email LIKE 'plan-%' OR id = :alice) AS u`,
    { replacements: { alice: alice.user.id } },
  );
  await sequelize.query('ANALYZE todos');

  const list = `/api/users/${alice.user.id}/todos?sort=-created_at&limit=20`;
  const first = await request(ctx.app).get(list).set(alice.auth);
  const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.link))?.[1];
  expect(next).toContain('cursor=');
  let deep: request.Response | undefined;
  const statements = await statementsDuring(async () => {
    deep = await request(ctx.app).get(String(next)).set(alice.auth);
  });
  expect(deep?.status).toBe(200);
  expect(deep?.body).toHaveLength(20);

  const page = statements.filter((sql) => /^SELECT .* FROM "todos"/.test(sql));
  expect(page).toHaveLength(1);
  const [rows] = await sequelize.query(`EXPLAIN ${String(page[0]).replace(/;$/, '')}`);
  const plan = (rows as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
  expect(plan).toMatch(/Index Scan Backward using todos_user_id_created_at_id on todos/);
  expect(plan).not.toMatch(/Sort|Seq Scan/);
});
