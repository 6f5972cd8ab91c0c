// Issue 10 item 7: `Origin: null` or an empty Origin is refused; Referer is used only when Origin is absent.
import request from 'supertest';
import { signUp } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

const APP_ORIGIN = 'https://app.example.com';
let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp({ CORS_ORIGINS: APP_ORIGIN });
});
afterAll(() => ctx.close());

async function cookie(): Promise<string> {
  const { user, password } = await signUp(ctx.app);
  const res = await request(ctx.app)
    .post('/api/auth/signin?session=cookie')
    .set('Origin', APP_ORIGIN)
    .send({ email: user.email, password });
  return ((res.headers['set-cookie'] as unknown as string[])[0] as string).split(';')[0] as string;
}

describe('CSRF origin check', () => {
  it.each([
    ['Origin null', 'null'],
    ['an empty Origin', ''],
  ])('refuses a cookie-authenticated write with %s even when the Referer is trusted', async (_label, origin) => {
    const res = await request(ctx.app)
      .post('/api/users/me/todos')
      .set('Cookie', await cookie())
      .set('Origin', origin)
      .set('Referer', `${APP_ORIGIN}/todos`)
      .send({ title: 'forged' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Cross-site request refused', code: 'CROSS_SITE_REFUSED' });
  });

  it('refuses a cookie sign-in with Origin null and a trusted Referer (login CSRF)', async () => {
    const { user, password } = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/auth/signin?session=cookie')
      .set('Origin', 'null')
      .set('Referer', `${APP_ORIGIN}/login`)
      .send({ email: user.email, password });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('still accepts a trusted Referer when the request has no Origin header at all', async () => {
    const res = await request(ctx.app)
      .post('/api/users/me/todos')
      .set('Cookie', await cookie())
      .set('Referer', `${APP_ORIGIN}/todos`)
      .send({ title: 'from the app' });
    expect(res.status).toBe(201);
  });

  it.each([
    ['no Referer either', undefined],
    ['a Referer that is not a URL', 'not a url'],
    ['a Referer of another site', 'https://evil.example/app.example.com/todos'],
  ])('refuses a cookie-authenticated write with no Origin and %s', async (_label, referer) => {
    const write = request(ctx.app)
      .post('/api/users/me/todos')
      .set('Cookie', await cookie());
    if (referer !== undefined) write.set('Referer', referer);
    const res = await write.send({ title: 'forged' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Cross-site request refused', code: 'CROSS_SITE_REFUSED' });
  });

  it('refuses a cross-site cookie sign-out with 403, and the session lives on', async () => {
    const session = await cookie();
    const res = await request(ctx.app)
      .post('/api/auth/signout')
      .set('Cookie', session)
      .set('Origin', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Cross-site request refused', code: 'CROSS_SITE_REFUSED' });
    expect((await request(ctx.app).get('/api/auth/me').set('Cookie', session)).status).toBe(200);
  });
});
