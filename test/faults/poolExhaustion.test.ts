// A tiny pool whose connections are all stuck on slow queries: requests get 503 in bounded time instead of
// hanging, and the pool serves again once the queries are released.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, signUp, type SignedUp } from './support/client';
import { serverErrors, startStack, type Stack } from './support/stack';
import { lockTable } from './support/tableLock';

const ACQUIRE_TIMEOUT_MS = 300;
const STATEMENT_TIMEOUT_MS = 2_000;
const CONCURRENT = 24;
const POOL_MAX = 2;

let stack: Stack;
let user: SignedUp;

before(async () => {
  stack = await startStack({
    DATABASE_POOL_MAX: String(POOL_MAX),
    DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });
  user = await signUp(stack.server.baseUrl);
  await call(stack.server.baseUrl, `/api/users/${user.id}/todos`, {
    method: 'POST',
    headers: user.auth,
    body: { title: 'before the pool ran dry' },
  });
});

after(() => stack?.close());

test('an exhausted pool answers 503 instead of hanging, then recovers', { timeout: 60_000 }, async () => {
  const base = stack.server.baseUrl;
  const list = () => call(base, `/api/users/${user.id}/todos`, { headers: user.auth, timeoutMs: 15_000 });

  // Every todo query now waits on the lock, holding one of the two pooled connections.
  const lock = await lockTable(stack.pg.url, 'todos');
  let outcomes;
  let ready;
  let live;
  try {
    const pending = Array.from({ length: CONCURRENT }, list);
    // Both pooled connections are taken once two queries wait on the lock.
    await lock.waiters(POOL_MAX);
    [ready, live] = [await call(base, '/api/health/ready'), await call(base, '/api/health')];
    outcomes = await Promise.all(pending);
  } finally {
    await lock.release();
  }

  assert.equal(live.status, 200, 'liveness never needs a connection');
  assert.equal(ready.status, 503, `readiness with no free connection: ${ready.status} ${ready.body}`);
  for (const outcome of outcomes) {
    assert.equal(outcome.status, 503, `${outcome.status || outcome.error} ${outcome.body}\n${serverErrors(stack)}`);
    assert.deepEqual(Object.keys(outcome.json as object), ['detail', 'code']);
    assert.equal((outcome.json as { code: string }).code, 'SERVICE_UNAVAILABLE');
    assert.equal(outcome.headers['retry-after'], '1');
    // Bounded by the statement timeout for requests that got a connection, by the acquire timeout for the rest.
    assert.ok(outcome.ms < STATEMENT_TIMEOUT_MS + 1_500, `a request took ${outcome.ms.toFixed(0)} ms`);
  }
  const fast = outcomes.filter((o) => o.ms < ACQUIRE_TIMEOUT_MS + 700).length;
  assert.ok(fast >= CONCURRENT - 4, `only ${fast} of ${CONCURRENT} were refused at the acquire timeout`);

  const recovered = await Promise.all(Array.from({ length: CONCURRENT }, list));
  assert.deepEqual(
    recovered.map((o) => o.status),
    Array(CONCURRENT).fill(200),
    'the pool serves every request once the slow queries are gone',
  );
  assert.equal((await call(base, '/api/health/ready')).status, 200);
});
