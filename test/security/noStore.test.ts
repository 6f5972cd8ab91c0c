// Issue 10 item 8: no cache may keep a token or an authenticated answer: every /api/auth response and every
// authenticated response says Cache-Control: no-store and Pragma: no-cache.
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

function expectNoStore(res: request.Response, label: string) {
  expect([label, res.headers['cache-control'], res.headers.pragma]).toEqual([label, 'no-store', 'no-cache']);
}

describe('Cache-Control: no-store', () => {
  it('is on every /api/auth/* response, successful or not', async () => {
    const app = request(ctx.app);
    const email = uniqueEmail();
    const responses: [string, request.Response][] = [
      ['signup', await app.post('/api/auth/signup').send({ email, password: GOOD_PASSWORD, name: 'N' })],
      ['signin', await app.post('/api/auth/signin').send({ email, password: GOOD_PASSWORD })],
      ['failed signin', await app.post('/api/auth/signin').send({ email, password: 'wrong password here' })],
      ['me', await app.get('/api/auth/me').set(alice.auth)],
      ['me without a token', await app.get('/api/auth/me')],
      ['signout', await app.post('/api/auth/signout')],
      ['unknown auth route', await app.get('/api/auth/nothing-here')],
    ];
    for (const [label, res] of responses) expectNoStore(res, label);
    expect(responses.map(([, res]) => res.status)).toEqual([201, 200, 401, 200, 401, 204, 404]);
  });

  it('is on every authenticated response elsewhere in the API', async () => {
    const app = request(ctx.app);
    expectNoStore(await app.get('/api/users/me/profile').set(alice.auth), 'profile');
    expectNoStore(await app.get('/api/users/me/todos').set(alice.auth), 'todo list');
    expectNoStore(await app.post('/api/users/me/todos').set(alice.auth).send({ title: 't' }), 'todo create');
  });

  it('is not forced on public responses that carry no credentials', async () => {
    const res = await request(ctx.app).get('/api/health');
    expect(res.headers.pragma).toBeUndefined();
  });
});
