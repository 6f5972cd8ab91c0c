// Checklist: an external issuer's user gets one local account on first use, linked by (issuer, sub), never by
// email; the account keeps an email only when the issuer vouches for it.
import request from 'supertest';
import { failStatements } from '../support/databaseFaults';
import { signUp, uniqueEmail } from '../support/factories';
import { startLocalIssuer, type LocalIssuer } from '../support/localIssuer';
import { createTestApp, type TestApp } from '../support/testApp';

let issuer: LocalIssuer;
let ctx: TestApp;
let counter = 0;

beforeAll(async () => {
  issuer = await startLocalIssuer();
  ctx = await createTestApp(issuer.env);
});
afterAll(async () => {
  await ctx.close();
  await issuer.close();
});

const subject = () => `account-${process.pid}-${++counter}`;

/** GET /api/auth/me with a token of the external issuer carrying `claims` (a fresh `sub` unless given). */
async function me(claims: Record<string, unknown>) {
  const token = await issuer.sign({ sub: subject(), ...claims });
  return request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
}

describe('accounts of an external issuer', () => {
  it('keeps an email the issuer verified (OIDC email_verified), with the name it gives, trimmed', async () => {
    const email = uniqueEmail('oidc');
    const res = await me({ email, email_verified: true, name: '  Ada Lovelace  ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email, email_verified: true, name: 'Ada Lovelace', role: 'user' });
  });

  it('keeps an email verified the Better Auth way (emailVerified)', async () => {
    const email = uniqueEmail('better-auth');
    const res = await me({ email, emailVerified: true, name: 'Grace' });
    expect(res.body).toMatchObject({ email, email_verified: true, name: 'Grace' });
  });

  it.each([
    ['has not verified', { email_verified: false }],
    ['"verified" only as a string', { email_verified: 'true' }],
    ['says nothing about', {}],
  ])('keeps no email the issuer %s, and names the user "User"', async (_label, verification) => {
    const res = await me({ email: uniqueEmail('unverified'), ...verification });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: null, email_verified: false, name: 'User' });
  });

  it.each([
    ['no email at all', {}],
    ['an email that is not one', { email: 'not-an-email' }],
    ['an email that is not a string', { email: ['a@example.com'] }],
  ])('keeps no email when a verified token carries %s', async (_label, claims) => {
    const res = await me({ email_verified: true, name: 'Nameless', ...claims });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: null, email_verified: false, name: 'Nameless' });
  });

  it('names the user by their verified email when the token has no usable name', async () => {
    const email = uniqueEmail('unnamed');
    expect((await me({ email, email_verified: true })).body.name).toBe(email);
    const blank = uniqueEmail('blank');
    expect((await me({ email: blank, email_verified: true, name: '   ' })).body.name).toBe(blank);
  });

  it('keeps the first 100 characters of a long name', async () => {
    const res = await me({ name: `${'n'.repeat(100)}cut` });
    expect(res.body.name).toBe('n'.repeat(100));
  });

  it('links later tokens of the same subject to the same account, whatever their claims say', async () => {
    const sub = subject();
    const first = await me({ sub, email: uniqueEmail('first'), email_verified: true, name: 'First' });
    const later = await me({ sub, email: uniqueEmail('later'), email_verified: true, name: 'Later' });
    expect(later.status).toBe(200);
    expect(later.body).toEqual(first.body);
  });

  it('gives each subject an account of its own', async () => {
    const ids = [];
    for (const sub of [subject(), subject(), subject()]) ids.push((await me({ sub })).body.id as number);
    expect(new Set(ids).size).toBe(3);
  });

  it('gives concurrent first tokens of one subject one account', async () => {
    const sub = subject();
    const answers = await Promise.all([1, 2, 3, 4].map(() => me({ sub, name: sub })));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
    // The losers of the race roll back the account they made: no orphan row is left.
    const [rows] = await ctx.db.sequelize.query('SELECT id FROM users WHERE name = :sub', { replacements: { sub } });
    expect(rows).toEqual([{ id: answers[0]?.body.id }]);
  });

  it("keeps accepting this app's own tokens beside the external issuer's", async () => {
    const local = await signUp(ctx.app);
    const res = await request(ctx.app).get('/api/auth/me').set(local.auth);
    expect([res.status, res.body.id]).toEqual([200, local.user.id]);
  });

  it('never links to a local account by email: the verified email of one is 409', async () => {
    const local = await signUp(ctx.app);
    const res = await me({ email: local.user.email, email_verified: true });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      detail: 'Email already registered with another sign-in method',
      code: 'EMAIL_TAKEN_BY_ANOTHER_METHOD',
    });
    const again = await me({ email: local.user.email, email_verified: true });
    expect(again.status).toBe(409);
  });

  it('answers a database failure while creating the account 503, never as an email taken by another method', async () => {
    const outage = failStatements(ctx.db.sequelize, (sql) => sql.startsWith('INSERT INTO "users"'));
    try {
      const res = await me({ email: uniqueEmail('outage'), email_verified: true });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      outage.mockRestore();
    }
  });

  it('refuses to sign out one external token with 409: the issuer owns its sessions, and the token keeps working', async () => {
    const auth = { Authorization: `Bearer ${await issuer.sign({ sub: subject() })}` };
    expect((await request(ctx.app).get('/api/auth/me').set(auth)).status).toBe(200);
    const res = await request(ctx.app).post('/api/auth/signout').set(auth);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      detail: 'This account signs in through the external issuer: manage it there',
      code: 'EXTERNAL_ACCOUNT',
    });
    expect((await request(ctx.app).get('/api/auth/me').set(auth)).status).toBe(200);
  });

  it('ends every token issued up to sign-out everywhere, to the second, and accepts later ones', async () => {
    const sub = subject();
    const token = await issuer.sign({ sub });
    const auth = { Authorization: `Bearer ${token}` };
    const bystander = { Authorization: `Bearer ${await issuer.sign({ sub: subject() })}` };
    expect((await request(ctx.app).get('/api/auth/me').set(bystander)).status).toBe(200);
    const { id } = (await request(ctx.app).get('/api/auth/me').set(auth)).body as { id: number };
    expect((await request(ctx.app).post('/api/auth/signout-all').set(auth)).status).toBe(204);
    expect((await request(ctx.app).get('/api/auth/me').set(auth)).status).toBe(401);
    // Another user's tokens, issued just as early, are theirs to end.
    expect((await request(ctx.app).get('/api/auth/me').set(bystander)).status).toBe(200);

    // Tokens carry whole seconds (iat): one issued in the second of the sign-out is ended, the next second's is not.
    const revokedAt = Math.floor(Date.now() / 1000) - 30;
    await ctx.db.sequelize.query('UPDATE users SET revoked_before = to_timestamp(:revokedAt) WHERE id = :id', {
      replacements: { revokedAt, id },
    });
    const ended = await me({ sub, iat: revokedAt });
    expect(ended.status).toBe(401);
    expect(ended.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
    const later = await me({ sub, iat: revokedAt + 1 });
    expect(later.status).toBe(200);
    expect(later.body.id).toBe(id);
  });
});
