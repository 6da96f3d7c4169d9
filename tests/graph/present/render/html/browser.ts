import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A real headless browser for the explorer's tests: Debian's chromium (apt-get install
 * chromium, as .ci/run does), driven by puppeteer-core. CG_CHROMIUM names another binary.
 */

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findBrowser(): string | undefined {
  const own = process.env.CG_CHROMIUM;
  if (own) return existsSync(own) ? own : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Flags for a quiet, isolated browser: no sandbox (containers), no GPU, nothing fetched in the background. */
export function launchArgs(): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cg-chromium-'))}`,
  ];
}
