// Checklist: signin succeeds with the right password; every failure is the same 401, costs the same, and is logged safely.
import request from 'supertest';
import { createPasswordVerifier, hashPassword, hashRounds, type HashComparer } from '../../src/auth/passwords';
import bcrypt from 'bcrypt';
import { signUp, uniqueEmail } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const signin = (body: object) => request(ctx.app).post('/api/auth/signin').send(body);

describe('POST /api/auth/signin', () => {
  it('returns 200 {user, token} for the right password, with any email case', async () => {
    const { user, password } = await signUp(ctx.app);
    const res = await signin({ email: ` ${user.email.toUpperCase()}`, password });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(user);
    const me = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual(user);
  });

  it('gives the identical 401 for a wrong password and for an unknown email', async () => {
    const { user } = await signUp(ctx.app);
    const wrongPassword = await signin({ email: user.email, password: 'not the right password' });
    const unknownEmail = await signin({ email: uniqueEmail('nobody'), password: 'not the right password' });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: 'Invalid email or password', code: 'INVALID_CREDENTIALS' });
    }
    expect(unknownEmail.headers['content-length']).toBe(wrongPassword.headers['content-length']);
    expect(unknownEmail.headers['www-authenticate']).toBe(wrongPassword.headers['www-authenticate']);
  });

  it('answers 422 when a field is missing', async () => {
    const res = await signin({ email: uniqueEmail() });
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'password']);
  });

  it('logs a failed attempt as a structured event without the password', async () => {
    const { user } = await signUp(ctx.app);
    const secret = 'a-password-that-must-never-be-logged';
    await signin({ email: user.email, password: secret });
    const event = ctx.logs.find((line) => line.event === 'auth.signin_failed' && line.email === user.email);
    expect(event).toMatchObject({ level: 'warn', msg: 'sign-in failed', knownUser: true, ip: expect.any(String) });
    expect(event?.reqId).toEqual(expect.any(String));
    expect(ctx.rawLogs.join('\n')).not.toContain(secret);
  });
});

describe('bcrypt truncation at 72 bytes', () => {
  it('never lets two passwords that share their first 72 bytes both work', async () => {
    const prefix = 'x7'.repeat(36); // exactly 72 bytes
    const { user } = await signUp(ctx.app, { password: prefix });
    expect((await signin({ email: user.email, password: prefix })).status).toBe(200);
    expect((await signin({ email: user.email, password: `${prefix}-anything-after` })).status).toBe(401);
  });
});

describe('timing of failures', () => {
  /** Counts comparisons and records the cost factor of each hash compared against. */
  function instrumentedVerifier(rounds: number) {
    const costs: number[] = [];
    const compare: HashComparer = (password, hash) => {
      costs.push(hashRounds(hash));
      return bcrypt.compare(password, hash);
    };
    return { verifier: createPasswordVerifier(rounds, compare), costs };
  }

  it('compares an unknown email against a dummy hash of the same cost as real hashes', async () => {
    const { verifier, costs } = instrumentedVerifier(10);
    const real = await hashPassword('some real password', 10);
    expect(await verifier.verify('some real password', real)).toBe(true);
    expect(await verifier.verify('some real password', undefined)).toBe(false);
    expect(costs).toEqual([10, 10]);
  });

  it('makes the signin route pay one comparison of the real cost for an unknown email, as for a wrong password', async () => {
    // bcrypt.compare is read when the app is built, so the spy must be in place before createTestApp.
    const compare = jest.spyOn(bcrypt, 'compare') as unknown as jest.SpyInstance<Promise<boolean>, [string, string]>;
    const route = await createTestApp({ BCRYPT_ROUNDS: '11' });
    try {
      const { user } = await signUp(route.app);
      const costsOf = async (email: string) => {
        compare.mockClear();
        const res = await request(route.app).post('/api/auth/signin').send({ email, password: 'not the password' });
        expect(res.status).toBe(401);
        return compare.mock.calls.map(([, hash]) => hashRounds(hash));
      };
      expect(await costsOf(user.email)).toEqual([11]);
      expect(await costsOf(uniqueEmail('nobody'))).toEqual([11]);
    } finally {
      compare.mockRestore();
      await route.close();
    }
  });

  it('pays for a full comparison even for an over-long password', async () => {
    const { verifier, costs } = instrumentedVerifier(10);
    const real = await hashPassword('x'.repeat(72), 10);
    expect(await verifier.verify('x'.repeat(73), real)).toBe(false);
    expect(costs).toEqual([10]);
  });
});
