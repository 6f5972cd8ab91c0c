// SIGTERM while under load: requests in flight complete, new connections are refused, the process exits 0
// within SHUTDOWN_TIMEOUT_MS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { load } from '../../bench/harness/load';
import { call, signUp, sleep, type SignedUp } from './support/client';
import { startStack, type Stack } from './support/stack';
import { lockTable } from './support/tableLock';

const SHUTDOWN_TIMEOUT_MS = 5_000;
const IN_FLIGHT = 6;
/** How long the in-flight requests stay blocked after SIGTERM. */
const HOLD_MS = 1_000;

let stack: Stack;
let user: SignedUp;

before(async () => {
  stack = await startStack({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
  user = await signUp(stack.server.baseUrl);
  await call(stack.server.baseUrl, `/api/users/${user.id}/todos`, {
    method: 'POST',
    headers: user.auth,
    body: { title: 'served during shutdown' },
  });
});

after(() => stack?.close());

test('SIGTERM under load drains in-flight requests and exits 0 in time', { timeout: 60_000 }, async () => {
  const base = stack.server.baseUrl;
  // Background keep-alive load on a route that does not touch the locked table.
  const background = load({ url: `${base}/api/auth/me`, headers: user.auth, connections: 16, durationSec: 4 });
  await sleep(1_000);

  const lock = await lockTable(stack.pg.url, 'todos');
  const inFlight = Array.from({ length: IN_FLIGHT }, () =>
    call(base, `/api/users/${user.id}/todos`, { headers: user.auth, timeoutMs: 15_000 }),
  );
  // In flight: each one's query waits on the lock. A request still in a socket buffer when the signal comes is one
  // the server has not begun, and closing its connection is right.
  await lock.waiters(IN_FLIGHT);

  const signalledAt = performance.now();
  stack.server.kill('SIGTERM');
  await sleep(200);
  const newConnection = await call(base, '/api/health', { timeoutMs: 2_000 });
  await sleep(HOLD_MS - 200);
  await lock.release();

  const finished = await Promise.all(inFlight);
  const code = await stack.server.exited;
  const exitMs = performance.now() - signalledAt;
  const loadFigures = await background;
  console.log(
    `sigterm: exit ${code} after ${exitMs.toFixed(0)} ms; background load ${loadFigures.total} responses, ` +
      `${loadFigures.errors} refused or closed connections after the signal`,
  );

  for (const outcome of finished) {
    assert.equal(outcome.status, 200, `an in-flight request ended with ${outcome.status || outcome.error}`);
    assert.ok(Array.isArray(outcome.json));
  }
  assert.equal(
    newConnection.error,
    'ECONNREFUSED',
    `a new connection got ${newConnection.status || newConnection.error}`,
  );
  assert.equal(loadFigures.status5xx, 0, 'no 5xx while draining');
  assert.equal(loadFigures.non2xx, 0, 'every response served while draining is a success');
  assert.equal(code, 0);
  assert.ok(exitMs < SHUTDOWN_TIMEOUT_MS, `exited ${exitMs.toFixed(0)} ms after SIGTERM`);
  assert.ok(exitMs >= HOLD_MS, 'the process waited for the in-flight requests');
});
