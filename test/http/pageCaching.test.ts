// List pages are never stored by browsers (requireAuth's no-store): a stored page revalidated with If-None-Match
// would come back as a 304 with its old Link header (the ETag covers the body only), showing "load more" for rows
// long deleted. The example's browser test met exactly that before authenticated answers were marked no-store.
import request from 'supertest';
import { signUp, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let alice: SignedUpUser;

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
});
afterAll(() => ctx.close());

const collection = () => `/api/users/${alice.user.id}/todos`;

describe('list pages and HTTP caches', () => {
  it('answers a page with Cache-Control: no-store, with or without a next link', async () => {
    for (const title of ['one', 'two']) {
      await request(ctx.app).post(collection()).set(alice.auth).send({ title }).expect(201);
    }
    const first = await request(ctx.app).get(`${collection()}?limit=1`).set(alice.auth);
    expect(first.headers.link).toMatch(/rel="next"/);
    expect(first.headers['cache-control']).toBe('no-store');
    const all = await request(ctx.app).get(`${collection()}?limit=5`).set(alice.auth);
    expect(all.headers.link).toBeUndefined();
    expect(all.headers['cache-control']).toBe('no-store');
  });
});
