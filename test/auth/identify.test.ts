// Checklist: routes anyone may call (public-read resources) still authenticate whoever brings credentials: a bad
// token is a 401, never read as anonymous, and an answer that depends on the caller is never cached.
import express, { type Express, type Request } from 'express';
import request from 'supertest';
import { createIdentityResolver } from '../../src/auth/externalIdentities';
import { createAuthenticate, createIdentify, currentUser } from '../../src/auth/requireAuth';
import { createSessionCookie } from '../../src/auth/sessionCookie';
import { createSessionStore } from '../../src/auth/sessions';
import { createErrorHandler } from '../../src/http/errorHandler';
import { createLogger } from '../../src/logger';
import { defineUserModel } from '../../src/users/model';
import { signUp, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let app: Express;
let alice: SignedUpUser;
const cookie = createSessionCookie(false);

beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
  // What app.ts hands a public-read resource's router, in front of a route that says who it sees.
  const users = defineUserModel(ctx.db.sequelize);
  const authenticate = createAuthenticate({
    tokens: ctx.tokens,
    sessions: createSessionStore(users),
    resolveExternal: createIdentityResolver(users),
    sessionCookie: cookie,
    trustedOrigins: [],
  });
  app = express();
  app.get('/public', createIdentify(authenticate, cookie), (req, res) => {
    res.json({ caller: req.user?.id ?? null });
  });
  app.use(createErrorHandler(createLogger('silent', { write: () => undefined })));
});
afterAll(() => ctx.close());

describe('identify (public routes whose answer depends on the caller)', () => {
  it('serves a request without credentials anonymously, and lets caches keep it', async () => {
    const res = await request(app).get('/public').set('Cookie', 'theme=dark');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ caller: null });
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('authenticates a bearer token, and marks the answer no-store', async () => {
    const res = await request(app).get('/public').set(alice.auth);
    expect(res.body).toEqual({ caller: alice.user.id });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
  });

  it('authenticates the session cookie', async () => {
    const res = await request(app).get('/public').set('Cookie', `theme=dark; ${cookie.name}=${alice.token}`);
    expect(res.body).toEqual({ caller: alice.user.id });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['a bad bearer token', () => ({ Authorization: 'Bearer not-a-token' })],
    ['an empty Authorization header', () => ({ Authorization: '' })],
    ['an Authorization header of another scheme', () => ({ Authorization: `Basic ${alice.token}` })],
    ['a bad session cookie', () => ({ Cookie: `${cookie.name}=not-a-token` })],
    ['an empty session cookie', () => ({ Cookie: `${cookie.name}=` })],
  ])('answers %s with 401, never as anonymous, and no-store', async (_label, headers) => {
    const res = await request(app).get('/public').set(headers());
    expect(res.status).toBe(401);
    expect(res.body.caller).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('currentUser', () => {
  it('fails loudly (a bug, so a 500) when a route reads the caller without requireAuth in front of it', () => {
    expect(() => currentUser({} as Request)).toThrow(new Error('currentUser used on a route without requireAuth'));
  });
});
