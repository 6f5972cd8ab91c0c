// Checklist: every /api/auth route is rate limited per client IP, with counters shared by every app instance.
import request from 'supertest';
import { failStatements } from '../support/databaseFaults';
import { uniqueEmail } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

const LIMIT = 3;
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  // Two app instances with their own connection pools, as two containers behind a load balancer.
  const env = { AUTH_RATE_LIMIT_MAX: String(LIMIT), AUTH_RATE_LIMIT_WINDOW_MS: '60000' };
  first = await createTestApp(env);
  second = await createTestApp(env);
});
afterAll(async () => {
  await first.close();
  await second.close();
});

let ipCounter = 0;
/** Each test acts from its own client address (the app trusts one proxy hop for X-Forwarded-For). */
const nextClientIp = () => `203.0.113.${++ipCounter}`;

const signin = (ctx: TestApp, ip: string) =>
  request(ctx.app)
    .post('/api/auth/signin')
    .set('X-Forwarded-For', ip)
    .send({ email: uniqueEmail(), password: 'wrong password here' });

describe('auth rate limit', () => {
  it('answers 429 with Retry-After and a JSON detail once the limit is reached', async () => {
    const ip = nextClientIp();
    for (let i = 0; i < LIMIT; i++) expect((await signin(first, ip)).status).toBe(401);
    const res = await signin(first, ip);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ detail: 'Too many requests, try again later', code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The IETF draft-7 fields only, never the legacy X-RateLimit-* ones.
    expect(res.headers['ratelimit-policy']).toBe(`${LIMIT};w=60`);
    expect(res.headers.ratelimit).toMatch(new RegExp(`^limit=${LIMIT}, remaining=0, reset=\\d+$`));
    expect(Object.keys(res.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
  });

  it('fails closed: when the counters cannot be read, the request is refused (503), never let through unlimited', async () => {
    const outage = failStatements(first.db.sequelize, (sql) => sql.includes('rate_limit_hits'));
    try {
      const res = await signin(first, nextClientIp());
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      outage.mockRestore();
    }
  });

  it('holds across app instances: the counters live in PostgreSQL, not in process memory', async () => {
    const ip = nextClientIp();
    expect((await signin(first, ip)).status).toBe(401);
    expect((await signin(second, ip)).status).toBe(401);
    expect((await signin(first, ip)).status).toBe(401);
    expect((await signin(second, ip)).status).toBe(429);
  });

  it('counts each client address separately', async () => {
    const noisy = nextClientIp();
    for (let i = 0; i <= LIMIT; i++) await signin(first, noisy);
    expect((await signin(first, noisy)).status).toBe(429);
    expect((await signin(first, nextClientIp())).status).toBe(401);
  });

  it('also limits signup', async () => {
    const ip = nextClientIp();
    const signup = () => request(first.app).post('/api/auth/signup').set('X-Forwarded-For', ip).send({ email: 'bad' });
    for (let i = 0; i < LIMIT; i++) expect((await signup()).status).toBe(422);
    expect((await signup()).status).toBe(429);
  });

  it('does not limit the rest of the API', async () => {
    const ip = nextClientIp();
    for (let i = 0; i <= LIMIT + 1; i++) {
      expect((await request(first.app).get('/api/health').set('X-Forwarded-For', ip)).status).toBe(200);
    }
  });
});
