// Security checklist for /api/users/:userId/todos: authentication, ownership, validation, defaults, pagination.
import request, { type Response } from 'supertest';
import { bearer, forgeToken, signUp, type SignedUpUser } from '../../../test/support/factories';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/support/testApp';

const validBody = { title: 'Sample title', description: 'Sample description', completed: true };
const requiredBody = { title: 'Sample title' };

type TodoJson = { id: number; user_id: number } & Record<string, unknown>;

let ctx: TestApp;
let alice: SignedUpUser;
let bob: SignedUpUser;

beforeAll(async () => {
  ctx = await createTestApp();
  [alice, bob] = await Promise.all([signUp(ctx.app), signUp(ctx.app)]);
});
afterAll(() => ctx.close());

const collection = (as: SignedUpUser) => `/api/users/${as.user.id}/todos`;
const item = (as: SignedUpUser, id: number) => `${collection(as)}/${id}`;

async function createTodo(as: SignedUpUser = alice, body: object = validBody): Promise<TodoJson> {
  const res = await request(ctx.app).post(collection(as)).set(as.auth).send(body);
  expect(res.status).toBe(201);
  return res.body as TodoJson;
}

describe('todos: authentication', () => {
  it.each(['get', 'post'] as const)('answers 401 to %s on the collection without a token', async (method) => {
    const res = await request(ctx.app)[method](collection(alice));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Missing or invalid authorization header', code: 'MISSING_CREDENTIALS' });
  });

  it.each(['get', 'patch', 'delete'] as const)('answers 401 to %s on an item without a token', async (method) => {
    const mine = await createTodo();
    const res = await request(ctx.app)[method](item(alice, mine.id));
    expect(res.status).toBe(401);
  });

  it('answers 401 to a token signed with another secret', async () => {
    const token = await forgeToken(alice.user.id, { secret: `${TEST_JWT_SECRET}-but-not-this-one` });
    const res = await request(ctx.app).get(collection(alice)).set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
  });

  it('answers 401 to an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await forgeToken(alice.user.id, { claims: { iat: past - 60, exp: past } });
    const res = await request(ctx.app).get(collection(alice)).set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Token expired', code: 'TOKEN_EXPIRED' });
  });
});

describe('todos: ownership', () => {
  it.each(['get', 'post'] as const)("answers 403 to %s on another user's collection", async (method) => {
    const res = await request(ctx.app)[method](collection(bob)).set(alice.auth).send(validBody);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'You can only access your own resources', code: 'NOT_OWNER' });
  });

  it.each(['get', 'patch', 'delete'] as const)(
    "answers 404 to %s on another user's todo and leaves it untouched",
    async (method) => {
      const theirs = await createTodo(bob);
      const res = await request(ctx.app)[method](item(alice, theirs.id)).set(alice.auth).send(validBody);
      expect(res.status).toBe(404);
      const after = await request(ctx.app).get(item(bob, theirs.id)).set(bob.auth);
      expect(after.body).toEqual(theirs);
    },
  );

  it("lists only the caller's own todos", async () => {
    const mine = await createTodo(alice);
    const theirs = await createTodo(bob);
    const res = await request(ctx.app)
      .get(`${collection(alice)}?limit=100`)
      .set(alice.auth);
    expect(res.status).toBe(200);
    const ids = (res.body as TodoJson[]).map((row) => row.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((res.body as TodoJson[]).every((row) => row.user_id === alice.user.id)).toBe(true);
  });

  it('accepts me as the caller id', async () => {
    const mine = await createTodo(alice);
    const res = await request(ctx.app).get(`/api/users/me/todos/${mine.id}`).set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(mine);
  });

  it('takes the owner from the token, never from the body', async () => {
    const forged = await request(ctx.app)
      .post(collection(alice))
      .set(alice.auth)
      .send({ ...validBody, user_id: bob.user.id });
    expect(forged.status).toBe(422);
    expect(forged.body.detail[0].loc).toEqual(['body', 'user_id']);
    const created = await createTodo(alice);
    expect(created.user_id).toBe(alice.user.id);
  });
});

describe('todos: validation', () => {
  it.each([
    ['title', 12345],
    ['title', ''],
    ['title', 'x'.repeat(201)],
    ['description', 12345],
    ['description', 'x'.repeat(2001)],
    ['completed', 'yes'],
  ])('answers 422 when %s is invalid (case %#)', async (field, value) => {
    const res = await request(ctx.app)
      .post(collection(alice))
      .set(alice.auth)
      .send({ ...validBody, [field]: value });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc: ['body', field] })]));
  });

  it.each(['title'])('answers 422 when the required %s is missing', async (field) => {
    const body: Record<string, unknown> = { ...validBody };
    delete body[field];
    const res = await request(ctx.app).post(collection(alice)).set(alice.auth).send(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ loc: ['body', field] })]);
  });

  it('refuses an id and unknown fields', async () => {
    const res = await request(ctx.app)
      .post(collection(alice))
      .set(alice.auth)
      .send({ ...validBody, id: 1, unexpected: true });
    expect(res.status).toBe(422);
  });

  it('answers 422 to an empty update', async () => {
    const existing = await createTodo();
    const res = await request(ctx.app).patch(item(alice, existing.id)).set(alice.auth).send({});
    expect(res.status).toBe(422);
  });
});

describe('todos: create, read, update, delete', () => {
  it('applies defaults and stores left-out optional fields as null', async () => {
    const created = await createTodo(undefined, requiredBody);
    expect(created).toMatchObject({ ...requiredBody, ...{ description: null, completed: false } });
  });

  it('round-trips a todo through every route', async () => {
    const created = await createTodo(undefined, requiredBody);
    const auth = alice.auth;
    const url = item(alice, created.id);
    expect((await request(ctx.app).get(url).set(auth)).body).toEqual(created);
    const updated = await request(ctx.app).patch(url).set(auth).send(validBody);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject(validBody);
    expect((await request(ctx.app).delete(url).set(auth)).status).toBe(204);
    expect((await request(ctx.app).get(url).set(auth)).status).toBe(404);
  });
});

describe('todos: pagination', () => {
  it('walks every row through the Link header', async () => {
    const carol = await signUp(ctx.app);
    const created: number[] = [];
    for (let i = 0; i < 5; i += 1) created.push((await createTodo(carol)).id);
    const seen = (await walk(carol)).map((row) => row.id);
    expect(seen).toEqual(created);
  });

  it.each(['0', '101', 'ten'])('answers 422 to limit=%s', async (limit) => {
    const res = await request(ctx.app)
      .get(`${collection(alice)}?limit=${limit}`)
      .set(alice.auth);
    expect(res.status).toBe(422);
  });
});

describe('todos: documentation', () => {
  it('is described in the OpenAPI document with every field', async () => {
    const res = await request(ctx.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/users/{userId}/todos', '/api/users/{userId}/todos/{todoId}']),
    );
    expect(Object.keys(res.body.components.schemas.Todo.properties)).toEqual([
      'id',
      'user_id',
      'title',
      'description',
      'completed',
      'created_at',
      'updated_at',
    ]);
  });
});

/** Follows `Link: <...>; rel="next"` two rows at a time and returns every row seen. */
async function walk(as: SignedUpUser): Promise<TodoJson[]> {
  const rows: TodoJson[] = [];
  let next: string | undefined = `${collection(as)}?limit=2`;
  while (next) {
    const res: Response = await request(ctx.app).get(next).set(as.auth);
    expect(res.status).toBe(200);
    expect((res.body as TodoJson[]).length).toBeLessThanOrEqual(2);
    rows.push(...(res.body as TodoJson[]));
    next = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1];
  }
  return rows;
}
