// Checklist: logs are structured JSON lines with request ids, and credentials never appear in them.
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { requestLog } from '../src/http/requestLog';
import { createLogger } from '../src/logger';
import { defineUserModel } from '../src/users/model';
import { failStatements } from './support/databaseFaults';
import { signUp } from './support/factories';
import { createTestApp, type TestApp } from './support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** The log lines of the request with this X-Request-Id. */
const linesOf = (id: string) => ctx.logs.filter((entry) => (entry.req as { id?: string } | undefined)?.id === id);

describe('logging', () => {
  it('writes one JSON line per request with its id, without the Authorization header or cookies', async () => {
    const { token, auth } = await signUp(ctx.app);
    await request(ctx.app)
      .get('/api/auth/me')
      .set(auth)
      .set('Cookie', 'session=cookie-value-secret')
      .set('X-Request-Id', 'log-test-1');
    expect(linesOf('log-test-1')[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      res: { statusCode: 200 },
    });
    const everything = ctx.rawLogs.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('cookie-value-secret');
  });

  it('logs a request answered with a 5xx at level error, still as a completed request', async () => {
    const outage = failStatements(ctx.db.sequelize, (sql) => sql.startsWith('SELECT'));
    try {
      const res = await request(ctx.app)
        .post('/api/auth/signin')
        .set('X-Request-Id', 'log-test-503')
        .send({ email: 'nobody-log@example.com', password: 'not the password' });
      expect(res.status).toBe(503);
    } finally {
      outage.mockRestore();
    }
    expect(linesOf('log-test-503').find((entry) => entry.res !== undefined)).toMatchObject({
      level: 'error',
      msg: 'request completed',
      res: { statusCode: 503 },
    });
  });

  it('logs at level error exactly the answers from 500 up', async () => {
    const lines: { level: string; res?: { statusCode: number }; responseTime: number }[] = [];
    const app = express();
    app.use(requestLog(createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) })));
    app.get('/:status', (req, res) => {
      res.status(Number(req.params.status)).end();
    });
    const started = performance.now();
    for (const status of [499, 500]) await request(app).get(`/${status}`);
    await new Promise((resolve) => setImmediate(resolve));
    const elapsed = performance.now() - started;
    expect(lines.map((line) => [line.res?.statusCode, line.level])).toEqual([
      [499, 'info'],
      [500, 'error'],
    ]);
    // Each line says how long its request took, in whole milliseconds: no longer than the test's two requests.
    for (const { responseTime } of lines) {
      expect(responseTime).toBeGreaterThanOrEqual(0);
      expect(responseTime).toBeLessThanOrEqual(Math.ceil(elapsed));
    }
  });

  it('logs a request the client gave up on before its answer as aborted, at level error', async () => {
    const server = ctx.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      // Half a body: the app is still reading it when the client hangs up.
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/auth/signin',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '1000', 'X-Request-Id': 'log-test-aborted' },
      });
      req.on('error', () => {});
      const received = once(server, 'request');
      req.write('{"email":');
      await received;
      req.destroy();
      while (linesOf('log-test-aborted').length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      server.close();
    }
    expect(linesOf('log-test-aborted')).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'request aborted',
        req: expect.objectContaining({ method: 'POST' }),
      }),
    ]);
  });

  it('does not log liveness probes', async () => {
    await request(ctx.app).get('/api/health?probe=elb').set('X-Request-Id', 'log-test-health').expect(200);
    expect(linesOf('log-test-health')).toEqual([]);
  });

  it('never logs a signup password', async () => {
    const password = 'unique-signup-password-for-log-test';
    await signUp(ctx.app, { password });
    expect(ctx.rawLogs.join('\n')).not.toContain(password);
  });

  it('redacts credentials even when a caller logs them by mistake', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info({ body: { password: 'hunter2-hunter2' }, req: { headers: { authorization: 'Bearer abc.def.ghi' } } });
    expect(lines.join('')).not.toMatch(/hunter2|abc\.def\.ghi/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it("logs a database error with what failed (SQLSTATE, table, constraint) but none of its statement's values", async () => {
    const users = defineUserModel(ctx.db.sequelize);
    const email = `log-values-${Date.now()}@example.com`;
    const values = { email, name: 'Logged', password_hash: '$2b$12$secret-hash-never-logged' };
    await users.create(values);
    const err = await users.create(values).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(err).toBeInstanceOf(Error);
    // The raw error does hold them: Sequelize inlines the values in `sql`, PostgreSQL quotes the key in `detail`.
    expect(JSON.stringify(err)).toContain('secret-hash-never-logged');

    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.error({ err }, 'unhandled error');
    const line = lines.join('');
    expect(line).not.toContain('secret-hash-never-logged');
    expect(line).not.toContain(email);
    expect(JSON.parse(line)).toMatchObject({
      err: {
        type: 'UniqueConstraintError',
        original: { code: '23505', table: 'users', constraint: 'users_email_key' },
      },
    });
  });
});
