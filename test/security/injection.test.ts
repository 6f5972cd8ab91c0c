// Checklist: SQL injection strings in every input are inert data (no row changes but the request's own, no injected
// delay); XSS strings are stored verbatim and served as JSON.
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { GOOD_PASSWORD, signUp, uniqueEmail, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

/** Long enough that an executed pg_sleep stands out from any slowness of a loaded machine. */
const INJECTED_SLEEP_MS = 10_000;

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; DELETE FROM todos WHERE 1=1; --',
  "'; UPDATE users SET role = 'admin', name = 'pwned'; --",
  "'); DELETE FROM todos; --",
  "' UNION SELECT id, password_hash FROM users --",
  '" OR ""="',
  `\\'; SELECT pg_sleep(${INJECTED_SLEEP_MS / 1000}); --`,
  `' || (SELECT pg_sleep(${INJECTED_SLEEP_MS / 1000}))::text || '`,
  '$1 $$; DROP TABLE todos; $$',
];

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
];

let ctx: TestApp;
let alice: SignedUpUser;
beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
});
afterAll(() => ctx.close());

type Rows = Record<'users' | 'todos', Map<number, string>>;

/** Every row of both tables, as text, by id. */
async function snapshot(): Promise<Rows> {
  const read = async (table: 'users' | 'todos') => {
    const rows = await ctx.db.sequelize.query<{ id: number; row: string }>(
      `SELECT id, to_jsonb(t)::text AS row FROM ${table} t`,
      { type: QueryTypes.SELECT },
    );
    return new Map(rows.map(({ id, row }) => [id, row]));
  };
  return { users: await read('users'), todos: await read('todos') };
}

/** Runs a request phase and checks that it changed no existing row and added exactly the rows it means to. */
async function expectOnlyAdded(added: { users: number; todos: number }, phase: () => Promise<void>) {
  const before = await snapshot();
  await phase();
  const after = await snapshot();
  for (const table of ['users', 'todos'] as const) {
    const changed = [...before[table]].filter(([id, row]) => after[table].get(id) !== row);
    expect({ table, changed }).toEqual({ table, changed: [] });
    expect({ table, added: after[table].size - before[table].size }).toEqual({ table, added: added[table] });
  }
}

/** Sends a request and fails if it took as long as the injected pg_sleep, with a wide margin for a busy machine. */
async function timed(send: () => Promise<request.Response>): Promise<request.Response> {
  const started = performance.now();
  const res = await send();
  expect(performance.now() - started).toBeLessThan(INJECTED_SLEEP_MS / 2);
  return res;
}

describe('SQL injection', () => {
  it.each(SQL_INJECTIONS)('signin with %s as email or password is just a failed signin', async (payload) => {
    await expectOnlyAdded({ users: 0, todos: 0 }, async () => {
      for (const body of [
        { email: payload, password: payload },
        { email: alice.user.email, password: payload },
        { email: `${alice.user.email}${payload}`, password: alice.password },
      ]) {
        const res = await timed(() => request(ctx.app).post('/api/auth/signin').send(body));
        expect(res.status).toBe(401);
      }
    });
  });

  it.each(SQL_INJECTIONS)('signup stores %s verbatim as a name', async (payload) => {
    await expectOnlyAdded({ users: 1, todos: 0 }, async () => {
      const res = await timed(() =>
        request(ctx.app)
          .post('/api/auth/signup')
          .send({ email: uniqueEmail(), password: GOOD_PASSWORD, name: payload }),
      );
      expect(res.status).toBe(201);
      expect(res.body.user.name).toBe(payload);
      const [stored] = await ctx.db.sequelize.query<{ name: string; role: string }>(
        'SELECT name, role FROM users WHERE id = $1',
        { bind: [res.body.user.id], type: QueryTypes.SELECT },
      );
      expect(stored).toEqual({ name: payload, role: 'user' });
    });
  });

  it.each(SQL_INJECTIONS)('todo fields, path and query parameters treat %s as data', async (payload) => {
    await expectOnlyAdded({ users: 0, todos: 1 }, async () => {
      const created = await timed(() =>
        request(ctx.app).post('/api/users/me/todos').set(alice.auth).send({ title: payload, description: payload }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ title: payload.trim(), description: payload });

      const encoded = encodeURIComponent(payload);
      for (const path of [`/api/users/me/todos/${encoded}`, `/api/users/${encoded}/todos`]) {
        expect((await timed(() => request(ctx.app).get(path).set(alice.auth))).status).toBe(422);
      }
      for (const query of [`limit=${encoded}`, `cursor=${encoded}`]) {
        const res = await timed(() => request(ctx.app).get(`/api/users/me/todos?${query}`).set(alice.auth));
        expect(res.status).toBe(422);
      }
      const patched = await timed(() =>
        request(ctx.app).patch(`/api/users/me/todos/${created.body.id}`).set(alice.auth).send({ description: payload }),
      );
      expect(patched.status).toBe(200);
    });
  });
});

describe('XSS', () => {
  it.each(XSS)('stores %s verbatim and serves it only as application/json', async (payload) => {
    const created = await request(ctx.app).post('/api/users/me/todos').set(alice.auth).send({ title: payload });
    expect(created.status).toBe(201);
    const res = await request(ctx.app).get(`/api/users/me/todos/${created.body.id}`).set(alice.auth);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.title).toBe(payload);
  });
});
