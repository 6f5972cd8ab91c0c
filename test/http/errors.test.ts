// Checklist: every error is JSON {"detail": ...} with the right status and never a stack trace.
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { problem } from '../../src/http/errors';
import { createErrorHandler } from '../../src/http/errorHandler';
import { createLogger } from '../../src/logger';
import { signUp } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp({ BODY_LIMIT: '1kb' });
});
afterAll(() => ctx.close());

describe('error responses', () => {
  it('answers an unknown route with 404 JSON', async () => {
    const res = await request(ctx.app).get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Not found', code: 'NOT_FOUND' });
  });

  it('answers malformed JSON with 400 JSON', async () => {
    const res = await request(ctx.app)
      .post('/api/auth/signin')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", "password": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: 'Malformed JSON body', code: 'MALFORMED_JSON' });
  });

  it('answers a body over the limit with 413 JSON', async () => {
    const res = await request(ctx.app)
      .post('/api/auth/signup')
      .send({ email: 'a@example.com', password: 'x'.repeat(2048), name: 'Big' });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ detail: 'Request body too large', code: 'BODY_TOO_LARGE' });
  });

  it('answers a JSON body that is not an object with 422', async () => {
    const res = await request(ctx.app).post('/api/auth/signin').set('Content-Type', 'application/json').send('[1,2]');
    expect(res.status).toBe(422);
  });

  it('answers 500 with a generic detail and logs the error, without leaking a stack', async () => {
    const logs: string[] = [];
    const app = express();
    app.get('/boom', () => {
      throw new Error('secret internals at /srv/app.js:12');
    });
    app.use(createErrorHandler(createLogger('error', { write: (line: string) => logs.push(line) })));
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal server error', code: 'INTERNAL_ERROR' });
    expect(res.text).not.toContain('secret internals');
    expect(logs.join('')).toContain('secret internals');
  });

  it('logs what failed underneath a 5xx of the catalogue, and sends only its detail', async () => {
    const logs: string[] = [];
    const app = express();
    app.get('/outage', () => {
      throw problem('SERVICE_UNAVAILABLE', { cause: new Error('connect ECONNREFUSED 10.0.0.5:5432') });
    });
    app.use(createErrorHandler(createLogger('warn', { write: (line: string) => logs.push(line) })));
    const res = await request(app).get('/outage');
    expect(res.status).toBe(503);
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(logs.join('')).toContain('connect ECONNREFUSED 10.0.0.5:5432');
  });

  it("answers a zod error a handler throws as 422 naming the body's field, as a schema at the route would", async () => {
    const app = express();
    app.post('/parse', express.json(), (req) => {
      z.strictObject({ title: z.string() }).parse(req.body);
    });
    app.use(createErrorHandler(createLogger('error', { write: () => undefined })));
    const res = await request(app).post('/parse').send({ title: 7 });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [expect.objectContaining({ loc: ['body', 'title'], type: 'invalid_type' })],
      code: 'VALIDATION_FAILED',
    });
  });

  it('answers 422 for an empty PATCH of a todo', async () => {
    const { auth } = await signUp(ctx.app);
    const created = await request(ctx.app).post('/api/users/me/todos').set(auth).send({ title: 'x' });
    const res = await request(ctx.app).patch(`/api/users/me/todos/${created.body.id}`).set(auth).send({});
    expect(res.status).toBe(422);
  });
});
