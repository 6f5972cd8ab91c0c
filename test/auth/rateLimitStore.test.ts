// Checklist: rate-limit counters live in PostgreSQL, shared by every instance: atomic under concurrency, one
// window per key, each limiter's keys apart, and expired counters cleaned up.
import { randomUUID } from 'node:crypto';
import type { Options } from 'express-rate-limit';
import { QueryTypes } from 'sequelize';
import { PostgresRateLimitStore } from '../../src/auth/rateLimitStore';
import { statementsDuring } from '../support/databaseFaults';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());
afterEach(() => jest.restoreAllMocks());

/** A store of a limiter with this window; express-rate-limit calls `init` with its options first. */
function storeWith(windowMs: number, prefix = `test-${randomUUID()}:`): PostgresRateLimitStore {
  const store = new PostgresRateLimitStore(ctx.db.sequelize, prefix);
  store.init({ windowMs } as Options);
  return store;
}

const key = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;

async function expire(store: PostgresRateLimitStore, counted: string) {
  await ctx.db.sequelize.query("UPDATE rate_limit_hits SET reset_at = now() - interval '1 second' WHERE key = :key", {
    replacements: { key: store.prefix + counted },
  });
}

/** The store's own rows among these keys whose window has ended: other test files count hits in the same table. */
async function endedRows(store: PostgresRateLimitStore, counted: string[]): Promise<number> {
  const [row] = await ctx.db.sequelize.query<{ n: string }>(
    'SELECT count(*) AS n FROM rate_limit_hits WHERE reset_at <= now() AND key IN (:keys)',
    { replacements: { keys: counted.map((ip) => store.prefix + ip) }, type: QueryTypes.SELECT },
  );
  return Number(row?.n);
}

/** The DELETE statements the store sends while `run` runs (other files' limiters may prune the table at any time). */
async function deletesDuring(run: () => Promise<unknown>): Promise<string[]> {
  return (await statementsDuring(ctx.db.sequelize, run)).filter((sql) => sql.startsWith('DELETE'));
}

describe('PostgreSQL rate-limit store', () => {
  it('counts hits in a window that ends windowMs after the first one', async () => {
    const store = storeWith(120_000);
    const ip = key();
    const started = Date.now();
    const first = await store.increment(ip);
    expect(first.totalHits).toBe(1);
    const reset = first.resetTime?.getTime() ?? 0;
    expect(reset).toBeGreaterThan(started + 110_000);
    expect(reset).toBeLessThan(Date.now() + 130_000);
    expect((await store.increment(ip)).totalHits).toBe(2);
    const third = await store.increment(ip);
    expect(third).toEqual({ totalHits: 3, resetTime: first.resetTime });
    expect(await store.get(ip)).toEqual({ totalHits: 3, resetTime: first.resetTime });
  });

  it('knows nothing of a key it never counted', async () => {
    expect(await storeWith(60_000).get(key())).toBeUndefined();
  });

  it('starts a new window once the last one has ended', async () => {
    const store = storeWith(60_000);
    const ip = key();
    await store.increment(ip);
    await store.increment(ip);
    await expire(store, ip);
    expect(await store.get(ip)).toBeUndefined();
    const fresh = await store.increment(ip);
    expect(fresh.totalHits).toBe(1);
    expect(fresh.resetTime?.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('never loses a hit to concurrent requests', async () => {
    const store = storeWith(60_000);
    const ip = key();
    const answers = await Promise.all(Array.from({ length: 20 }, () => store.increment(ip)));
    expect(answers.map((answer) => answer.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it("keeps each limiter's counters apart by its prefix", async () => {
    const signin = storeWith(60_000, `signin-${randomUUID()}:`);
    const forgot = storeWith(60_000, `forgot-${randomUUID()}:`);
    const ip = key();
    await signin.increment(ip);
    await signin.increment(ip);
    expect((await forgot.increment(ip)).totalHits).toBe(1);
    expect((await signin.get(ip))?.totalHits).toBe(2);
  });

  it('takes back one hit on decrement, never going below zero, and forgets a key on reset', async () => {
    const store = storeWith(60_000);
    const ip = key();
    await store.increment(ip);
    await store.increment(ip);
    await store.decrement(ip);
    expect((await store.get(ip))?.totalHits).toBe(1);
    await store.decrement(ip);
    await store.decrement(ip);
    expect((await store.get(ip))?.totalHits).toBe(0);
    const other = key();
    await store.increment(other);
    await store.resetKey(ip);
    expect(await store.get(ip)).toBeUndefined();
    expect((await store.get(other))?.totalHits).toBe(1);
  });

  it('deletes ended windows on about one hit in a hundred, so the table cannot grow without bound', async () => {
    const store = storeWith(60_000);
    const ended = [key(), key()];
    for (const ip of ended) {
      await store.increment(ip);
      await expire(store, ip);
    }
    jest.spyOn(Math, 'random').mockReturnValue(0.01);
    expect(await deletesDuring(() => store.increment(key()))).toEqual([]);
    jest.spyOn(Math, 'random').mockReturnValue(0.0099);
    const live = key();
    expect(await deletesDuring(() => store.increment(live))).toEqual([
      'DELETE FROM rate_limit_hits WHERE reset_at <= now()',
    ]);
    expect(await endedRows(store, ended)).toBe(0);
    expect((await store.get(live))?.totalHits).toBe(1);
  });
});
