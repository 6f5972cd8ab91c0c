// Issue 10 item 10: NUL characters are refused with 422 in any string input, and an answer about them or unknown
// fields names at most 20 of them.
import request from 'supertest';
import { GOOD_PASSWORD, signUp, uniqueEmail, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let alice: SignedUpUser;
beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
});
afterAll(() => ctx.close());

const todoCount = async () => (await request(ctx.app).get('/api/users/me/todos?limit=100').set(alice.auth)).body.length;

describe('NUL characters', () => {
  it('refuses a NUL in a body string with 422 naming the field, and stores nothing', async () => {
    const before = await todoCount();
    const res = await request(ctx.app)
      .post('/api/users/me/todos')
      .set(alice.auth)
      .send({ title: 'nul\u0000byte', description: 'fine' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [{ loc: ['body', 'title'], msg: 'Text must not contain NUL characters', type: 'string_nul' }],
      code: 'VALIDATION_FAILED',
    });
    expect(await todoCount()).toBe(before);
  });

  it('refuses a NUL in a sign-up name and in a field name', async () => {
    const signup = await request(ctx.app)
      .post('/api/auth/signup')
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Eve\u0000' });
    expect(signup.status).toBe(422);
    expect(signup.body.detail[0].loc).toEqual(['body', 'name']);
    const key = await request(ctx.app).post('/api/users/me/todos').set(alice.auth).send({ 'title\u0000': 'x' });
    expect(key.status).toBe(422);
    expect(key.body.detail).toEqual([
      { loc: ['body'], msg: 'Field names must not contain NUL characters', type: 'string_nul' },
    ]);
  });

  it('names at most 20 places of NUL characters, however many the body holds', async () => {
    const body = { title: Array.from({ length: 500 }, () => 'nul\u0000') };
    const res = await request(ctx.app).post('/api/users/me/todos').set(alice.auth).send(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toHaveLength(20);
    expect(res.body.detail[0]).toEqual({
      loc: ['body', 'title', 499],
      msg: 'Text must not contain NUL characters',
      type: 'string_nul',
    });
  });

  it('refuses a NUL in the query and in a path parameter', async () => {
    const query = await request(ctx.app).get('/api/users/me/todos?cursor=%00').set(alice.auth);
    expect(query.status).toBe(422);
    expect(query.body.detail[0]).toEqual(expect.objectContaining({ loc: ['query', 'cursor'], type: 'string_nul' }));
    const path = await request(ctx.app).get('/api/users/me/todos/1%00').set(alice.auth);
    expect(path.status).toBe(422);
    expect(path.body.detail[0]).toEqual(expect.objectContaining({ loc: ['path', 'todoId'], type: 'string_nul' }));
  });
});

describe('a request without a body', () => {
  it('answers 422 naming each required field, as for an empty object', async () => {
    const res = await request(ctx.app).post('/api/users/me/todos').set(alice.auth);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'title'], type: 'invalid_type' })]);
  });
});

describe('unknown fields', () => {
  it('names at most 20 unknown fields, then counts the rest', async () => {
    const body = { title: 'x', ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`extra${i}`, i])) };
    const res = await request(ctx.app).post('/api/users/me/todos').set(alice.auth).send(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toHaveLength(21);
    expect(res.body.detail[0]).toEqual({
      loc: ['body', 'extra0'],
      msg: 'Unknown field: extra0',
      type: 'extra_forbidden',
    });
    expect(res.body.detail[20]).toEqual({ loc: ['body'], msg: '480 more unknown fields', type: 'extra_forbidden' });
    expect(res.text.length).toBeLessThan(3_000);
  });
});
