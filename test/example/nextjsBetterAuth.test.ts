// The design's whole system in a real browser: the built Next.js + Better Auth example signs people in and
// shows their todos from the built Rampart server (production mode), which verifies Better Auth's JWTs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startExampleSystem, type ExampleSystem } from './exampleServers';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'example');
/** Installing chromium with apt once can take a minute or two; `next start` and Rampart then start in seconds. */
const SETUP_TIMEOUT_MS = 300_000;
const PASSWORD = 'a long enough password 1';

let system: ExampleSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];
let alice: Page;
let bob: Page;
const stamp = `${process.pid}-${Date.now()}`;

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signUp(page: Page, name: string): Promise<void> {
  await page.goto(`${system.webUrl}/`);
  await page.waitForURL('**/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.waitForURL('**/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}-${stamp}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/todos');
  await page.getByText('No todos yet.').waitFor();
}

async function addTodo(page: Page, title: string): Promise<void> {
  const shown = await page.locator('ul.todos li').count();
  await page.getByLabel('New todo').fill(title);
  await page.getByRole('button', { name: 'Add' }).click();
  await page.locator('ul.todos li').nth(shown).waitFor();
}

/** The titles on the page once loaded, each with whether it is marked completed. */
async function shownTodos(page: Page): Promise<[string, boolean][]> {
  await page.locator('ul.todos, p.empty:text("No todos yet.")').first().waitFor();
  const items = page.locator('ul.todos li');
  const result: [string, boolean][] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    result.push([await item.locator('span').innerText(), await item.getByRole('checkbox').isChecked()]);
  }
  return result;
}

// Evaluated in the page (strings, as this project's types have no DOM): the example's token in sessionStorage.
const storedToken = (page: Page) => page.evaluate<string | null>("sessionStorage.getItem('rampart.token')");
const storeToken = (page: Page, token: string) =>
  page.evaluate(`sessionStorage.setItem('rampart.token', ${JSON.stringify(token)})`);

beforeAll(async () => {
  execFileSync('bash', [path.join(__dirname, '..', 'docs', 'ensureChromium.sh')], { stdio: 'inherit' });
  mkdirSync(ARTIFACTS, { recursive: true });
  system = await startExampleSystem();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  alice = await freshPage();
  bob = await freshPage();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await system?.stop();
});

describe('the Next.js + Better Auth example against the built Rampart server', () => {
  it('lets a person sign up, add two todos, complete one, and find the same after a reload', async () => {
    await alice.goto(`${system.webUrl}/todos`);
    await alice.waitForURL('**/sign-in');
    await screenshot(alice, '1-sign-in');

    await signUp(alice, 'Alice');
    await addTodo(alice, 'Buy milk');
    await addTodo(alice, 'Write the report');
    // A click, not check(): the box turns checked only once Rampart has saved the change.
    await alice.getByRole('checkbox', { name: 'Completed: Buy milk' }).click();
    await alice.locator('ul.todos li.done').waitFor();

    await alice.reload();
    expect(await shownTodos(alice)).toEqual([
      ['Buy milk', true],
      ['Write the report', false],
    ]);
    await screenshot(alice, '2-todos');
  }, 60_000);

  it('shows a Rampart validation error in plain words and keeps the list', async () => {
    await alice.getByLabel('New todo').fill('   ');
    await alice.getByRole('button', { name: 'Add' }).click();
    await expect(alice.locator('main [role=alert]').innerText()).resolves.toMatch(
      /^Please check what you typed: title: /,
    );
    expect(await shownTodos(alice)).toHaveLength(2);
    await screenshot(alice, '3-validation-error');
  }, 30_000);

  it('shows a second person, in a fresh browser, none of the first one’s todos; "Load more" follows the Link header', async () => {
    await signUp(bob, 'Bob');
    expect(await shownTodos(bob)).toEqual([]);
    for (let i = 1; i <= 6; i++) await addTodo(bob, `Bob's task ${i}`);

    await bob.reload();
    expect((await shownTodos(bob)).map(([title]) => title)).toEqual([1, 2, 3, 4, 5].map((i) => `Bob's task ${i}`));
    await bob.getByRole('button', { name: 'Load more' }).click();
    await bob.locator('ul.todos li').nth(5).waitFor();
    expect(await bob.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await bob.locator('ul.todos li', { hasText: "Bob's task 6" }).getByRole('button', { name: 'Delete' }).click();
    await bob.locator('ul.todos li', { hasText: "Bob's task 6" }).waitFor({ state: 'detached' });
    await bob.reload();
    const titles = (await shownTodos(bob)).map(([title]) => title);
    expect(titles).toEqual([1, 2, 3, 4, 5].map((i) => `Bob's task ${i}`));
    expect(await bob.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await bob.content()).not.toContain('Buy milk');
  }, 90_000);

  it('sends a person whose stored token was tampered with back to sign-in, never showing another’s todos', async () => {
    // Bob's token with Alice's claims: what someone editing page storage to impersonate Alice would try.
    const [bobToken, aliceToken] = [await storedToken(bob), await storedToken(alice)];
    const [header, , signature] = (bobToken ?? '').split('.');
    const forged = [header, (aliceToken ?? '').split('.')[1], signature].join('.');
    expect(forged.split('.').every((part) => part.length > 0)).toBe(true);
    await storeToken(bob, forged);

    await bob.reload();
    await bob.waitForURL('**/sign-in?ended=1');
    await bob.getByText('Your session has ended. Please sign in again.').waitFor();
    expect(await bob.content()).not.toContain('Buy milk');
    expect(await storedToken(bob)).toBeNull();
    await screenshot(bob, '4-session-ended');
    // The Better Auth session is gone too: the todo page sends Bob to sign in.
    await bob.goto(`${system.webUrl}/todos`);
    await bob.waitForURL('**/sign-in');
  }, 30_000);

  it('sends a person whose Better Auth session expired back to sign-in', async () => {
    const client = new pg.Client({ connectionString: system.authDatabaseUrl });
    await client.connect();
    try {
      // What expiry does: the session row no longer counts. Ending it by date keeps the test to real time.
      const { rowCount } = await client.query(
        `UPDATE session SET "expiresAt" = now() - interval '1 minute'
          WHERE "userId" = (SELECT id FROM "user" WHERE name = 'Alice')`,
      );
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    await alice.reload();
    await alice.waitForURL('**/sign-in');
    expect(await alice.content()).not.toContain('Buy milk');
  }, 30_000);

  it('lets the first person sign in again and find their todos as they left them', async () => {
    await alice.getByLabel('Email').fill(`alice-${stamp}@example.com`);
    await alice.getByLabel('Password').fill(PASSWORD);
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.waitForURL('**/todos');
    expect(await shownTodos(alice)).toEqual([
      ['Buy milk', true],
      ['Write the report', false],
    ]);
  }, 30_000);
});
