// Debian's Chromium, headless, with its profile under a temporary folder of its own: the
// small suites (recorder, model types) launch it the same way. The proof adds its widget-host
// flags to the same launch itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function launchChromium(prefix) {
  // Playwright gives every launch a new empty --user-data-dir of its own under TMPDIR.
  const profile = mkdtempSync(join(tmpdir(), `${prefix}-profile-`));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
    env: { ...process.env, TMPDIR: profile },
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
