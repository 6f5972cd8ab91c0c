// Checklist: forgotten passwords — same answer for unknown emails, single-use hashed tokens that expire, sessions ended.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import request from 'supertest';
import { hashToken } from '../../src/auth/accountTokens';
import { statementsDuring } from '../support/databaseFaults';
import { bearer, signUp, uniqueEmail, type SignedUpUser } from '../support/factories';
import { tokenFromLog } from '../support/mail';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NEW_PASSWORD = 'a fresh and long passphrase';
const forgot = (email: string) => request(ctx.app).post('/api/auth/password/forgot').send({ email });
const reset = (token: string, newPassword = NEW_PASSWORD) =>
  request(ctx.app).post('/api/auth/password/reset').send({ token, new_password: newPassword });
const me = (token: string) => request(ctx.app).get('/api/auth/me').set(bearer(token));
const signin = (email: string, password: string) => request(ctx.app).post('/api/auth/signin').send({ email, password });

async function resetToken(user: SignedUpUser): Promise<string> {
  expect((await forgot(user.user.email)).status).toBe(202);
  return tokenFromLog(ctx, 'mail.password_reset', user.user.email);
}

describe('POST /api/auth/password/reset', () => {
  it('sets the new password, signs in, and ends every earlier session', async () => {
    const alice = await signUp(ctx.app);
    const laptop = (await signin(alice.user.email, alice.password)).body.token as string;
    const res = await reset(await resetToken(alice));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: alice.user.id, email: alice.user.email });
    expect((await me(res.body.token)).status).toBe(200);
    for (const old of [alice.token, laptop]) expect((await me(old)).status).toBe(401);
    expect((await signin(alice.user.email, alice.password)).status).toBe(401);
    expect((await signin(alice.user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('can answer with the session cookie instead, for a trusted origin', async () => {
    const app = await createTestApp({ CORS_ORIGINS: 'http://app.example.test' }, { db: ctx.db });
    try {
      const alice = await signUp(app.app);
      await request(app.app).post('/api/auth/password/forgot').send({ email: alice.user.email });
      const token = await tokenFromLog(app, 'mail.password_reset', alice.user.email);
      const res = await request(app.app)
        .post('/api/auth/password/reset?session=cookie')
        .set('Origin', 'http://app.example.test')
        .send({ token, new_password: NEW_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('token');
      expect(String(res.headers['set-cookie'])).toMatch(/^rampart_session=/);
    } finally {
      await app.close();
    }
  });

  it('refuses a reused token with 400', async () => {
    const alice = await signUp(ctx.app);
    const token = await resetToken(alice);
    expect((await reset(token)).status).toBe(200);
    const again = await reset(token, 'yet another long passphrase');
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ detail: 'Invalid or expired reset token', code: 'INVALID_RESET_TOKEN' });
  });

  it('gives one of two concurrent uses of a token the session, the other 400', async () => {
    const alice = await signUp(ctx.app);
    const token = await resetToken(alice);
    const statuses = (await Promise.all([reset(token), reset(token, 'yet another long passphrase')])).map(
      (res) => res.status,
    );
    expect(statuses.sort()).toEqual([200, 400]);
  });

  it('refuses a wrong or malformed token with 400', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', '']) {
      const res = await reset(token);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: 'Invalid or expired reset token', code: 'INVALID_RESET_TOKEN' });
    }
  });

  it('refuses an expired token with 400', async () => {
    const alice = await signUp(ctx.app);
    const token = await resetToken(alice);
    await ctx.db.sequelize.query(
      "UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = :hash",
      { replacements: { hash: hashToken(token) } },
    );
    expect((await reset(token)).status).toBe(400);
    expect((await me(alice.token)).status).toBe(200);
  });

  it('expires tokens after PASSWORD_RESET_TTL', async () => {
    const alice = await signUp(ctx.app);
    await resetToken(alice);
    const [rows] = await ctx.db.sequelize.query(
      `SELECT extract(epoch FROM expires_at - created_at) AS ttl FROM account_tokens
       WHERE user_id = :id AND purpose = 'reset'`,
      { replacements: { id: alice.user.id } },
    );
    expect(Number((rows[0] as { ttl: string }).ttl)).toBeCloseTo(30 * 60, 0);
  });

  it('applies the signup password policy (422) and keeps the token usable', async () => {
    const alice = await signUp(ctx.app);
    const token = await resetToken(alice);
    for (const [weak, msg] of [
      ['short', 'Password must be at least 8 characters (10 or more recommended)'],
      ['password123', 'Password is too common; choose another'],
      [alice.user.email, 'Password must not be your email address'],
    ]) {
      const res = await reset(token, weak);
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        detail: [{ loc: ['body', 'new_password'], msg, type: 'value_error' }],
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await me(alice.token)).status).toBe(200);
    expect((await reset(token)).status).toBe(200);
  });

  it('is voided by a password change made any other way', async () => {
    const alice = await signUp(ctx.app);
    const token = await resetToken(alice);
    const changed = await request(ctx.app)
      .post('/api/auth/password')
      .set(alice.auth)
      .send({ current_password: alice.password, new_password: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect((await reset(token, 'yet another long passphrase')).status).toBe(400);
  });

  it('stores only a hash of the token', async () => {
    const alice = await signUp(ctx.app);
    const token = await resetToken(alice);
    const [rows] = await ctx.db.sequelize.query('SELECT token_hash FROM account_tokens WHERE user_id = :id', {
      replacements: { id: alice.user.id },
    });
    const stored = (rows as { token_hash: string }[]).map((row) => row.token_hash);
    expect(stored).toContain(hashToken(token));
    expect(stored).not.toContain(token);
  });
});

describe('POST /api/auth/password/forgot', () => {
  it('answers an unknown email exactly as a known one, and mails only the known one', async () => {
    const alice = await signUp(ctx.app);
    const nobody = uniqueEmail('nobody');
    const known = await forgot(alice.user.email);
    const unknown = await forgot(nobody);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual({ detail: 'If an account has this email, a reset link is on its way' });
    expect(unknown.body).toEqual(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
    await ctx.mailer.settled();
    const resets = ctx.logs.filter((entry) => entry.event === 'mail.password_reset');
    expect(resets.some((entry) => entry.to === alice.user.email)).toBe(true);
    expect(resets.some((entry) => entry.to === nobody)).toBe(false);
  });

  it('costs the same for known and unknown emails: the same statements, and no wait for the mail', async () => {
    const users = await Promise.all([1, 2, 3].map(() => signUp(ctx.app)));
    await ctx.mailer.settled();
    const statements = async (email: string) => {
      // The rate-limit store prunes expired rows on 1 hit in 100 (Math.random): housekeeping, not this request's cost.
      const noPrune = jest.spyOn(Math, 'random').mockReturnValue(0.5);
      try {
        return (await statementsDuring(ctx.db.sequelize, () => forgot(email))).map((sql) => sql.split(/\s/)[0]);
      } finally {
        noPrune.mockRestore();
      }
    };
    for (const user of users) {
      const known = await statements(user.user.email);
      expect(await statements(uniqueEmail('nobody'))).toEqual(known);
    }
    // A mail server that accepts the connection and then says nothing: the answer does not wait for it.
    const sockets: Socket[] = [];
    let connected: () => void = () => undefined;
    const connection = new Promise<void>((resolve) => (connected = resolve));
    const silent = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const stalled = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { db: ctx.db });
    try {
      const alice = await signUp(ctx.app);
      const started = Date.now();
      const res = await request(stalled.app).post('/api/auth/password/forgot').send({ email: alice.user.email });
      expect(res.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(2_000);
      // The mail goes out after the answer: its connection opens now, and still has no reply.
      await connection;
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await stalled.close();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('mails one account at most once a minute, however many ask', async () => {
    const alice = await signUp(ctx.app);
    for (let i = 0; i < 3; i += 1) expect((await forgot(alice.user.email)).status).toBe(202);
    await ctx.mailer.settled();
    expect(ctx.logs.filter((e) => e.event === 'mail.password_reset' && e.to === alice.user.email)).toHaveLength(1);
  });

  it('is rate-limited per IP like the other credential endpoints', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT_MAX: '2' }, { db: ctx.db });
    try {
      const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const send = () =>
        request(limited.app)
          .post('/api/auth/password/forgot')
          .set('X-Forwarded-For', ip)
          .send({ email: uniqueEmail() });
      expect((await send()).status).toBe(202);
      expect((await send()).status).toBe(202);
      expect((await send()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('expired reset and verification tokens', () => {
  it('are deleted 100 at a time as new tokens are issued, for a known or unknown email, so the table stays small', async () => {
    const alice = await signUp(ctx.app);
    await ctx.db.sequelize.query(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at)
       SELECT :id, 'reset', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), :email, now() - interval '1 hour'
       FROM generate_series(1, 250)`,
      { replacements: { id: alice.user.id, email: alice.user.email } },
    );
    const expired = async () => {
      const [rows] = await ctx.db.sequelize.query('SELECT count(*) AS n FROM account_tokens WHERE expires_at < now()');
      return Number((rows[0] as { n: string }).n);
    };
    const before = await expired();
    expect(before).toBeGreaterThanOrEqual(250);
    expect((await forgot(uniqueEmail('nobody'))).status).toBe(202);
    expect(await expired()).toBe(before - 100);
    // Signing up mails a verification link: issuing it prunes too.
    await signUp(ctx.app);
    expect(await expired()).toBe(before - 200);
  });
});
