// Checklist: a cursor only continues the list it came from. One made for another sort, or forged without its sort
// value, answers 422 naming the cursor, instead of skipping or repeating rows.
import request from 'supertest';
import { encodeCursor } from '../../src/http/pagination';
import { signUp, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let alice: SignedUpUser;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
  for (const title of ['one', 'two', 'three']) {
    await request(ctx.app).post(`/api/users/${alice.user.id}/todos`).set(alice.auth).send({ title }).expect(201);
  }
});
afterAll(() => ctx.close());

const list = (query: string) => request(ctx.app).get(`/api/users/${alice.user.id}/todos?${query}`).set(alice.auth);

/** The cursor of the first page of a list sorted by `sort`. */
async function cursorOf(sort: string): Promise<string> {
  const res = await list(`sort=${sort}&limit=1`);
  expect(res.status).toBe(200);
  const cursor = /[?&]cursor=([^&>]+)/.exec(res.headers.link ?? '')?.[1];
  expect(cursor).toBeDefined();
  return decodeURIComponent(cursor ?? '');
}

describe('cursors', () => {
  it('continues the list it came from', async () => {
    for (const sort of ['id', '-id', 'created_at', '-created_at']) {
      const res = await list(`sort=${sort}&limit=1&cursor=${await cursorOf(sort)}`);
      expect([sort, res.status]).toEqual([sort, 200]);
    }
  });

  it.each([
    ['-id', 'id'],
    ['id', 'created_at'],
    ['created_at', '-created_at'],
    ['-created_at', 'id'],
  ])('answers 422 naming the cursor for a cursor of sort=%s sent with sort=%s', async (from, to) => {
    const res = await list(`sort=${to}&limit=1&cursor=${await cursorOf(from)}`);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [{ loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'custom' }],
      code: 'VALIDATION_FAILED',
    });
  });

  // Each sent with the sort it names (id when none), so only the cursor's own check can refuse it.
  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['null', Buffer.from('null').toString('base64url')],
    ['id 0', encodeCursor({ id: 0 })],
    ['a negative id', encodeCursor({ id: -1 })],
    ['a fractional id', encodeCursor({ id: 1.5 })],
    ['an id as a string', Buffer.from('{"id":"1"}').toString('base64url')],
    ['an id past 2^53', Buffer.from('{"id":9007199254740993}').toString('base64url')],
    [
      'a value that is an object',
      Buffer.from('{"id":1,"sort":"created_at","value":{}}').toString('base64url'),
      'created_at',
    ],
  ])('answers 422 naming the cursor for a forged one: %s', async (_label, cursor, sort = 'id') => {
    const res = await list(`sort=${sort}&cursor=${cursor}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([{ loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'custom' }]);
  });

  it('answers 422 for a cursor that names the sort but carries no value to continue from', async () => {
    const res = await list(`sort=created_at&cursor=${encodeCursor({ id: 1, sort: 'created_at' })}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([{ loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'custom' }]);
  });
});
