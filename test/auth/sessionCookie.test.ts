// Checklist: the httpOnly cookie session works without an Authorization header, resists CSRF, and signs out.
import request from 'supertest';
import { GOOD_PASSWORD, signUp, uniqueEmail } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

const APP_ORIGIN = 'https://app.example.com';
let ctx: TestApp;
let production: TestApp;
beforeAll(async () => {
  ctx = await createTestApp({ CORS_ORIGINS: APP_ORIGIN });
  production = await createTestApp(
    { NODE_ENV: 'production', CORS_ORIGINS: APP_ORIGIN, SMTP_URL: 'smtp://127.0.0.1:9' },
    { db: ctx.db },
  );
});
afterAll(() => ctx.close());

/** Signs in with ?session=cookie and returns the Cookie header a browser would send back. */
async function cookieSession(app = ctx) {
  const { user, password } = await signUp(app.app);
  const res = await request(app.app)
    .post('/api/auth/signin?session=cookie')
    .set('Origin', APP_ORIGIN)
    .send({ email: user.email, password });
  expect(res.status).toBe(200);
  const setCookie = (res.headers['set-cookie'] as unknown as string[])[0] as string;
  return { user, password, res, setCookie, cookie: setCookie.split(';')[0] as string };
}

describe('cookie sessions', () => {
  it('sets an httpOnly, SameSite=Lax cookie and keeps the token out of the body', async () => {
    const { res, setCookie } = await cookieSession();
    expect(setCookie).toMatch(/^rampart_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    // The cookie lives exactly as long as the token inside it (7 days by default).
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(7 * 24 * 3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(7 * 24 * 3600);
    expect(res.body.token).toBeUndefined();
    expect(res.body.user.email).toEqual(expect.any(String));
  });

  it('uses a Secure __Host- cookie in production', async () => {
    const { setCookie } = await cookieSession(production);
    expect(setCookie).toMatch(/^__Host-rampart_session=/);
    expect(setCookie).toMatch(/Secure/);
  });

  it('authenticates reads with the cookie when no Authorization header is sent', async () => {
    const { user, cookie } = await cookieSession();
    const res = await request(ctx.app).get('/api/auth/me').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(user.id);
  });

  it('allows a cookie-authenticated write from an allowed Origin', async () => {
    const { cookie } = await cookieSession();
    const res = await request(ctx.app)
      .post('/api/users/me/todos')
      .set('Cookie', cookie)
      .set('Origin', APP_ORIGIN)
      .send({ title: 'from the app' });
    expect(res.status).toBe(201);
  });

  it.each([
    ['a foreign Origin', { Origin: 'https://evil.example.com' }],
    ['a foreign Referer and no Origin', { Referer: 'https://evil.example.com/page' }],
    ['neither Origin nor Referer', {}],
    ['Origin null', { Origin: 'null' }],
  ])('refuses a cookie-authenticated write with %s (CSRF)', async (_label, headers) => {
    const { cookie } = await cookieSession();
    const res = await request(ctx.app)
      .post('/api/users/me/todos')
      .set('Cookie', cookie)
      .set(headers)
      .send({ title: 'forged' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Cross-site request refused', code: 'CROSS_SITE_REFUSED' });
  });

  it('refuses a cookie sign-in started from a foreign origin (login CSRF)', async () => {
    const { user, password } = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/auth/signin?session=cookie')
      .set('Origin', 'https://evil.example.com')
      .send({ email: user.email, password });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('prefers the Authorization header: a bad header is not rescued by a good cookie', async () => {
    const { cookie } = await cookieSession();
    const res = await request(ctx.app).get('/api/auth/me').set('Cookie', cookie).set('Authorization', 'Bearer x.y.z');
    expect(res.status).toBe(401);
  });

  it('signs up straight into a cookie session', async () => {
    const res = await request(ctx.app)
      .post('/api/auth/signup?session=cookie')
      .set('Origin', APP_ORIGIN)
      .send({ email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Cookie' });
    expect(res.status).toBe(201);
    expect(res.body.token).toBeUndefined();
    expect(res.headers['set-cookie']).toBeDefined();
  });

  it('answers a password change made with the cookie with a new cookie, and keeps the token out of the body', async () => {
    const { user, password, cookie: old } = await cookieSession();
    const res = await request(ctx.app)
      .post('/api/auth/password')
      .set('Cookie', old)
      .set('Origin', APP_ORIGIN)
      .send({ current_password: password, new_password: 'a brand new passphrase' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: expect.objectContaining({ id: user.id }) });
    const renewed = String(res.headers['set-cookie']).split(';')[0] as string;
    expect(renewed).toMatch(/^rampart_session=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await request(ctx.app).get('/api/auth/me').set('Cookie', renewed)).status).toBe(200);
    expect((await request(ctx.app).get('/api/auth/me').set('Cookie', old)).status).toBe(401);
  });

  it('answers 422 for an unknown session mode', async () => {
    const res = await request(ctx.app)
      .post('/api/auth/signin?session=localStorage')
      .send({ email: 'a', password: 'b' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', 'session']);
  });

  it('POST /api/auth/signout clears the cookie', async () => {
    await cookieSession();
    const res = await request(ctx.app).post('/api/auth/signout');
    expect(res.status).toBe(204);
    const cleared = (res.headers['set-cookie'] as unknown as string[])[0];
    expect(cleared).toMatch(/^rampart_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  });
});
