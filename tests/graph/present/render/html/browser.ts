import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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

/** No browser here: in CI a failing test (.ci/run installs chromium), elsewhere a skipped one that says so. */
export function withoutBrowser(what: string): void {
  describe(what, () => {
    if (process.env.CI === 'true') {
      it('needs a browser in CI (apt-get install chromium, or set CG_CHROMIUM)', () => {
        expect.fail('no chromium found: .ci/run installs it');
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`NOTE: ${what}: browser tests SKIPPED: no chromium found (install chromium or set CG_CHROMIUM)`);
      it.skip('SKIPPED: no chromium on this machine (install chromium or set CG_CHROMIUM)', () => {});
    }
  });
}
