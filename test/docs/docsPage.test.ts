// Item 4: /docs renders in a real headless Chromium (Debian's package, installed by ensureChromium.sh), same-origin only.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ARTIFACTS, BROWSER_SETUP_TIMEOUT_MS, launchChromium, type Chromium } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let server: Server;
let origin: string;
let chromium: Chromium;

beforeAll(async () => {
  ctx = await createTestApp();
  server = ctx.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  chromium = await launchChromium();
}, BROWSER_SETUP_TIMEOUT_MS);

afterAll(async () => {
  await chromium?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await ctx?.close();
});

describe('/docs in a real browser', () => {
  it('renders Swagger UI listing the auth and todo operations, loading nothing from elsewhere', async () => {
    const page = await chromium.context.newPage();
    // Well under the test's own timeout, so a missing operation fails with its name, not a bare timeout.
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    page.on('request', (req) => {
      if (!req.url().startsWith(`${origin}/`)) problems.push(`off-origin request: ${req.url()}`);
    });

    const response = await page.goto(`${origin}/docs`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'self'/);

    // Swagger UI inserts zero-width spaces into displayed paths; data-path holds the path as written.
    for (const operationPath of ['/api/auth/signup', '/api/auth/signin', '/api/auth/me', '/api/users/{userId}/todos']) {
      await page.locator(`.opblock-summary-path[data-path="${operationPath}"]`).first().waitFor({ state: 'visible' });
    }
    const text = (await page.locator('#swagger-ui').innerText()).replace(/\u200b/g, '');
    expect(text).toContain('/api/auth/signup');
    expect(text).toContain('/api/users/{userId}/todos/{todoId}');
    // The bearer scheme gives the page its Authorize button.
    expect(await page.locator('.btn.authorize').first().isVisible()).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
