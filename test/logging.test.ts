// Checklist: logs are structured JSON lines with request ids, and credentials never appear in them.
import request from 'supertest';
import { createLogger } from '../src/logger';
import { signUp } from './support/factories';
import { createTestApp, type TestApp } from './support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('logging', () => {
  it('writes one JSON line per request with its id, without the Authorization header or cookies', async () => {
    const { token, auth } = await signUp(ctx.app);
    await request(ctx.app)
      .get('/api/auth/me')
      .set(auth)
      .set('Cookie', 'session=cookie-value-secret')
      .set('X-Request-Id', 'log-test-1');
    const line = ctx.logs.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'log-test-1');
    expect(line).toMatchObject({ level: 'info', msg: 'request completed', res: { statusCode: 200 } });
    const everything = ctx.rawLogs.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('cookie-value-secret');
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
});
