// Debian's chromium driven by playwright-core, for the browser tests: installed by ensureChromium.sh, never downloaded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Where browser tests save their screenshots (gitignored; CI keeps it as an artifact). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
/** Installing the browser with apt once can take a minute or two; later runs find it at once. */
export const BROWSER_SETUP_TIMEOUT_MS = 300_000;

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Installs chromium when absent (fails loudly when it cannot), then starts it headless with a throwaway profile. */
export async function launchChromium(): Promise<Chromium> {
  execFileSync('bash', [path.join(__dirname, '..', 'docs', 'ensureChromium.sh')], { stdio: 'inherit' });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'rampart-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Containers (CI's node:20-bookworm) give /dev/shm only 64 MB; chromium then crashes tabs without this.
      '--disable-dev-shm-usage',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
