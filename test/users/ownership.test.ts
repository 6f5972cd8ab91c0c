// Checklist: a user only reaches their own resources; admin routes need the admin role as stored in the database.
import type { Request } from 'express';
import request from 'supertest';
import { ownerIdOf } from '../../src/auth/requireOwner';
import { promoteToAdmin } from '../../src/users/promote';
import { forgeToken, signUp, signUpAdmin, type SignedUpUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let alice: SignedUpUser;
let bob: SignedUpUser;
beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
  bob = await signUp(ctx.app);
});
afterAll(() => ctx.close());

describe('GET /api/users/:userId/profile', () => {
  it('returns the caller’s own profile by id', async () => {
    const res = await request(ctx.app).get(`/api/users/${alice.user.id}/profile`).set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(alice.user);
  });

  it('accepts "me" as the caller’s id', async () => {
    const res = await request(ctx.app).get('/api/users/me/profile').set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(alice.user.id);
  });

  it('refuses another user’s profile with 403', async () => {
    const res = await request(ctx.app).get(`/api/users/${bob.user.id}/profile`).set(alice.auth);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'You can only access your own resources', code: 'NOT_OWNER' });
  });

  it('answers 401 before anything else without a token', async () => {
    const res = await request(ctx.app).get(`/api/users/${bob.user.id}/profile`);
    expect(res.status).toBe(401);
  });

  it.each(['abc', '0', '-1', '1.5', "1' OR '1'='1", '99999999999'])(
    'answers 422 for a malformed user id %s',
    async (id) => {
      const res = await request(ctx.app)
        .get(`/api/users/${encodeURIComponent(id)}/profile`)
        .set(alice.auth);
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        detail: [{ loc: ['path', 'userId'], msg: 'Must be a positive integer or "me"', type: 'invalid_format' }],
        code: 'VALIDATION_FAILED',
      });
    },
  );
});

describe('GET /api/admin/users', () => {
  it('refuses a non-admin with 403 {"detail":"Admin access required"}', async () => {
    const res = await request(ctx.app).get('/api/admin/users').set(alice.auth);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Admin access required', code: 'ADMIN_REQUIRED' });
  });

  it('lists users for an admin, without password hashes', async () => {
    const admin = await signUpAdmin(ctx);
    const res = await request(ctx.app).get('/api/admin/users?limit=100').set(admin.auth);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/\$2b\$\d\d\$/);
    for (const user of res.body) {
      expect(Object.keys(user).sort()).toEqual(['created_at', 'email', 'email_verified', 'id', 'name', 'role']);
    }
  });

  it('does not trust a role claim in the token: the database says who is admin', async () => {
    const forged = await forgeToken(alice, { claims: { role: 'admin' } });
    const res = await request(ctx.app).get('/api/admin/users').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(403);
  });

  it('honours a promotion at once, even with a token issued before it', async () => {
    const carol = await signUp(ctx.app);
    expect((await request(ctx.app).get('/api/admin/users').set(carol.auth)).status).toBe(403);
    expect(await promoteToAdmin(ctx.db.sequelize, carol.user.email.toUpperCase())).toBe(true);
    expect((await request(ctx.app).get('/api/admin/users').set(carol.auth)).status).toBe(200);
  });

  it('paginates with a Link header that walks every user exactly once', async () => {
    const admin = await signUpAdmin(ctx);
    const seen: number[] = [];
    let next: string | undefined = '/api/admin/users?limit=2';
    while (next) {
      const res: request.Response = await request(ctx.app).get(next).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.map((user: { id: number }) => user.id));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1];
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([alice.user.id, bob.user.id, admin.user.id]));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it.each(['0', '101', 'abc'])('answers 422 for limit=%s', async (limit) => {
    const admin = await signUpAdmin(ctx);
    const res = await request(ctx.app).get(`/api/admin/users?limit=${limit}`).set(admin.auth);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', 'limit']);
  });

  it('answers 422 for a forged cursor', async () => {
    const admin = await signUpAdmin(ctx);
    const res = await request(ctx.app).get('/api/admin/users?cursor=not-a-cursor').set(admin.auth);
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['query', 'cursor'], msg: 'Invalid cursor' });
  });
});

describe('ownerIdOf', () => {
  it('fails loudly (a bug, so a 500) when a route reads the owner without requireOwner in front of it', () => {
    expect(() => ownerIdOf({} as Request)).toThrow(new Error('ownerIdOf used on a route without requireOwner'));
    expect(ownerIdOf({ ownerId: 7 } as Request)).toBe(7);
  });
});
