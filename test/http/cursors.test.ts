// Checklist: a cursor only continues the list it came from. One made for another sort, or forged without its sort
// value, answers 422 naming the cursor, instead of skipping or repeating rows.
import request, { type Response } from 'supertest';
import { encodeCursor, findPage } from '../../src/http/pagination';
import { defineTodoModel } from '../../src/resources/todos/model';
import { signUp, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let alice: SignedUpUser;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
  for (const [title, completed] of [
    ['one', false],
    ['two', true],
    ['three', false],
    ['four', true],
    ['five', false],
  ] as const) {
    await request(ctx.app)
      .post(`/api/users/${alice.user.id}/todos`)
      .set(alice.auth)
      .send({ title, completed })
      .expect(201);
  }
  // Creation times in another order than the ids, with ties, so a sort by created_at is not one by id.
  await ctx.db.sequelize.query(
    "UPDATE todos SET created_at = timestamptz '2026-01-01T00:00:00Z' - (id % 3) * interval '1 hour' WHERE user_id = :user",
    { replacements: { user: alice.user.id } },
  );
});
afterAll(() => ctx.close());

const INVALID_CURSOR = [{ loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'custom' }];

/** The URL of the next page, from a page's `Link: <…>; rel="next"`. */
const nextOf = (res: Response) => /^<([^>]+)>; rel="next"$/.exec(res.headers.link ?? '')?.[1];

const list = (query: string) => request(ctx.app).get(`/api/users/${alice.user.id}/todos?${query}`).set(alice.auth);

/** The cursor of the first page of a list sorted by `sort`. */
async function cursorOf(sort: string): Promise<string> {
  const res = await list(`sort=${sort}&limit=1`);
  expect(res.status).toBe(200);
  const cursor = new URLSearchParams(nextOf(res)?.split('?')[1]).get('cursor');
  expect(cursor).toBeTruthy();
  return cursor ?? '';
}

interface Row {
  id: number;
  created_at: string;
  completed: boolean;
}

/** Every row of a list, one page of `limit` at a time, following each page's Link header. */
async function walk(query: string, limit: number): Promise<Row[]> {
  const rows: Row[] = [];
  const base = `/api/users/${alice.user.id}/todos`;
  let next: string | undefined = `${base}?${query}&limit=${limit}`;
  while (next !== undefined) {
    const res: Response = await request(ctx.app).get(next).set(alice.auth);
    expect(res.status).toBe(200);
    rows.push(...(res.body as Row[]));
    next = nextOf(res);
    // The next page keeps the sort and the filters, and sets its own limit and cursor once.
    if (next !== undefined) expect(next).toMatch(new RegExp(`^${base}\\?${query}&limit=${limit}&cursor=[\\w-]+$`));
  }
  return rows;
}

const byKey = (key: (row: Row) => string | number, descending: boolean) => (a: Row, b: Row) => {
  const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id;
  return descending ? -order : order;
};

describe('walking a list page by page', () => {
  it.each([
    ['id', byKey((row) => row.id, false)],
    ['-id', byKey((row) => row.id, true)],
    ['created_at', byKey((row) => row.created_at, false)],
    ['-created_at', byKey((row) => row.created_at, true)],
  ])('sorted by %s, sees every row once, in order', async (sort, order) => {
    const rows = await walk(`sort=${sort}`, 2);
    expect(rows.map((row) => row.id)).toEqual([...rows].sort(order).map((row) => row.id));
    expect(new Set(rows.map((row) => row.id)).size).toBe(5);
    expect(rows.every((row) => !('__cursor_value' in row))).toBe(true);
  });

  it.each(['id', '-created_at'])('sorted by %s and filtered, sees only the matching rows, each once', async (sort) => {
    const done = await walk(`sort=${sort}&completed=true`, 1);
    expect(done.map((row) => row.completed)).toEqual([true, true]);
    const open = await walk(`sort=${sort}&completed=false`, 2);
    expect(open.map((row) => row.completed)).toEqual([false, false, false]);
  });
});

// The Todo resource declares no range filter; generated resources do (`?due.gte=`), and they reach findPage as
// `column.op` keys, as here.
describe('range filters', () => {
  const idsWhere = async (filters: Record<string, unknown>, limit = 10) => {
    const page = await findPage(defineTodoModel(ctx.db.sequelize), { user_id: alice.user.id }, { limit, ...filters }, [
      'id',
    ]);
    return page.rows.map((row) => row.id);
  };

  it('reads each bound as its operator, and two bounds on one column as both', async () => {
    const ids = await idsWhere({});
    expect(ids).toHaveLength(5);
    const [, second, third, fourth] = ids as [number, number, number, number];
    expect(await idsWhere({ 'id.gt': second })).toEqual(ids.slice(2));
    expect(await idsWhere({ 'id.gte': second })).toEqual(ids.slice(1));
    expect(await idsWhere({ 'id.lt': third })).toEqual(ids.slice(0, 2));
    expect(await idsWhere({ 'id.lte': third })).toEqual(ids.slice(0, 3));
    expect(await idsWhere({ 'id.gte': second, 'id.lt': fourth })).toEqual([second, third]);
  });

  it('keeps its bounds past a cursor, and answers an empty page for an empty range', async () => {
    const ids = await idsWhere({});
    const [, second, third, fourth] = ids as [number, number, number, number];
    expect(await idsWhere({ 'id.gte': second, 'id.lte': third }, 1)).toEqual([second]);
    expect(await idsWhere({ 'id.gte': second, 'id.lte': third, cursor: { id: second } })).toEqual([third]);
    expect(await idsWhere({ 'id.gt': third, 'id.lt': fourth })).toEqual([]);
  });
});

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
      detail: INVALID_CURSOR,
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
    expect(res.body.detail).toEqual(INVALID_CURSOR);
  });

  it('answers 422 for a cursor that names the sort but carries no value to continue from', async () => {
    const res = await list(`sort=created_at&cursor=${encodeCursor({ id: 1, sort: 'created_at' })}`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(INVALID_CURSOR);
  });
});
