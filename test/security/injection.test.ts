// Checklist: SQL injection strings in every input are inert data; XSS strings are stored verbatim and served as JSON.
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { GOOD_PASSWORD, signUp, uniqueEmail, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; DELETE FROM todos WHERE 1=1; --',
  "' UNION SELECT id, password_hash FROM users --",
  '" OR ""="',
  "\\'; SELECT pg_sleep(5); --",
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

async function tablesIntact() {
  const [row] = await ctx.db.sequelize.query<{ users: string; todos: string }>(
    "SELECT to_regclass('users')::text AS users, to_regclass('todos')::text AS todos",
    { type: QueryTypes.SELECT },
  );
  expect(row).toEqual({ users: 'users', todos: 'todos' });
}

describe('SQL injection', () => {
  it.each(SQL_INJECTIONS)('signin with %s as email or password is just a failed signin', async (payload) => {
    for (const body of [
      { email: payload, password: payload },
      { email: alice.user.email, password: payload },
      { email: `${alice.user.email}${payload}`, password: alice.password },
    ]) {
      const res = await request(ctx.app).post('/api/auth/signin').send(body);
      expect(res.status).toBe(401);
    }
    await tablesIntact();
  });

  it.each(SQL_INJECTIONS)('signup stores %s verbatim as a name', async (payload) => {
    const res = await request(ctx.app)
      .post('/api/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, name: payload });
    expect(res.status).toBe(201);
    expect(res.body.user.name).toBe(payload);
    await tablesIntact();
  });

  it.each(SQL_INJECTIONS)('todo fields, path and query parameters treat %s as data', async (payload) => {
    const created = await request(ctx.app)
      .post('/api/users/me/todos')
      .set(alice.auth)
      .send({ title: payload, description: payload });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: payload.trim(), description: payload });

    const encoded = encodeURIComponent(payload);
    for (const path of [`/api/users/me/todos/${encoded}`, `/api/users/${encoded}/todos`]) {
      expect((await request(ctx.app).get(path).set(alice.auth)).status).toBe(422);
    }
    for (const query of [`limit=${encoded}`, `cursor=${encoded}`]) {
      expect((await request(ctx.app).get(`/api/users/me/todos?${query}`).set(alice.auth)).status).toBe(422);
    }
    await tablesIntact();
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
