// Checklist: email verification — single-use links, resend, expiry, REQUIRE_VERIFIED_EMAIL, email change.
import request from 'supertest';
import { hashToken } from '../../src/auth/accountTokens';
import { GOOD_PASSWORD, bearer, signUp, uniqueEmail } from '../support/factories';
import { failNextTransaction, failStatements } from '../support/databaseFaults';
import { tokenFromLog } from '../support/mail';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const verify = (app: TestApp, token: string) => request(app.app).post('/api/auth/email/verify').send({ token });
const me = (app: TestApp, token: string) => request(app.app).get('/api/auth/me').set(bearer(token));
const signupToken = (email: string) => tokenFromLog(ctx, 'mail.verify_email', email);

describe('POST /api/auth/email/verify', () => {
  it('marks the email verified with the link mailed at signup', async () => {
    const alice = await signUp(ctx.app);
    expect(alice.user.email_verified).toBe(false);
    const res = await verify(ctx, await signupToken(alice.user.email));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: alice.user.id, email_verified: true });
    expect((await me(ctx, alice.token)).body.email_verified).toBe(true);
  });

  it('refuses a reused, unknown or expired token with 400', async () => {
    const alice = await signUp(ctx.app);
    const token = await signupToken(alice.user.email);
    expect((await verify(ctx, token)).status).toBe(200);
    const reused = await verify(ctx, token);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ detail: 'Invalid or expired verification token', code: 'INVALID_VERIFY_TOKEN' });
    expect((await verify(ctx, 'B'.repeat(43))).status).toBe(400);

    const bob = await signUp(ctx.app);
    const expired = await signupToken(bob.user.email);
    await ctx.db.sequelize.query(
      "UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = :hash",
      { replacements: { hash: hashToken(expired) } },
    );
    expect((await verify(ctx, expired)).status).toBe(400);
    expect((await me(ctx, bob.token)).body.email_verified).toBe(false);
  });

  it('expires links after EMAIL_VERIFY_TTL (24 h by default)', async () => {
    const alice = await signUp(ctx.app);
    const [rows] = await ctx.db.sequelize.query(
      `SELECT extract(epoch FROM expires_at - created_at) AS ttl FROM account_tokens
       WHERE user_id = :id AND purpose = 'verify'`,
      { replacements: { id: alice.user.id } },
    );
    expect(Number((rows[0] as { ttl: string }).ttl)).toBeCloseTo(24 * 3600, 0);
  });
});

describe('POST /api/auth/email/verify-request', () => {
  it('sends a new link (202) that works, at most once a minute', async () => {
    const alice = await signUp(ctx.app);
    await ctx.db.sequelize.query(
      "UPDATE account_tokens SET created_at = now() - interval '2 minutes' WHERE user_id = :id",
      {
        replacements: { id: alice.user.id },
      },
    );
    const first = await request(ctx.app).post('/api/auth/email/verify-request').set(alice.auth);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ detail: 'A verification link is on its way' });
    expect((await request(ctx.app).post('/api/auth/email/verify-request').set(alice.auth)).status).toBe(202);
    await ctx.mailer.settled();
    const mails = ctx.logs.filter((entry) => entry.event === 'mail.verify_email' && entry.to === alice.user.email);
    expect(mails).toHaveLength(2);
    expect((await verify(ctx, await signupToken(alice.user.email))).status).toBe(200);
  });

  it('answers 409 once the email is verified, 401 without a session', async () => {
    const alice = await signUp(ctx.app);
    await verify(ctx, await signupToken(alice.user.email));
    const res = await request(ctx.app).post('/api/auth/email/verify-request').set(alice.auth);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'Email already verified', code: 'EMAIL_ALREADY_VERIFIED' });
    expect((await request(ctx.app).post('/api/auth/email/verify-request')).status).toBe(401);
  });
});

describe('REQUIRE_VERIFIED_EMAIL=true', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({ REQUIRE_VERIFIED_EMAIL: 'true' }, { db: ctx.db });
  });
  afterAll(() => strict.close());

  it('answers 403 "Email not verified" on a generated resource, and lets the user in once verified', async () => {
    const alice = await signUp(strict.app);
    const todos = `/api/users/${alice.user.id}/todos`;
    const refused = await request(strict.app).get(todos).set(alice.auth);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ detail: 'Email not verified', code: 'EMAIL_NOT_VERIFIED' });
    expect((await request(strict.app).post(todos).set(alice.auth).send({ title: 'x' })).status).toBe(403);

    // The auth routes stay open, so the user can verify.
    expect((await me(strict, alice.token)).status).toBe(200);
    await strict.mailer.settled();
    const token = await tokenFromLog(strict, 'mail.verify_email', alice.user.email);
    expect((await verify(strict, token)).status).toBe(200);
    expect((await request(strict.app).get(todos).set(alice.auth)).status).toBe(200);
  });

  it('is off by default', async () => {
    const alice = await signUp(ctx.app);
    expect((await request(ctx.app).get(`/api/users/${alice.user.id}/todos`).set(alice.auth)).status).toBe(200);
  });
});

describe('PATCH /api/auth/me', () => {
  const patch = (token: string, body: object) => request(ctx.app).patch('/api/auth/me').set(bearer(token)).send(body);

  it('changes the email with the current password: unverified until confirmed, old address notified', async () => {
    const alice = await signUp(ctx.app);
    // Still unused when the email changes.
    const oldToken = await signupToken(alice.user.email);
    const newEmail = uniqueEmail('moved');
    const res = await patch(alice.token, { email: newEmail.toUpperCase(), current_password: alice.password });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: alice.user.id, email: newEmail, email_verified: false });

    await ctx.mailer.settled();
    const notice = ctx.logs.find((entry) => entry.event === 'mail.email_changed' && entry.to === alice.user.email);
    expect(notice).toBeDefined();
    // A link sent to the old address cannot verify the new one.
    expect((await verify(ctx, oldToken)).status).toBe(400);
    expect((await verify(ctx, await tokenFromLog(ctx, 'mail.verify_email', newEmail))).body.user).toMatchObject({
      email: newEmail,
      email_verified: true,
    });
    const signin = await request(ctx.app).post('/api/auth/signin').send({ email: newEmail, password: alice.password });
    expect(signin.status).toBe(200);
  });

  it('refuses an email change without the right current password (403) and changes nothing', async () => {
    const alice = await signUp(ctx.app);
    for (const body of [{ email: uniqueEmail() }, { email: uniqueEmail(), current_password: 'wrong password here' }]) {
      const res = await patch(alice.token, body);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ detail: 'Current password is incorrect', code: 'WRONG_PASSWORD' });
    }
    expect((await me(ctx, alice.token)).body.email).toBe(alice.user.email);
  });

  it("refuses another account's email with 409", async () => {
    const alice = await signUp(ctx.app);
    const bob = await signUp(ctx.app);
    const res = await patch(alice.token, { email: bob.user.email, current_password: alice.password });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'Email already registered', code: 'EMAIL_TAKEN' });
    expect((await me(ctx, alice.token)).body.email).toBe(alice.user.email);
  });

  it('answers a database outage during the change with 503, never as a taken email, and changes nothing', async () => {
    const alice = await signUp(ctx.app);
    const outage = failNextTransaction(ctx.db.sequelize);
    try {
      const res = await patch(alice.token, { email: uniqueEmail('moved'), current_password: alice.password });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      outage.mockRestore();
    }
    expect((await me(ctx, alice.token)).body.email).toBe(alice.user.email);
  });

  it('changes the email all or nothing: a failure after the update leaves the old email', async () => {
    const alice = await signUp(ctx.app);
    const failing = failStatements(ctx.db.sequelize, (sql) => sql.startsWith('UPDATE account_tokens SET used_at'));
    try {
      const res = await patch(alice.token, { email: uniqueEmail('half'), current_password: alice.password });
      expect(res.status).toBe(503);
    } finally {
      failing.mockRestore();
    }
    expect((await me(ctx, alice.token)).body).toMatchObject({ email: alice.user.email, email_verified: false });
  });

  it('takes the current email, in any case, as no change: no password needed, still verified, nothing mailed', async () => {
    const alice = await signUp(ctx.app);
    expect((await verify(ctx, await signupToken(alice.user.email))).status).toBe(200);
    const res = await patch(alice.token, { email: alice.user.email.toUpperCase(), name: 'Alice Again' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: alice.user.email, email_verified: true, name: 'Alice Again' });
    await ctx.mailer.settled();
    const mailed = ctx.logs.filter((entry) => entry.event === 'mail.verify_email' && entry.to === alice.user.email);
    expect(mailed).toHaveLength(1);
  });

  it('changes the name without a password, and refuses unknown fields', async () => {
    const alice = await signUp(ctx.app);
    const res = await patch(alice.token, { name: 'Alice B.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Alice B.', email_verified: false });
    expect((await patch(alice.token, { role: 'admin' })).status).toBe(422);
    expect((await patch(alice.token, { email_verified: true, current_password: GOOD_PASSWORD })).status).toBe(422);
    expect((await patch(alice.token, {})).status).toBe(422);
  });
});
