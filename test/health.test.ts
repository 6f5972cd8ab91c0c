// Checklist: liveness never needs the database; readiness reports it and the shutdown state.
import request from 'supertest';
import { createTestApp, type TestApp } from './support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('health', () => {
  it('GET /api/health answers {"status":"ok"}', async () => {
    const res = await request(ctx.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /api/health/ready is 200 when the database answers', async () => {
    const res = await request(ctx.app).get('/api/health/ready');
    expect(res.status).toBe(200);
  });

  it('GET /api/health/ready is 503 while shutting down', async () => {
    ctx.lifecycle.shuttingDown = true;
    try {
      const res = await request(ctx.app).get('/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ detail: 'Shutting down', code: 'SHUTTING_DOWN' });
    } finally {
      ctx.lifecycle.shuttingDown = false;
    }
  });
});
