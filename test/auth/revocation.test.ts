// Checklist: sign-out-everywhere and password changes invalidate every token issued before them.
import request from 'supertest';
import { GOOD_PASSWORD, bearer, signUp } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const me = (token: string) => request(ctx.app).get('/api/auth/me').set(bearer(token));
const signin = (email: string, password: string) => request(ctx.app).post('/api/auth/signin').send({ email, password });

describe('POST /api/auth/signout-all', () => {
  it('revokes every earlier token of the caller, and only theirs', async () => {
    const alice = await signUp(ctx.app);
    const bob = await signUp(ctx.app);
    const otherDevice = (await signin(alice.user.email, alice.password)).body.token as string;

    const res = await request(ctx.app).post('/api/auth/signout-all').set(alice.auth);
    expect(res.status).toBe(204);

    for (const token of [alice.token, otherDevice]) {
      const rejected = await me(token);
      expect(rejected.status).toBe(401);
      expect(rejected.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
    }
    expect((await me(bob.token)).status).toBe(200);
    const fresh = (await signin(alice.user.email, alice.password)).body.token as string;
    expect((await me(fresh)).status).toBe(200);
  });

  it('requires authentication', async () => {
    expect((await request(ctx.app).post('/api/auth/signout-all')).status).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  const NEW_PASSWORD = 'a brand new passphrase';

  it('changes the password, revokes older tokens and returns a working new one', async () => {
    const alice = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/auth/password')
      .set(alice.auth)
      .send({ current_password: alice.password, new_password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(alice.user.id);
    const logged = ctx.logs.filter((line) => line.event === 'auth.password_changed');
    expect(logged.at(-1)).toMatchObject({ level: 'info', msg: 'password changed', userId: alice.user.id });

    expect((await me(alice.token)).status).toBe(401);
    expect((await me(res.body.token)).status).toBe(200);
    expect((await signin(alice.user.email, alice.password)).status).toBe(401);
    expect((await signin(alice.user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses a wrong current password with 403 and changes nothing', async () => {
    const alice = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/auth/password')
      .set(alice.auth)
      .send({ current_password: 'not my password', new_password: NEW_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Current password is incorrect', code: 'WRONG_PASSWORD' });
    expect((await me(alice.token)).status).toBe(200);
    expect((await signin(alice.user.email, alice.password)).status).toBe(200);
    // Operators see the failed try (a stolen session guessing the password), without what was tried.
    const failed = ctx.logs.filter((line) => line.event === 'auth.password_change_failed');
    expect(failed.at(-1)).toMatchObject({ level: 'warn', msg: 'wrong current password', userId: alice.user.id });
    expect(ctx.rawLogs.join('\n')).not.toContain('not my password');
  });

  it.each([
    ['too short', 'short'],
    ['common', 'password123'],
    ['the email', 'EMAIL'],
  ])('refuses a weak new password (%s) with 422', async (_label, candidate) => {
    const alice = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/auth/password')
      .set(alice.auth)
      .send({ current_password: alice.password, new_password: candidate === 'EMAIL' ? alice.user.email : candidate });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'new_password']);
    expect((await me(alice.token)).status).toBe(200);
  });

  it('requires both fields and nothing else', async () => {
    const alice = await signUp(ctx.app);
    const missing = await request(ctx.app)
      .post('/api/auth/password')
      .set(alice.auth)
      .send({ new_password: GOOD_PASSWORD });
    expect(missing.status).toBe(422);
    const extra = await request(ctx.app)
      .post('/api/auth/password')
      .set(alice.auth)
      .send({ current_password: alice.password, new_password: NEW_PASSWORD, role: 'admin' });
    expect(extra.status).toBe(422);
  });
});
