// Checklist: every change to an account, and every failed try at one, is a structured log event operators can
// alert on: its event name, the account, the request id, and never a password or a token.
import request from 'supertest';
import { bearer, signUp, uniqueEmail, type SignedUpUser } from '../support/factories';
import { tokenFromLog } from '../support/mail';
import { createTestApp, type LogLine, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NEW_PASSWORD = 'an entirely new passphrase';
const post = (path: string, body: object, user?: SignedUpUser) =>
  request(ctx.app)
    .post(`/api/auth/${path}`)
    .set(user ? bearer(user.token) : {})
    .send(body);

/** The last log line of this event, after the request that wrote it. */
function lastEvent(event: string): LogLine | undefined {
  return ctx.logs.filter((line) => line.event === event).at(-1);
}

describe('account audit events', () => {
  it('logs a reset request with the account and client address, and with no account when the email is unknown', async () => {
    const alice = await signUp(ctx.app);
    await post('password/forgot', { email: alice.user.email }).set('X-Forwarded-For', '198.51.100.7');
    expect(lastEvent('auth.password_reset_requested')).toMatchObject({
      level: 'info',
      msg: 'password reset requested',
      userId: alice.user.id,
      ip: '198.51.100.7',
      reqId: expect.any(String),
    });
    await post('password/forgot', { email: uniqueEmail('nobody') });
    const unknown = lastEvent('auth.password_reset_requested');
    expect(unknown).toMatchObject({ msg: 'password reset requested', reqId: expect.any(String) });
    expect(unknown?.userId).toBeUndefined();
  });

  it('logs a completed reset for the account', async () => {
    const alice = await signUp(ctx.app);
    await post('password/forgot', { email: alice.user.email });
    const token = await tokenFromLog(ctx, 'mail.password_reset', alice.user.email);
    expect((await post('password/reset', { token, new_password: NEW_PASSWORD })).status).toBe(200);
    expect(lastEvent('auth.password_reset')).toMatchObject({
      level: 'info',
      msg: 'password reset',
      userId: alice.user.id,
      reqId: expect.any(String),
    });
    expect(ctx.rawLogs.join('\n')).not.toContain(NEW_PASSWORD);
  });

  it('logs a verification request, saying whether a link was sent, and the verification itself', async () => {
    const alice = await signUp(ctx.app);
    const signupLink = await tokenFromLog(ctx, 'mail.verify_email', alice.user.email);
    await ctx.db.sequelize.query(
      "UPDATE account_tokens SET created_at = now() - interval '2 minutes' WHERE user_id = :id",
      {
        replacements: { id: alice.user.id },
      },
    );
    await post('email/verify-request', {}, alice);
    expect(lastEvent('auth.verification_requested')).toMatchObject({
      level: 'info',
      msg: 'verification requested',
      userId: alice.user.id,
      sent: true,
      reqId: expect.any(String),
    });
    // A second request within the minute sends nothing, and says so.
    await post('email/verify-request', {}, alice);
    expect(lastEvent('auth.verification_requested')).toMatchObject({ userId: alice.user.id, sent: false });

    expect((await post('email/verify', { token: signupLink })).status).toBe(200);
    expect(lastEvent('auth.email_verified')).toMatchObject({
      level: 'info',
      msg: 'email verified',
      userId: alice.user.id,
      reqId: expect.any(String),
    });
  });

  it('logs an email change for the account, without the addresses', async () => {
    const alice = await signUp(ctx.app);
    const moved = uniqueEmail('moved');
    const res = await request(ctx.app)
      .patch('/api/auth/me')
      .set(bearer(alice.token))
      .send({ email: moved, current_password: alice.password });
    expect(res.status).toBe(200);
    const changed = lastEvent('auth.email_changed');
    expect(changed).toMatchObject({
      level: 'info',
      msg: 'email changed',
      userId: alice.user.id,
      reqId: expect.any(String),
    });
    expect(JSON.stringify(changed)).not.toContain(moved);
  });
});
