// Issue 10 item 5: an external issuer's outage is a 503 with Retry-After and a backoff, never a 401; only a
// verified bad signature or bad claims are a 401.
import { generateKeyPair } from 'jose';
import request from 'supertest';
import { MAX_JWKS_BYTES } from '../../src/auth/issuerKeys';
import { startLocalIssuer, type LocalIssuer } from '../support/localIssuer';
import { createTestApp, type TestApp } from '../support/testApp';

let issuer: LocalIssuer;
let ctx: TestApp | undefined;
let counter = 0;

beforeAll(async () => {
  issuer = await startLocalIssuer();
});
afterAll(() => issuer.close());
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
  issuer.mode = 'up';
  issuer.paddedBytes = 1_000_000;
});

/** A fresh app, so no key set is cached yet. */
async function freshApp(): Promise<TestApp> {
  ctx = await createTestApp(issuer.env, { jwksCooldownMs: 0 });
  return ctx;
}

const claims = () => ({
  sub: `outage-${process.pid}-${++counter}`,
  email: `outage-${process.pid}-${counter}@example.com`,
});

/** Why the app's last key-set fetch failed, as its 503 warning logged it. */
const fetchFailure = (app: TestApp) => app.logs.find((line) => line.msg === 'Token issuer unavailable')?.err;

const me = (app: TestApp, token: string) =>
  request(app.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);

describe('external issuer outage', () => {
  it.each([
    ['drops the connection', 'drop'],
    ['answers 502', 'error'],
    ['answers JSON that is not a key set', 'invalid-jwks'],
    ['serves a key that cannot be imported', 'malformed-key'],
    ['answers 1 MB (with a Content-Length)', 'oversized'],
    ['answers 1 MB (chunked, with no length)', 'oversized-chunked'],
    ['redirects to the key set (only the configured URL is trusted)', 'redirect'],
    ['never answers (after the 3 s fetch timeout)', 'hang'],
  ] as const)('answers 503 with Retry-After, not 401, when the JWKS endpoint %s', async (_label, mode) => {
    const app = await freshApp();
    issuer.mode = mode;
    const res = await me(app, await issuer.sign(claims()));
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: 'Token issuer unavailable', code: 'ISSUER_UNAVAILABLE' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['with a Content-Length', 'oversized'],
    ['chunked', 'oversized-chunked'],
  ] as const)('accepts a key set of exactly 64 kB (%s), and refuses one byte more', async (_label, mode) => {
    issuer.mode = mode;
    issuer.paddedBytes = MAX_JWKS_BYTES;
    expect((await me(await freshApp(), await issuer.sign(claims()))).status).toBe(200);
    await ctx?.close();
    issuer.paddedBytes = MAX_JWKS_BYTES + 1;
    const refused = await freshApp();
    expect((await me(refused, await issuer.sign(claims()))).status).toBe(503);
    expect(fetchFailure(refused)).toMatchObject({ message: 'JWKS larger than 65536 bytes' });
  });

  it('refuses a key set that declares more than 64 kB by its Content-Length, without reading or waiting for it', async () => {
    const app = await freshApp();
    issuer.mode = 'oversized-declared';
    const res = await me(app, await issuer.sign(claims()));
    expect(res.status).toBe(503);
    // Read on, the body would never end: the fetch would fail only at its timeout, with that as its cause.
    expect(fetchFailure(app)).toMatchObject({ message: 'JWKS larger than 65536 bytes' });
  });

  it('backs off after a failed fetch instead of refetching for every unknown kid, then recovers', async () => {
    const app = await freshApp();
    issuer.mode = 'error';
    const before = issuer.fetches;
    expect((await me(app, await issuer.sign(claims()))).status).toBe(503);
    for (const kid of ['rotated-1', 'rotated-2', 'rotated-3', 'rotated-4']) {
      expect((await me(app, await issuer.sign(claims(), { kid }))).status).toBe(503);
    }
    expect(issuer.fetches - before).toBe(1);

    issuer.mode = 'up';
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await me(app, await issuer.sign(claims()))).status).toBe(200);
    expect(issuer.fetches - before).toBe(2);
  });

  it('says in Retry-After how much of its backoff is left, and logs why the fetch failed', async () => {
    ctx = await createTestApp(issuer.env, { jwksCooldownMs: 0, jwksBackoffMs: 8_000 });
    issuer.mode = 'error';
    const first = await me(ctx, await issuer.sign(claims()));
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('8');
    expect(fetchFailure(ctx)).toMatchObject({ message: 'JWKS answered HTTP 502' });
    const during = await me(ctx, await issuer.sign(claims()));
    expect(during.status).toBe(503);
    expect(['7', '8']).toContain(during.headers['retry-after']);
  });

  it('doubles its backoff with each failed fetch in a row', async () => {
    const app = await freshApp();
    issuer.mode = 'error';
    const waits: string[] = [];
    for (let failure = 0; failure < 3; failure += 1) {
      const res = await me(app, await issuer.sign(claims()));
      expect(res.status).toBe(503);
      waits.push(res.headers['retry-after'] as string);
      await new Promise((resolve) => setTimeout(resolve, Number(res.headers['retry-after']) * 1000 + 100));
    }
    expect(waits).toEqual(['1', '2', '4']);
  });

  it('still answers 401 for a signature the issuer key does not verify, and for an unknown kid', async () => {
    const app = await freshApp();
    const { privateKey: attackerKey } = await generateKeyPair('EdDSA');
    const forged = await me(app, await issuer.sign(claims(), { key: attackerKey }));
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('INVALID_TOKEN');
    const unknownKid = await me(app, await issuer.sign(claims(), { kid: 'never-published' }));
    expect(unknownKid.status).toBe(401);
  });

  it('asks for JSON', async () => {
    const app = await freshApp();
    expect((await me(app, await issuer.sign(claims()))).status).toBe(200);
    expect(issuer.lastAccept).toBe('application/json');
  });

  it('keeps serving known keys from the cache while the issuer is down', async () => {
    const app = await freshApp();
    expect((await me(app, await issuer.sign(claims()))).status).toBe(200);
    issuer.mode = 'drop';
    expect((await me(app, await issuer.sign(claims()))).status).toBe(200);
  });
});
