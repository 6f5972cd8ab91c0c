// Checklist: signup creates a user and a token; duplicates are 409; weak or invalid input is 422.
import request from 'supertest';
import { hashRounds } from '../../src/auth/passwords';
import { defineUserModel } from '../../src/users/model';
import { failNextTransaction, failStatements } from '../support/databaseFaults';
import { GOOD_PASSWORD, signUp, uniqueEmail } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const signup = (body: object) => request(ctx.app).post('/api/auth/signup').send(body);
const users = () => defineUserModel(ctx.db.sequelize);

describe('POST /api/auth/signup', () => {
  it('creates the user and returns 201 {user, token}', async () => {
    const email = uniqueEmail();
    const res = await signup({ email, password: GOOD_PASSWORD, name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(Number),
      email,
      email_verified: false,
      name: 'Ada',
      role: 'user',
      created_at: expect.any(String),
    });
    expect(res.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const me = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('never returns the password hash', async () => {
    const res = await signup({ email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Ada' });
    expect(JSON.stringify(res.body)).not.toMatch(/password|\$2[aby]\$/);
  });

  it('trims and lower-cases the email', async () => {
    const email = uniqueEmail();
    const res = await signup({ email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD, name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email);
  });

  it('refuses a duplicate email in any case with 409', async () => {
    const { user } = await signUp(ctx.app);
    const res = await signup({ email: user.email.toUpperCase(), password: GOOD_PASSWORD, name: 'Again' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'Email already registered', code: 'EMAIL_TAKEN' });
    expect(await users().count({ where: { email: user.email } })).toBe(1);
  });

  it('answers a database outage during sign-up with 503, never as a taken email, and creates nothing', async () => {
    const email = uniqueEmail('outage');
    const outage = failNextTransaction(ctx.db.sequelize);
    try {
      const res = await signup({ email, password: GOOD_PASSWORD, name: 'Ada' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      outage.mockRestore();
    }
    expect(await users().count({ where: { email } })).toBe(0);
  });

  it('creates nothing when the database fails after the account is written (one transaction with its session and link)', async () => {
    const email = uniqueEmail('halfway');
    const outage = failStatements(ctx.db.sequelize, (sql) => sql.includes('INSERT INTO account_tokens'));
    try {
      const res = await signup({ email, password: GOOD_PASSWORD, name: 'Ada' });
      expect(res.status).toBe(503);
    } finally {
      outage.mockRestore();
    }
    expect(await users().count({ where: { email } })).toBe(0);
    expect((await signup({ email, password: GOOD_PASSWORD, name: 'Ada' })).status).toBe(201);
  });

  it('stores a bcrypt hash with the configured cost (>= 10), never the password', async () => {
    const { user, password } = await signUp(ctx.app);
    const row = await users().findByPk(user.id);
    expect(row?.password_hash).toMatch(/^\$2b\$/);
    expect(hashRounds(row!.password_hash as string)).toBe(ctx.config.bcryptRounds);
    expect(hashRounds(row!.password_hash as string)).toBeGreaterThanOrEqual(10);
    expect(row?.password_hash).not.toContain(password);
  });

  it.each([
    ['a missing email', { password: GOOD_PASSWORD, name: 'A' }, ['body', 'email']],
    ['a missing password', { email: 'x@example.com', name: 'A' }, ['body', 'password']],
    ['a missing name', { email: 'x@example.com', password: GOOD_PASSWORD }, ['body', 'name']],
    ['an invalid email', { email: 'not-an-email', password: GOOD_PASSWORD, name: 'A' }, ['body', 'email']],
    ['a non-string password', { email: 'x@example.com', password: 12345678901, name: 'A' }, ['body', 'password']],
    ['an empty name', { email: 'x@example.com', password: GOOD_PASSWORD, name: '   ' }, ['body', 'name']],
  ])('answers 422 for %s, FastAPI style', async (_label, body, loc) => {
    const res = await signup(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(
      expect.arrayContaining([{ loc, msg: expect.any(String), type: expect.any(String) }]),
    );
  });

  it.each([
    ['shorter than 8 characters', 'k3y!Zq'],
    ['a common password', 'password123'],
    ['a common password in other case', 'PASSWORD123'],
    ['a single repeated character', 'aaaaaaaaaaaa'],
    ['longer than 72 bytes', 'é'.repeat(40)],
  ])('refuses a weak password: %s', async (_label, password) => {
    const email = uniqueEmail();
    const res = await signup({ email, password, name: 'Weak' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'password']);
    expect(await users().count({ where: { email } })).toBe(0);
  });

  it('refuses the email itself as the password', async () => {
    const email = uniqueEmail();
    const res = await signup({ email, password: email, name: 'Same' });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].msg).toMatch(/email/i);
  });

  it('accepts a long passphrase without composition rules', async () => {
    const res = await signup({ email: uniqueEmail(), password: 'purple elephants dance quietly', name: 'P' });
    expect(res.status).toBe(201);
  });
});

describe('mass assignment', () => {
  it('refuses a role field instead of letting it reach the model', async () => {
    const email = uniqueEmail();
    const res = await signup({ email, password: GOOD_PASSWORD, name: 'Mallory', role: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([{ loc: ['body', 'role'], msg: expect.any(String), type: 'extra_forbidden' }]);
    expect(await users().count({ where: { email } })).toBe(0);
  });

  it.each(['id', 'password_hash', 'created_at'])('refuses %s in the signup body', async (field) => {
    const res = await signup({ email: uniqueEmail(), password: GOOD_PASSWORD, name: 'M', [field]: '1' });
    expect(res.status).toBe(422);
  });
});
