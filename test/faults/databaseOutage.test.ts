// PostgreSQL stops in the middle of a write load and comes back: the API fails fast with 503 JSON while it
// is gone, never crashes, recovers by itself, and loses no acknowledged write.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { withClient } from '../../bench/harness/seed';
import { call, signUp, sleep, type Outcome, type SignedUp } from './support/client';
import { serverErrors, startStack, type Stack } from './support/stack';

const WRITERS = 8;
const FAIL_FAST_MS = 1_000;
const RECOVERY_MS = 5_000;

interface Attempt extends Outcome {
  startedAt: number;
  endedAt: number;
}

let stack: Stack;
let user: SignedUp;

before(async () => {
  stack = await startStack();
  user = await signUp(stack.server.baseUrl);
});

after(() => stack?.close());

test('a database outage mid-load: fast 503s, self-recovery, no lost writes', { timeout: 120_000 }, async () => {
  const base = stack.server.baseUrl;
  const agent = new http.Agent({ keepAlive: true, maxSockets: WRITERS });
  const attempts: Attempt[] = [];
  let writing = true;
  let sequence = 0;
  const writer = async () => {
    while (writing) {
      sequence += 1;
      const startedAt = performance.now();
      const outcome = await call(base, `/api/users/${user.id}/todos`, {
        method: 'POST',
        headers: user.auth,
        body: { title: `outage write ${sequence}` },
        agent,
      });
      attempts.push({ ...outcome, startedAt, endedAt: performance.now() });
      // Failed writes are retried after a short pause, as a polite client would.
      if (outcome.status !== 201) await sleep(50);
    }
  };
  const writers = Array.from({ length: WRITERS }, writer);

  await sleep(2_000);
  const stopRequested = performance.now();
  await stack.pg.stop();
  const down = performance.now();

  // While the database is down: readiness says so, liveness does not, and requests fail within a second.
  await sleep(300);
  const ready = await call(base, '/api/health/ready');
  const live = await call(base, '/api/health');
  const readOutage = await call(base, `/api/users/${user.id}/todos`, { headers: user.auth });
  const signinOutage = await call(base, '/api/auth/signin', {
    method: 'POST',
    body: { email: user.email, password: 'correct horse battery staple' },
  });
  await sleep(2_500);

  const upRequested = performance.now();
  await stack.pg.start();
  const up = performance.now();
  let recoveredAt: number | undefined;
  while (recoveredAt === undefined && performance.now() - up < RECOVERY_MS + 5_000) {
    recoveredAt = attempts.find((a) => a.status === 201 && a.startedAt >= up)?.endedAt;
    await sleep(50);
  }
  await sleep(1_000);
  writing = false;
  await Promise.all(writers);
  agent.destroy();

  assert.equal(ready.status, 503, `readiness during the outage: ${ready.status} ${ready.body}`);
  assert.equal(live.status, 200, 'liveness must not depend on the database');
  for (const [name, outcome] of [
    ['list', readOutage],
    ['signin', signinOutage],
  ] as const) {
    assert.equal(outcome.status, 503, `${name} during the outage: ${outcome.status} ${outcome.body}`);
    assert.ok(outcome.ms < FAIL_FAST_MS, `${name} took ${outcome.ms.toFixed(0)} ms during the outage`);
  }

  const unexpected = attempts.filter((a) => a.status !== 201 && a.status !== 503);
  assert.deepEqual(
    unexpected.map((a) => `${a.status || a.error} ${a.body}`),
    [],
    `every write is either acknowledged (201) or refused with 503; server log:\n${serverErrors(stack)}`,
  );
  const duringOutage = attempts.filter((a) => a.startedAt >= down && a.startedAt < upRequested);
  assert.ok(duringOutage.length > 10, `only ${duringOutage.length} writes were attempted during the outage`);
  for (const attempt of duringOutage) {
    assert.equal(attempt.status, 503);
    assert.deepEqual(Object.keys(attempt.json as object), ['detail', 'code']);
    assert.equal((attempt.json as { code: string }).code, 'SERVICE_UNAVAILABLE');
    assert.ok(attempt.ms < FAIL_FAST_MS, `a write took ${attempt.ms.toFixed(0)} ms to fail during the outage`);
  }

  assert.ok(recoveredAt !== undefined, `no write succeeded within ${RECOVERY_MS + 5_000} ms of the database returning`);
  const recoveryMs = recoveredAt - up;
  console.log(
    `outage: stop took ${(down - stopRequested).toFixed(0)} ms, start ${(up - upRequested).toFixed(0)} ms; ` +
      `${duringOutage.length} writes refused during it (slowest ${Math.max(...duringOutage.map((a) => a.ms)).toFixed(0)} ms); ` +
      `first write ${recoveryMs.toFixed(0)} ms after the database was back`,
  );
  assert.ok(recoveryMs < RECOVERY_MS, `recovered ${recoveryMs.toFixed(0)} ms after the database returned`);

  const acknowledged = attempts.filter((a) => a.status === 201).map((a) => (a.json as { id: number }).id);
  const stored = await withClient(stack.pg.url, async (client) => {
    const { rows } = await client.query<{ id: number }>('SELECT id FROM todos WHERE id = ANY($1::int[])', [
      acknowledged,
    ]);
    return new Set(rows.map((row) => row.id));
  });
  const lost = acknowledged.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes are missing`);

  assert.equal((await call(base, '/api/health/ready')).status, 200);
  assert.equal(
    await Promise.race([stack.server.exited.then(() => 'exited'), sleep(10).then(() => 'running')]),
    'running',
  );
});
