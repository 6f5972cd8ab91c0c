// Issue 10 item 4: only the endpoints that guess or create credentials are limited, per client (IPv6 by /64)
// and per target account, both in PostgreSQL.
import request from 'supertest';
import { signUp, uniqueEmail } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

const LIMIT = 3;
let ctx: TestApp;
let other: TestApp;
/** Signs users up without limits in the way (the counters are shared, so their sign-ups still count). */
let setup: TestApp;
beforeAll(async () => {
  const env = { AUTH_RATE_LIMIT_MAX: String(LIMIT), AUTH_RATE_LIMIT_WINDOW_MS: '60000' };
  ctx = await createTestApp(env);
  other = await createTestApp(env, { db: ctx.db });
  setup = await createTestApp({}, { db: ctx.db });
});
afterAll(() => ctx.close());

let clients = 0;
const nextIpv4 = () => `198.51.100.${++clients}`;
const nextIpv6Prefix = () => `2001:db8:${(++clients).toString(16)}:1`;

const signin = (app: TestApp, ip: string, email = uniqueEmail()) =>
  request(app.app).post('/api/auth/signin').set('X-Forwarded-For', ip).send({ email, password: 'wrong password here' });

describe('credential rate limit', () => {
  it('does not count /api/auth/me, unknown auth routes, sign-out or OPTIONS against sign-in', async () => {
    const ip = nextIpv4();
    const { auth } = await signUp(setup.app);
    for (let i = 0; i < LIMIT * 3; i++) {
      await request(ctx.app).get('/api/auth/me').set('X-Forwarded-For', ip).set(auth);
      await request(ctx.app).get('/api/auth/nope').set('X-Forwarded-For', ip);
      await request(ctx.app).post('/api/auth/signout').set('X-Forwarded-For', ip);
      await request(ctx.app).options('/api/auth/signin').set('X-Forwarded-For', ip);
    }
    expect((await signin(ctx, ip)).status).toBe(401);
  });

  it('limits password changes; the sign-up of the account counts at the account too', async () => {
    const ip = nextIpv4();
    const { auth } = await signUp(setup.app);
    const change = () =>
      request(ctx.app)
        .post('/api/auth/password')
        .set('X-Forwarded-For', ip)
        .set(auth)
        .send({ current_password: 'not my password', new_password: 'another fine passphrase' });
    for (let i = 1; i < LIMIT; i++) expect((await change()).status).toBe(403);
    expect((await change()).status).toBe(429);
  });

  it('limits tries at one account spread over many clients, on every instance', async () => {
    const target = uniqueEmail('target');
    for (let i = 0; i < LIMIT; i++) {
      expect((await signin(i % 2 ? ctx : other, nextIpv4(), target)).status).toBe(401);
    }
    const res = await signin(ctx, nextIpv4(), `  ${target.toUpperCase()} `);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect((await signin(ctx, nextIpv4())).status).toBe(401);
  });

  it('counts no account for a blank email: clients sending one do not share a count', async () => {
    for (const blank of ['', '   ']) {
      for (let i = 0; i <= LIMIT; i++) {
        const res = await request(ctx.app)
          .post('/api/auth/signin')
          .set('X-Forwarded-For', nextIpv4())
          .send({ email: blank, password: 'wrong password here' });
        expect(res.status).toBe(401);
      }
    }
  });

  it('takes its own maximum from AUTH_ACCOUNT_RATE_LIMIT_MAX', async () => {
    const strict = await createTestApp(
      { AUTH_RATE_LIMIT_MAX: '100', AUTH_ACCOUNT_RATE_LIMIT_MAX: '1' },
      { db: ctx.db },
    );
    const target = uniqueEmail('strict');
    expect((await signin(strict, nextIpv4(), target)).status).toBe(401);
    expect((await signin(strict, nextIpv4(), target)).status).toBe(429);
  });

  it('signs up and signs in an account whose email is as long as sign-up allows', async () => {
    // 254 characters, the schema's maximum: its account key must still fit the counter table.
    const email = `${'a'.repeat(60)}@${`${'b'.repeat(62)}.`.repeat(3)}${'c'.repeat(4)}`;
    expect(email).toHaveLength(254);
    const ip = nextIpv4();
    const body = { email, password: 'a long enough passphrase', name: 'Long' };
    const up = await request(ctx.app).post('/api/auth/signup').set('X-Forwarded-For', ip).send(body);
    expect(up.status).toBe(201);
    const res = await request(ctx.app)
      .post('/api/auth/signin')
      .set('X-Forwarded-For', ip)
      .send({ email, password: body.password });
    expect(res.status).toBe(200);
  });

  it('counts an IPv6 client by its /64: addresses of one /64 share a count, another /64 has its own', async () => {
    const prefix = nextIpv6Prefix();
    for (let i = 1; i <= LIMIT; i++) expect((await signin(ctx, `${prefix}::${i.toString(16)}`)).status).toBe(401);
    expect((await signin(ctx, `${prefix}:ffff:ffff:ffff:ffff`)).status).toBe(429);
    // The neighbouring /64 inside the same /56 is another client.
    const neighbour = prefix.replace(/:1$/, ':2');
    expect((await signin(ctx, `${neighbour}::1`)).status).toBe(401);
  });
});
