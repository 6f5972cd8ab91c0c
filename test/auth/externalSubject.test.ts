// Issue 10 item 6: an external token's `sub` must be a string of 1 to 255 characters, else 401; and it must carry
// exp, iat and sub.
import request from 'supertest';
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

const email = () => `subject-${process.pid}-${++counter}@example.com`;
const me = async (claims: Record<string, unknown>) =>
  request(ctx.app)
    .get('/api/auth/me')
    .set('Authorization', `Bearer ${await issuer.sign({ email: email(), ...claims })}`);

describe('external subject', () => {
  it('refuses an array sub with 401, so it cannot match another identity', async () => {
    const victim = `victim-${process.pid}`;
    expect((await me({ sub: victim })).status).toBe(200);
    const res = await me({ sub: [victim, 'someone-else'] });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
  });

  it.each([
    ['a number', 12345],
    ['an object', { id: 'x' }],
    ['empty', ''],
    ['256 characters long', 's'.repeat(256)],
    ['holding a NUL', 'a\u0000b'],
  ])('refuses a sub that is %s with 401', async (_label, sub) => {
    const res = await me({ sub });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
  });

  it('accepts a sub of exactly 255 characters', async () => {
    const res = await me({ sub: `${process.pid}-`.padEnd(255, 'x') });
    expect(res.status).toBe(200);
  });
});

describe('external token claims', () => {
  it.each(['exp', 'iat', 'sub'])('refuses a token without %s with 401', async (claim) => {
    const res = await me({ sub: `${process.pid}-claims`, [claim]: undefined });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
  });

  it('accepts the same token with all three', async () => {
    expect((await me({ sub: `${process.pid}-claims` })).status).toBe(200);
  });
});
