// Checklist: every error is JSON {"detail": ...} with the right status and never a stack trace.
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { notFound, problem, Problem, ValidationError } from '../../src/http/errors';
import { createErrorHandler } from '../../src/http/errorHandler';
import { createLogger } from '../../src/logger';
import { signUp } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp({ BODY_LIMIT: '1kb' });
});
afterAll(() => ctx.close());

/** An app whose one route fails with `err`, and the lines its error handler logs. */
function failingWith(err: unknown) {
  const logs: Record<string, unknown>[] = [];
  const app = express();
  app.get('/fail', () => {
    throw err;
  });
  app.use(createErrorHandler(createLogger('info', { write: (line: string) => logs.push(JSON.parse(line)) })));
  return { app, logs };
}

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
    const { app, logs } = failingWith(new Error('secret internals at /srv/app.js:12'));
    const res = await request(app).get('/fail');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal server error', code: 'INTERNAL_ERROR' });
    expect(res.text).not.toContain('secret internals');
    expect(JSON.stringify(logs)).toContain('secret internals');
  });

  it.each([
    ['a 415 from the body parser', { status: 415, type: 'charset.unsupported' }, 415, 'UNSUPPORTED_BODY'],
    ['an unreadable body', { status: 400, type: 'request.aborted' }, 400, 'UNREADABLE_BODY'],
    ['malformed JSON', { statusCode: 400, type: 'entity.parse.failed' }, 400, 'MALFORMED_JSON'],
    ['a 4xx without a type', { status: 400 }, 400, 'BAD_REQUEST'],
    ['a 4xx set only as statusCode', { statusCode: 413, type: 'entity.too.large' }, 413, 'BODY_TOO_LARGE'],
    ['a 5xx status', { status: 500, type: 'stream.encoding.set' }, 500, 'INTERNAL_ERROR'],
    ['a 3xx status', { status: 399, type: 'entity.parse.failed' }, 500, 'INTERNAL_ERROR'],
    ['a status that is not a number', { status: '400', type: 'entity.parse.failed' }, 500, 'INTERNAL_ERROR'],
  ])('answers %s by the catalogue', async (_label, fields, status, code) => {
    const res = await request(failingWith(Object.assign(new Error('below the routes'), fields)).app).get('/fail');
    expect([res.status, res.body.code]).toEqual([status, code]);
  });

  it('logs a 5xx problem at warn with its detail, and a 4xx not at all', async () => {
    const outage = failingWith(problem('INTERNAL_ERROR'));
    expect((await request(outage.app).get('/fail')).status).toBe(500);
    expect(outage.logs).toEqual([expect.objectContaining({ level: 'warn', msg: 'Internal server error' })]);
    const refused = failingWith(problem('NOT_OWNER'));
    expect((await request(refused.app).get('/fail')).status).toBe(403);
    const invalid = failingWith(new ValidationError([{ loc: ['body', 'title'], msg: 'Required', type: 'missing' }]));
    expect((await request(invalid.app).get('/fail')).status).toBe(422);
    expect([...refused.logs, ...invalid.logs]).toEqual([]);
  });

  it('logs a database outage with the error it came from', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const outage = failingWith(refused);
    expect((await request(outage.app).get('/fail')).status).toBe(503);
    expect(outage.logs).toEqual([
      expect.objectContaining({ level: 'warn', err: expect.objectContaining({ message: refused.message }) }),
    ]);
  });

  it('logs what failed underneath a 5xx of the catalogue, and sends only its detail', async () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const { app, logs } = failingWith(problem('SERVICE_UNAVAILABLE', { cause }));
    const res = await request(app).get('/fail');
    expect(res.status).toBe(503);
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(JSON.stringify(logs)).toContain('connect ECONNREFUSED 10.0.0.5:5432');
  });

  it("answers a zod error a handler throws as 422 naming the body's field, as a schema at the route would", async () => {
    const parsed = z.strictObject({ title: z.string() }).safeParse({ title: 7 });
    const res = await request(failingWith(parsed.error).app).get('/fail');
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

describe('problems', () => {
  it('name themselves for the log, and keep their cause only when given one', () => {
    expect(problem('NOT_OWNER').name).toBe('Problem');
    expect(new ValidationError([]).name).toBe('ValidationError');
    expect('cause' in problem('NOT_OWNER')).toBe(false);
    const cause = new Error('underneath');
    expect(problem('SERVICE_UNAVAILABLE', { cause }).cause).toBe(cause);
  });

  it('say what was not found', () => {
    const missing = notFound('Todo not found');
    expect(missing).toBeInstanceOf(Problem);
    expect([missing.status, missing.detail]).toEqual([404, 'Todo not found']);
  });
});
