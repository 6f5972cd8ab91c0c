// Checklist: security headers, no framework fingerprint, CORS only for configured origins, HTTPS in production.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { recordHeaders } from '../../src/http/security';
import { createTestApp, type TestApp } from '../support/testApp';

const ALLOWED = 'https://app.example.com';
let ctx: TestApp;
let production: TestApp;
let plainHttpProduction: TestApp;
beforeAll(async () => {
  ctx = await createTestApp({ CORS_ORIGINS: `${ALLOWED}, https://admin.example.com` });
  production = await createTestApp({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' }, { db: ctx.db });
  plainHttpProduction = await createTestApp(
    { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9', HTTPS_ONLY: 'false', CORS_ORIGINS: ALLOWED },
    { db: ctx.db },
  );
});
afterAll(() => ctx.close());

describe('security headers', () => {
  it('sends helmet headers and JSON with nosniff, and no X-Powered-By', async () => {
    const res = await request(ctx.app).get('/api/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    // The strictest policy, and nothing of helmet's defaults: a JSON API loads nothing.
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('echoes a safe request id, or makes one', async () => {
    const given = await request(ctx.app).get('/api/health').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const injected = await request(ctx.app).get('/api/health').set('X-Request-Id', 'x'.repeat(65));
    expect(injected.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends HSTS in production only', async () => {
    expect((await request(ctx.app).get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    const res = await request(production.app).get('/api/health').set('X-Forwarded-Proto', 'https');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('recording the headers once, at start-up', () => {
  it('keeps what the middleware sets, in order', () => {
    const middleware: RequestHandler = (_req, res, next) => {
      res.setHeader('X-One', '1');
      res.setHeader('X-Two', '2');
      next();
    };
    expect(recordHeaders(middleware)).toEqual([
      ['X-One', '1'],
      ['X-Two', '2'],
    ]);
  });

  it('refuses to start with a middleware that fails, keeping its error', () => {
    const refused = new RangeError('bad option');
    expect(() => recordHeaders((_req, _res, next) => next(refused))).toThrow(refused);
    expect(() => recordHeaders((_req, _res, next) => next('no'))).toThrow(new TypeError('helmet refused its options'));
  });

  it('refuses to start with a middleware that would decide per request', () => {
    const later: RequestHandler = (_req, _res, next) => void setImmediate(next);
    expect(() => recordHeaders(later)).toThrow(new TypeError('security headers must be decided without the request'));
  });
});

describe('HTTPS in production', () => {
  it('redirects plain-HTTP requests forwarded by the load balancer', async () => {
    const res = await request(production.app)
      .get('/api/health?x=1')
      .set('X-Forwarded-Proto', 'http')
      .set('Host', 'api.example.com');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://api.example.com/api/health?x=1');
  });

  it('redirects to the request’s own host, never to a client-sent X-Forwarded-Host', async () => {
    const res = await request(production.app)
      .get('/api/health')
      .set('X-Forwarded-Proto', 'http')
      .set('X-Forwarded-Host', 'evil.example.com')
      .set('Host', 'api.example.com');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://api.example.com/api/health');
  });

  it('refuses to redirect a request without Host (HTTP/1.0): `https://` + `//evil.example/` would leave the site', async () => {
    const server = createServer(production.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    socket.end('GET //evil.example/x HTTP/1.0\r\nX-Forwarded-Proto: http\r\n\r\n');
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    server.close();
    const answer = Buffer.concat(chunks).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toMatch(/^location:/im);
    expect(answer).toContain('{"detail":"Bad Request","code":"BAD_REQUEST"}');
  });

  it('redirects a plain-HTTP POST with 308 so the method and body are kept, and a HEAD like a GET with 301', async () => {
    const res = await request(production.app).post('/api/auth/signin').set('X-Forwarded-Proto', 'http').send({});
    expect(res.status).toBe(308);
    const head = await request(production.app).head('/api/health').set('X-Forwarded-Proto', 'http');
    expect(head.status).toBe(301);
  });

  it('serves requests without X-Forwarded-Proto (load-balancer health checks)', async () => {
    expect((await request(production.app).get('/api/health')).status).toBe(200);
  });

  it('does not redirect outside production', async () => {
    expect((await request(ctx.app).get('/api/health').set('X-Forwarded-Proto', 'http')).status).toBe(200);
  });

  it('with HTTPS_ONLY=false (a stack without a certificate) serves plain HTTP: no redirect, no HSTS', async () => {
    const res = await request(plainHttpProduction.app).get('/api/health').set('X-Forwarded-Proto', 'http');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('with HTTPS_ONLY=false sets a session cookie browsers keep over HTTP (no Secure, no __Host- prefix)', async () => {
    const res = await request(plainHttpProduction.app)
      .post('/api/auth/signup?session=cookie')
      .set('X-Forwarded-Proto', 'http')
      .set('Origin', ALLOWED)
      .send({ email: 'plain-http@example.com', password: 'correct horse battery', name: 'Plain' });
    expect(res.status).toBe(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^rampart_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });
});

describe('CORS', () => {
  it('allows a configured origin, with credentials', async () => {
    const res = await request(ctx.app)
      .options('/api/auth/signin')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']).toMatch(/authorization/i);
  });

  it('tells a configured origin exactly which methods and headers it may use, for ten minutes, and what it may read', async () => {
    const preflight = await request(ctx.app)
      .options('/api/users/1/todos')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'PATCH');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,POST,PATCH,DELETE');
    expect(preflight.headers['access-control-allow-headers']).toBe('Authorization,Content-Type');
    expect(preflight.headers['access-control-max-age']).toBe('600');
    const res = await request(ctx.app).get('/api/health').set('Origin', ALLOWED);
    expect(res.headers['access-control-expose-headers']).toBe('Link,Retry-After,RateLimit,RateLimit-Policy');
  });

  it('sends no CORS headers to any other origin', async () => {
    const res = await request(ctx.app).get('/api/health').set('Origin', 'https://evil.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows no origin at all when CORS_ORIGINS is empty', async () => {
    const res = await request(production.app).get('/api/health').set('Origin', ALLOWED);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
