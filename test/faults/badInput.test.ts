// Thousands of malformed and hostile requests against every route: no 5xx, no authorisation bypass, and a
// server that is still healthy and unharmed afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withClient } from '../../bench/harness/seed';
import { TRUSTED_ORIGIN, buildCorpus, type CorpusCase, type Party } from './support/badInputCorpus';
import { call, signUp } from './support/client';
import { attackTokens } from './support/jwtAttacks';
import { sendAll, sendRaw, type RawResponse } from './support/rawHttp';
import { serverErrors, startStack, type Stack } from './support/stack';

const MIN_CASES = 2_000;
const CONCURRENCY = 8;
const VICTIM_MARKER = 'victim-secret-todo-7f3a';

let stack: Stack;
let attacker: Party;
let victim: Party;

async function party(label: string, title: string): Promise<Party> {
  const user = await signUp(stack.server.baseUrl, label);
  const res = await call(stack.server.baseUrl, `/api/users/${user.id}/todos`, {
    method: 'POST',
    headers: user.auth,
    body: { title },
  });
  assert.equal(res.status, 201);
  return { id: user.id, email: user.email, token: user.token, todoId: (res.json as { id: number }).id };
}

before(async () => {
  stack = await startStack({ CORS_ORIGINS: TRUSTED_ORIGIN });
  attacker = await party('attacker', 'attacker todo');
  victim = await party('victim', VICTIM_MARKER);
});

after(() => stack?.close());

function verdict(item: CorpusCase, response: RawResponse): string | undefined {
  if (response.status === 0) return item.mayDrop ? undefined : `no response (${response.error})`;
  if (response.status >= 500) return `status ${response.status}`;
  if (item.allowed && !item.allowed.includes(response.status))
    return `status ${response.status}, expected ${item.allowed.join('/')}`;
  if (response.body.includes(VICTIM_MARKER) || response.body.includes(victim.email)) return "leaked the victim's data";
  if ((response.headers['set-cookie'] ?? '').includes('pwn')) return 'reflected an injected header';
  return undefined;
}

test('the bad-input corpus gets no 5xx and no authorisation bypass on any route', { timeout: 300_000 }, async () => {
  const corpus = buildCorpus({
    port: stack.server.port,
    attacker,
    victim,
    attackTokens: await attackTokens(victim.id, attacker.id, attacker.token),
  });
  assert.ok(corpus.length >= MIN_CASES, `only ${corpus.length} cases`);

  const started = performance.now();
  const responses = await sendAll(corpus, CONCURRENCY, (item) => sendRaw(stack.server.port, item.request));
  const failures = corpus.flatMap((item, i) => {
    const response = responses[i] as RawResponse;
    const problem = verdict(item, response);
    return problem ? [`${item.name}: ${problem} ${response.body.slice(0, 120)}`] : [];
  });
  const byStatus = new Map<number, number>();
  for (const response of responses) byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
  const dropped = new Set(
    corpus.filter((_, i) => responses[i]?.status === 0).map((item) => item.name.split(': ').pop()),
  );
  console.log(
    `bad input: ${corpus.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; statuses ` +
      [...byStatus]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}:${count}`)
        .join(' ') +
      `; closed without an answer (allowed for these): ${[...dropped].join(', ') || 'none'}`,
  );
  assert.deepEqual(failures.slice(0, 60), [], `${failures.length} failures; server log:\n${serverErrors(stack)}`);

  // Still healthy, still serving, and nothing of the victim's changed.
  const base = stack.server.baseUrl;
  assert.equal((await call(base, '/api/health')).status, 200);
  assert.equal((await call(base, '/api/health/ready')).status, 200);
  const own = await call(base, `/api/users/${attacker.id}/todos`, {
    headers: { authorization: `Bearer ${attacker.token}` },
  });
  assert.equal(own.status, 200);
  const state = await withClient(stack.pg.url, async (client) => {
    const todos = await client.query<{ id: number; title: string }>('SELECT id, title FROM todos WHERE user_id = $1', [
      victim.id,
    ]);
    const admins = await client.query<{ count: string }>("SELECT count(*) FROM users WHERE role <> 'user'");
    return { victimTodos: todos.rows, admins: Number(admins.rows[0]?.count) };
  });
  assert.deepEqual(
    state.victimTodos,
    [{ id: victim.todoId, title: VICTIM_MARKER }],
    "the victim's todos are untouched",
  );
  assert.equal(state.admins, 0, 'nobody became an admin');
  assert.equal(serverErrors(stack), 'no error lines in the server log');
});
