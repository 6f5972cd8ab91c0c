// Checklist: server-side sessions — list and end them, sign-out kills the token, revocation is atomic under races.
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { createSessionStore, findActiveStatement } from '../../src/auth/sessions';
import { defineUserModel } from '../../src/users/model';
import { bearer, forgeToken, sessionIdOf, signUp } from '../support/factories';
import { holdStatement } from '../support/databaseFaults';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const me = (token: string) => request(ctx.app).get('/api/auth/me').set(bearer(token));
const signin = (email: string, password: string, userAgent = 'test-agent') =>
  request(ctx.app).post('/api/auth/signin').set('User-Agent', userAgent).send({ email, password });
const listSessions = (token: string) => request(ctx.app).get('/api/auth/sessions').set(bearer(token));

describe('GET /api/auth/sessions', () => {
  it("lists the caller's live sessions, marking the current one", async () => {
    const alice = await signUp(ctx.app);
    const phone = (await signin(alice.user.email, alice.password, 'Phone/1.0')).body.token as string;
    await signUp(ctx.app);
    const res = await listSessions(phone);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const current = res.body.find((session: { current: boolean }) => session.current);
    expect(current).toMatchObject({ id: sessionIdOf(phone), user_agent: 'Phone/1.0', ip: expect.any(String) });
    expect(Object.keys(current).sort()).toEqual(
      ['created_at', 'current', 'expires_at', 'id', 'ip', 'last_seen_at', 'user_agent'].sort(),
    );
    expect(res.body.map((session: { id: string }) => session.id).sort()).toEqual(
      [sessionIdOf(alice.token), sessionIdOf(phone)].sort(),
    );
  });

  it('keeps the first 512 characters of a User-Agent and 64 of a forwarded address, and signs in anyway', async () => {
    const alice = await signUp(ctx.app);
    const res = await request(ctx.app)
      .post('/api/auth/signin')
      .set('User-Agent', `Agent/${'a'.repeat(600)}`)
      .set('X-Forwarded-For', `2001:db8::${'f'.repeat(100)}`)
      .send({ email: alice.user.email, password: alice.password });
    expect(res.status).toBe(200);
    const sessions = (await listSessions(res.body.token)).body as {
      current: boolean;
      user_agent: string;
      ip: string;
    }[];
    const current = sessions.find((session) => session.current);
    expect(current?.user_agent).toBe(`Agent/${'a'.repeat(506)}`);
    expect(current?.ip).toBe(`2001:db8::${'f'.repeat(54)}`);
  });

  it('lists them newest first, and marks only the current one', async () => {
    const alice = await signUp(ctx.app);
    const phone = (await signin(alice.user.email, alice.password)).body.token as string;
    const laptop = (await signin(alice.user.email, alice.password)).body.token as string;
    // Rewritten in this order, the rows come back in it unless the list is sorted: alice's, phone, laptop.
    for (const [token, age] of [
      [alice.token, '1 minute'],
      [phone, '3 minutes'],
      [laptop, '2 minutes'],
    ] as const) {
      await ctx.db.sequelize.query('UPDATE sessions SET created_at = now() - CAST(:age AS interval) WHERE id = :sid', {
        replacements: { age, sid: sessionIdOf(token) },
      });
    }
    const listed = (await listSessions(alice.token)).body as { id: string; current: boolean }[];
    expect(listed.map((session) => [session.id, session.current])).toEqual([
      [sessionIdOf(alice.token), true],
      [sessionIdOf(laptop), false],
      [sessionIdOf(phone), false],
    ]);
  });

  it('requires authentication', async () => {
    expect((await request(ctx.app).get('/api/auth/sessions')).status).toBe(401);
  });
});

describe('DELETE /api/auth/sessions/:id', () => {
  it('ends that session: its token stops working at once, the others keep working', async () => {
    const alice = await signUp(ctx.app);
    const phone = (await signin(alice.user.email, alice.password)).body.token as string;
    const res = await request(ctx.app)
      .delete(`/api/auth/sessions/${sessionIdOf(phone)}`)
      .set(alice.auth);
    expect(res.status).toBe(204);
    expect((await me(phone)).status).toBe(401);
    expect((await me(alice.token)).status).toBe(200);
    expect((await listSessions(alice.token)).body).toHaveLength(1);
  });

  it("answers 404 for another user's session and leaves it alone", async () => {
    const alice = await signUp(ctx.app);
    const bob = await signUp(ctx.app);
    const res = await request(ctx.app)
      .delete(`/api/auth/sessions/${sessionIdOf(bob.token)}`)
      .set(alice.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Session not found', code: 'NOT_FOUND' });
    expect((await me(bob.token)).status).toBe(200);
  });

  it('answers 404 for an unknown or already ended session, 422 for a malformed id', async () => {
    const alice = await signUp(ctx.app);
    expect((await request(ctx.app).delete(`/api/auth/sessions/${randomUUID()}`).set(alice.auth)).status).toBe(404);
    expect((await request(ctx.app).delete('/api/auth/sessions/not-a-uuid').set(alice.auth)).status).toBe(422);
  });
});

describe('POST /api/auth/signout', () => {
  it('ends a bearer session server-side: the token stops working', async () => {
    const alice = await signUp(ctx.app);
    const res = await request(ctx.app).post('/api/auth/signout').set(alice.auth);
    expect(res.status).toBe(204);
    expect((await me(alice.token)).status).toBe(401);
  });

  it('ends a cookie session server-side: a copy of the cookie stops working', async () => {
    const origin = 'http://app.example.test';
    const app = await createTestApp({ CORS_ORIGINS: origin }, { db: ctx.db });
    try {
      const alice = await signUp(app.app);
      const signedIn = await request(app.app)
        .post('/api/auth/signin?session=cookie')
        .set('Origin', origin)
        .send({ email: alice.user.email, password: alice.password });
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0] as string;
      expect((await request(app.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
      const out = await request(app.app).post('/api/auth/signout').set('Cookie', cookie).set('Origin', origin);
      expect(out.status).toBe(204);
      expect((await request(app.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('still clears the cookie with 204 when the token is already dead', async () => {
    const alice = await signUp(ctx.app);
    await request(ctx.app).post('/api/auth/signout').set(alice.auth);
    expect((await request(ctx.app).post('/api/auth/signout').set(alice.auth)).status).toBe(204);
  });
});

describe('POST /api/auth/signout-all', () => {
  it('ends every session of the caller and only theirs', async () => {
    const alice = await signUp(ctx.app);
    const bob = await signUp(ctx.app);
    const phone = (await signin(alice.user.email, alice.password)).body.token as string;
    expect((await request(ctx.app).post('/api/auth/signout-all').set(alice.auth)).status).toBe(204);
    for (const token of [alice.token, phone]) expect((await me(token)).status).toBe(401);
    expect((await me(bob.token)).status).toBe(200);
    const logged = ctx.logs.filter((line) => line.event === 'auth.signout_all');
    expect(logged.at(-1)).toMatchObject({ level: 'info', msg: 'all sessions revoked', userId: alice.user.id });
  });
});

describe('revocation races (issue 10 item 1)', () => {
  /** Whether a statement of this test's database is waiting for a lock another transaction holds. */
  const waitingOnLock = async () => {
    const [row] = await ctx.db.sequelize.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      { type: QueryTypes.SELECT },
    );
    return (row?.waiting ?? 0) > 0;
  };
  const change = (token: string, current: string, next: string) =>
    request(ctx.app)
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ current_password: current, new_password: next });

  it('of two concurrent password changes, the first ends the other: one 200, one 401, one session left', async () => {
    const victim = await signUp(ctx.app);
    const attacker = (await signin(victim.user.email, victim.password)).body.token as string;
    const passwords = ['attacker chosen passphrase', 'victim chosen passphrase'];
    const results = await Promise.all([
      change(attacker, victim.password, passwords[0] as string),
      change(victim.token, victim.password, passwords[1] as string),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
    const winner = results.findIndex((res) => res.status === 200);
    const working = [];
    for (const token of [results[winner]?.body.token as string, attacker, victim.token]) {
      if ((await me(token)).status === 200) working.push(token);
    }
    expect(working).toEqual([results[winner]?.body.token]);
    expect((await signin(victim.user.email, passwords[winner] as string)).status).toBe(200);
    expect((await signin(victim.user.email, passwords[1 - winner] as string)).status).toBe(401);
  });

  it("holds the user's row through a password change: a second change waits for it, then finds its session ended", async () => {
    const victim = await signUp(ctx.app);
    const other = (await signin(victim.user.email, victim.password)).body.token as string;
    // The first change stops inside its transaction, just before it writes the new hash.
    const first = holdStatement(ctx.db.sequelize, (sql) => sql.startsWith('UPDATE "users" SET "password_hash"'));
    try {
      const firstChange = change(other, victim.password, 'first chosen passphrase').then((res) => res);
      await first.reached;
      let secondDone = false;
      const secondChange = change(victim.token, victim.password, 'second chosen passphrase').then((res) => {
        secondDone = true;
        return res;
      });
      // The second change waits on the first one's row lock; without that lock it would run to its end.
      while (!secondDone && !(await waitingOnLock())) await new Promise((resolve) => setTimeout(resolve, 20));
      first.release();
      const [firstResult, secondResult] = [await firstChange, await secondChange];
      expect([firstResult.status, secondResult.status]).toEqual([200, 401]);
      expect(secondResult.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
      for (const token of [other, victim.token]) expect((await me(token)).status).toBe(401);
      expect((await me(firstResult.body.token as string)).status).toBe(200);
      expect((await signin(victim.user.email, 'first chosen passphrase')).status).toBe(200);
    } finally {
      first.release();
      first.restore();
    }
  });

  it('a sign-out-everywhere racing a password change leaves no session of the changer alive', async () => {
    const victim = await signUp(ctx.app);
    const attacker = (await signin(victim.user.email, victim.password)).body.token as string;
    const [changed, signedOut] = await Promise.all([
      change(attacker, victim.password, 'attacker chosen passphrase'),
      request(ctx.app).post('/api/auth/signout-all').set(victim.auth),
    ]);
    expect(signedOut.status).toBe(204);
    // Whichever committed first, the attacker ends with no working token.
    if (changed.status === 200) expect((await me(changed.body.token)).status).toBe(401);
    else expect(changed.status).toBe(401);
    expect((await me(attacker)).status).toBe(401);
  });
});

describe('the per-request check: one statement reads the live session and its user', () => {
  const sql = (text: string, replacements: Record<string, unknown>) => ctx.db.sequelize.query(text, { replacements });

  it('refuses a revoked session at once, though its token is otherwise valid', async () => {
    const alice = await signUp(ctx.app);
    await sql('UPDATE sessions SET revoked_at = now() WHERE id = :sid', { sid: sessionIdOf(alice.token) });
    expect((await me(alice.token)).status).toBe(401);
  });

  it('refuses an expired session at once, though its token has not expired', async () => {
    const alice = await signUp(ctx.app);
    await sql("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = :sid", {
      sid: sessionIdOf(alice.token),
    });
    expect((await me(alice.token)).status).toBe(401);
  });

  it("refuses a token naming another user's live session", async () => {
    const alice = await signUp(ctx.app);
    const bob = await signUp(ctx.app);
    const borrowed = await forgeToken(alice, { claims: { sid: sessionIdOf(bob.token) } });
    expect((await me(borrowed)).status).toBe(401);
    expect((await me(bob.token)).status).toBe(200);
  });

  it('refuses a signed subject beyond any user id with 401, not a database error', async () => {
    for (const subject of [2 ** 31, 9_999_999_999]) {
      const res = await me(await forgeToken(subject));
      expect([subject, res.status, res.body.code]).toEqual([subject, 401, 'INVALID_TOKEN']);
    }
  });

  it('serves the largest user id the column holds (2^31 - 1)', async () => {
    const alice = await signUp(ctx.app);
    const email = `max-${alice.user.email}`;
    // A copy of alice's row under the last id an integer column holds.
    await ctx.db.sequelize.transaction(async (transaction) => {
      const run = (sql: string) =>
        ctx.db.sequelize.query(sql, { replacements: { id: alice.user.id, email }, transaction });
      await run('CREATE TEMP TABLE max_user ON COMMIT DROP AS SELECT * FROM users WHERE id = :id');
      await run('UPDATE max_user SET id = 2147483647, email = :email');
      await run('INSERT INTO users SELECT * FROM max_user');
    });
    const signedIn = await signin(email, alice.password);
    expect(signedIn.status).toBe(200);
    const res = await me(signedIn.body.token);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(2147483647);
  });

  it('refuses the session of a deleted user at once', async () => {
    const alice = await signUp(ctx.app);
    await sql('DELETE FROM users WHERE id = :id', { id: alice.user.id });
    expect((await me(alice.token)).status).toBe(401);
  });

  it('reads the role and the profile fresh on every request', async () => {
    const alice = await signUp(ctx.app);
    const admin = () => request(ctx.app).get('/api/admin/users').set(alice.auth);
    expect((await admin()).status).toBe(403);
    await sql("UPDATE users SET role = 'admin', name = 'Renamed' WHERE id = :id", { id: alice.user.id });
    expect((await admin()).status).toBe(200);
    expect((await me(alice.token)).body).toMatchObject({ id: alice.user.id, name: 'Renamed', role: 'admin' });
    await sql("UPDATE users SET role = 'user' WHERE id = :id", { id: alice.user.id });
    expect((await admin()).status).toBe(403);
  });

  it('gives a User the model can update, read without the password hash', async () => {
    const alice = await signUp(ctx.app);
    const users = defineUserModel(ctx.db.sequelize);
    expect(findActiveStatement(users).text).not.toMatch(/password_hash/);
    const session = await createSessionStore(users).findActive(sessionIdOf(alice.token), alice.user.id);
    expect(session).toMatchObject({ id: sessionIdOf(alice.token), last_seen_at: expect.any(Date) });
    const user = session?.user;
    expect(user).toBeInstanceOf(users);
    expect(user?.get({ plain: true })).toEqual({
      id: alice.user.id,
      email: alice.user.email,
      email_verified: false,
      name: alice.user.name,
      role: 'user',
      revoked_before: null,
      created_at: expect.any(Date),
      updated_at: expect.any(Date),
    });
    await user?.update({ name: 'Updated through the model' });
    expect((await users.findByPk(alice.user.id))?.name).toBe('Updated through the model');
    expect((await users.findByPk(alice.user.id))?.password_hash).toMatch(/^\$2[aby]\$/);
  });

  it('names no session for a user id no integer column holds, and asks the database nothing', async () => {
    const alice = await signUp(ctx.app);
    const store = createSessionStore(defineUserModel(ctx.db.sequelize));
    // The store sends prepared statements on a pooled connection of its own, not through sequelize.query.
    const connections = jest.spyOn(ctx.db.sequelize.connectionManager, 'getConnection');
    try {
      for (const userId of [alice.user.id + 0.5, 0, -1, 2 ** 31, Number.NaN]) {
        connections.mockClear();
        const found = await store.findActive(sessionIdOf(alice.token), userId);
        expect([userId, found, connections.mock.calls.length]).toEqual([userId, null, 0]);
      }
      expect(await store.findActive(sessionIdOf(alice.token), alice.user.id)).not.toBeNull();
      expect(connections).toHaveBeenCalled();
    } finally {
      connections.mockRestore();
    }
  });
});

describe('session bookkeeping', () => {
  it('records last_seen_at at most once a minute', async () => {
    const alice = await signUp(ctx.app);
    const sid = sessionIdOf(alice.token);
    const lastSeen = async () => {
      const [rows] = await ctx.db.sequelize.query('SELECT last_seen_at FROM sessions WHERE id = :sid', {
        replacements: { sid },
      });
      return (rows[0] as { last_seen_at: Date }).last_seen_at.getTime();
    };
    const first = await lastSeen();
    await me(alice.token);
    expect(await lastSeen()).toBe(first);
    await ctx.db.sequelize.query("UPDATE sessions SET last_seen_at = now() - interval '2 minutes' WHERE id = :sid", {
      replacements: { sid },
    });
    const stale = await lastSeen();
    await me(alice.token);
    expect(await lastSeen()).toBeGreaterThan(stale + 60_000);
  });

  it('prunes expired sessions as new ones open, so the table cannot grow without bound', async () => {
    const alice = await signUp(ctx.app);
    await ctx.db.sequelize.query(
      `INSERT INTO sessions (id, user_id, expires_at)
       SELECT gen_random_uuid(), :id, now() - interval '1 hour' FROM generate_series(1, 150)`,
      { replacements: { id: alice.user.id } },
    );
    const expired = async () => {
      const [rows] = await ctx.db.sequelize.query('SELECT count(*) AS n FROM sessions WHERE expires_at < now()');
      return Number((rows[0] as { n: string }).n);
    };
    const before = await expired();
    expect(before).toBeGreaterThanOrEqual(150);
    await signin(alice.user.email, alice.password);
    expect(await expired()).toBe(Math.max(0, before - 100));
    await signin(alice.user.email, alice.password);
    expect(await expired()).toBe(Math.max(0, before - 200));
    expect((await me(alice.token)).status).toBe(200);
  });
});

describe('LOCAL_ACCOUNTS=false', () => {
  it('mounts no signup, signin, password or email route, and keeps the session routes', async () => {
    const external = await createTestApp({ LOCAL_ACCOUNTS: 'false' }, { db: ctx.db });
    try {
      const body = { email: 'someone@example.com', password: 'correct horse battery staple', name: 'X' };
      for (const path of ['signup', 'signin', 'password', 'password/forgot', 'password/reset', 'email/verify']) {
        const res = await request(external.app).post(`/api/auth/${path}`).send(body);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const alice = await signUp(ctx.app);
      expect((await request(external.app).patch('/api/auth/me').set(alice.auth).send({ name: 'A' })).status).toBe(404);
      expect((await request(external.app).get('/api/auth/sessions').set(alice.auth)).status).toBe(200);
    } finally {
      await external.close();
    }
  });
});
