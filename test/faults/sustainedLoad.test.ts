// Sustained mixed load on the built server: no 5xx, no dropped connection, memory flat after warm-up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { load, type LoadFigures } from '../../bench/harness/load';
import { call, signUp, sleep, type SignedUp } from './support/client';
import { startStack, type Stack } from './support/stack';

// The heap settles about 20 s into this load (measured: RSS climbs until then, then saws up and down with GC).
const WARMUP_SEC = 20;
const MEASURED_SEC = 30;
/** RSS is compared between the first and the last this-many seconds of the measured window. */
const WINDOW_SEC = 10;
const SAMPLE_MS = 500;
const PASSWORD = 'correct horse battery staple';

let stack: Stack;
let reader: SignedUp;
let writer: SignedUp;
let signer: SignedUp;

before(async () => {
  stack = await startStack();
  [reader, writer, signer] = [
    await signUp(stack.server.baseUrl),
    await signUp(stack.server.baseUrl),
    await signUp(stack.server.baseUrl),
  ];
  for (let i = 0; i < 50; i += 1) {
    await call(stack.server.baseUrl, `/api/users/${reader.id}/todos`, {
      method: 'POST',
      headers: reader.auth,
      body: { title: `todo ${i}` },
    });
  }
});

after(() => stack?.close());

test('64 connections of mixed reads, writes and signins for 30 s after warm-up', { timeout: 120_000 }, async () => {
  const base = stack.server.baseUrl;
  const durationSec = WARMUP_SEC + MEASURED_SEC;
  const rss: { atSec: number; bytes: number }[] = [];
  let sampling = true;
  const started = performance.now();
  const sampler = (async () => {
    while (sampling) {
      rss.push({ atSec: (performance.now() - started) / 1000, bytes: stack.server.rss() });
      await sleep(SAMPLE_MS);
    }
  })();

  const runs = [
    load({
      url: `${base}/api/users/${reader.id}/todos?limit=20`,
      headers: reader.auth,
      connections: 44,
      durationSec,
    }),
    load({
      url: `${base}/api/users/${writer.id}/todos`,
      method: 'POST',
      headers: { ...writer.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'written under load', description: 'sustained load test' }),
      connections: 16,
      durationSec,
    }),
    // bcrypt is CPU-bound by design: a steady trickle of signins, not a flood that would starve the rest.
    load({
      url: `${base}/api/auth/signin`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: signer.email, password: PASSWORD }),
      connections: 4,
      overallRate: 5,
      durationSec,
    }),
  ] as const;
  const [reads, writes, signins] = await Promise.all(runs);
  sampling = false;
  await sampler;

  for (const [name, figures] of Object.entries<LoadFigures>({ reads, writes, signins })) {
    assert.ok(figures.total > 0, `${name}: no responses at all`);
    assert.equal(figures.status5xx, 0, `${name}: 5xx responses`);
    assert.equal(figures.non2xx, 0, `${name}: non-2xx responses`);
    assert.equal(figures.errors, 0, `${name}: connection errors or timeouts`);
  }
  assert.ok(
    reads.total > 1_000 && writes.total > 500,
    `too little traffic: ${reads.total} reads, ${writes.total} writes`,
  );

  // Under this load RSS saws between about 165 and 225 MB every 6-7 s as V8 collects and re-grows its
  // heap, so single samples or medians depend on the phase. What a leak raises is the floor each
  // collection returns to: compare the lowest sample of a 10 s window (at least one cycle) at both ends.
  const floorBetween = (from: number, to: number) =>
    Math.min(...rss.filter((s) => s.atSec >= from && s.atSec < to).map((s) => s.bytes));
  const afterWarmup = floorBetween(WARMUP_SEC, WARMUP_SEC + WINDOW_SEC);
  const atEnd = floorBetween(durationSec - WINDOW_SEC, durationSec + 1);
  const growth = (atEnd - afterWarmup) / afterWarmup;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `sustained load: ${reads.requestsPerSec} reads/s, ${writes.requestsPerSec} writes/s, ${signins.requestsPerSec} signins/s; ` +
      `RSS floor ${mb(afterWarmup)} MB after warm-up, ${mb(atEnd)} MB at the end (${(growth * 100).toFixed(1)}%)`,
  );
  assert.ok(
    growth < 0.1,
    `RSS grew ${(growth * 100).toFixed(1)}% after warm-up (${mb(afterWarmup)} -> ${mb(atEnd)} MB)`,
  );

  const health = await call(base, '/api/health/ready');
  assert.equal(health.status, 200);
});
