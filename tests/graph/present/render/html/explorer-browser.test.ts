import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cg } from '../../../../cli/run.js';
import { findBrowser, launchArgs, withoutBrowser } from './browser.js';

/*
 * The explorer in a real headless browser: pages written by the built `cg graph --format
 * html`, opened from disk, stepped through with the keyboard and by clicking, the numbers
 * on the page checked against the lecture's. Any console error, page error or request for
 * anything but the page itself fails. Screenshots land in artifacts/ (CG_ARTIFACTS).
 * Without a browser the suite is skipped with a note, except in CI (CI=true), where that fails.
 */

const executablePath = findBrowser();
const ARTIFACTS = process.env.CG_ARTIFACTS ?? join(process.cwd(), 'artifacts');
const dir = mkdtempSync(join(tmpdir(), 'cg-explorer-'));

function write(name: string, args: string[]): string {
  const file = join(dir, name);
  const r = cg(['graph', ...args, '-o', file]);
  expect(r.code, r.stderr).toBe(0);
  return file;
}

interface Row {
  value: string;
  deriv: string;
}

/** The node table as the page shows it: name → [value text, derivative text]. */
async function table(page: Page): Promise<Record<string, Row>> {
  return page.$$eval('#nodes > tbody > tr', (trs) =>
    Object.fromEntries(
      trs.map((tr) => [tr.getAttribute('data-node')!, { value: tr.querySelector(':scope > td.value')!.textContent!, deriv: tr.querySelector(':scope > td.deriv')!.textContent! }]),
    ),
  );
}

const line = (page: Page) => page.$eval('#line', (e) => e.textContent!);
const step = (page: Page) => page.$eval('body', (b) => Number(b.getAttribute('data-step')));

if (!executablePath) {
  withoutBrowser('explorer in a browser');
} else {
  // A browser on a busy 2-core machine: generous per-test time.
  describe('explorer in a real headless browser', { timeout: 120_000 }, () => {
    let browser: Browser;
    const problems: string[] = [];

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const puppeteer = (await import('puppeteer-core')).default;
      browser = await puppeteer.launch({ executablePath, headless: true, args: launchArgs() });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    /** A page opened from disk that records console errors, page errors and every request but its own file. */
    async function open(file: string): Promise<Page> {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 1000 });
      const url = pathToFileURL(file).href;
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => {
        if (r.url() !== url) problems.push(`request: ${r.url()}`);
      });
      await page.goto(url, { waitUntil: 'load' });
      return page;
    }

    it('(x+y)*z at x=-2, y=5, z=-4: every step by keyboard and by clicking, the lecture numbers', async () => {
      problems.length = 0;
      const page = await open(write('xyz.html', ['(x+y)*z', '--at', 'x=-2,y=5,z=-4']));
      const lines = [
        'the inputs: x, y, z',
        'q = x + y = 3',
        'f = q*z = -12',
        '∂f/∂f = 1',
        '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · z(-4) = -4',
        '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · q(3) = 3',
        '∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4',
        '∂f/∂y = ∂f/∂q · ∂q/∂y = -4 · 1 = -4',
      ];
      // Start: only the inputs' values, no gradient yet.
      expect(await line(page)).toBe(lines[0]);
      expect(await table(page)).toEqual({
        x: { value: '-2', deriv: '' },
        y: { value: '5', deriv: '' },
        q: { value: '', deriv: '' },
        z: { value: '-4', deriv: '' },
        f: { value: '', deriv: '' },
      });
      // → through every step; each value appears when computed, each gradient at its line.
      for (let k = 1; k < lines.length; k++) {
        await page.keyboard.press('ArrowRight');
        expect(await step(page)).toBe(k);
        expect(await line(page)).toBe(lines[k]);
      }
      await page.keyboard.press('ArrowRight'); // past the end: stays
      expect(await step(page)).toBe(lines.length - 1);
      // The lecture: x -2/-4, y 5/-4, q 3/-4, z -4/3, f -12/1.
      expect(await table(page)).toEqual({
        x: { value: '-2', deriv: '-4' },
        y: { value: '5', deriv: '-4' },
        q: { value: '3', deriv: '-4' },
        z: { value: '-4', deriv: '3' },
        f: { value: '-12', deriv: '1' },
      });
      // The same numbers on the picture's edges, value above gradient.
      const edges = await page.$$eval('#graph g.edge', (gs) =>
        gs.map((g) => [g.querySelector('title')!.textContent, [...g.querySelectorAll('text')].filter((t) => (t as SVGElement).style.visibility !== 'hidden').map((t) => t.textContent)]),
      );
      expect(edges).toEqual([
        ['n0->n2', ['-2', '-4']],
        ['n1->n2', ['5', '-4']],
        ['n2->n4', ['3', '-4']],
        ['n3->n4', ['-4', '3']],
        ['n4->out', ['-12', '1']],
      ]);
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-xyz-end.png'), fullPage: true });
      // ← back through every step: the gradients disappear again in reverse order.
      for (let k = lines.length - 2; k >= 0; k--) {
        await page.keyboard.press('ArrowLeft');
        expect(await line(page)).toBe(lines[k]);
      }
      expect((await table(page)).f).toEqual({ value: '', deriv: '' });
      // By clicking: Next through the walk, then a node of the picture, then a step in the list.
      for (let k = 1; k <= 4; k++) {
        await page.click('#next');
        expect(await line(page)).toBe(lines[k]);
      }
      expect(await table(page)).toMatchObject({ q: { value: '3', deriv: '-4' }, x: { value: '-2', deriv: '' } });
      await page.click('#prev');
      expect(await line(page)).toBe(lines[3]);
      // In the backward pass, clicking x jumps to where its gradient is complete.
      await page.click('#graph g.node:has(> title)'); // x, the first node drawn
      expect(await line(page)).toBe(lines[6]);
      await page.click('#first');
      // In the forward pass, clicking f jumps to where f is computed.
      const f = await page.$$('#graph g.node');
      for (const g of f) if ((await g.$eval('title', (t) => t.textContent)) === 'n4') await g.click();
      expect(await line(page)).toBe(lines[2]);
      expect(await table(page)).toMatchObject({ f: { value: '-12', deriv: '' } });
      await page.click('#steps li:nth-child(6)');
      expect(await line(page)).toBe(lines[5]);
      await page.click('#last');
      expect(await step(page)).toBe(lines.length - 1);
      // Space plays from the start again, and pauses.
      await page.keyboard.press('Home');
      await page.keyboard.press('Space');
      expect(await page.$eval('#play', (b) => b.getAttribute('aria-pressed'))).toBe('true');
      await page.keyboard.press('Space');
      expect(await page.$eval('#play', (b) => b.getAttribute('aria-pressed'))).toBe('false');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('the sigmoid neuron: every edge of the lecture, stepped forward and back', async () => {
      problems.length = 0;
      const page = await open(write('neuron.html', ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']));
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-neuron-start.png'), fullPage: true });
      const total = await page.$$eval('#steps li', (l) => l.length);
      expect(total).toBe(22); // the start, 8 forward steps, the seed and 12 edges
      const seen: string[] = [];
      for (let k = 1; k < total; k++) {
        await page.keyboard.press('ArrowRight');
        seen.push(await line(page));
        if (k === 6) await page.screenshot({ path: join(ARTIFACTS, 'explorer-neuron-forward.png'), fullPage: true });
        if (k === 12) await page.screenshot({ path: join(ARTIFACTS, 'explorer-neuron-backward.png'), fullPage: true });
      }
      // cs231n's backward pass: 1/x gives -1/p² = -0.53, +1 passes it, exp times e^-1, *-1 flips.
      expect(seen).toContain('∂f/∂p = ∂f/∂f · ∂f/∂p = 1 · (-1/p^2) = -0.534447');
      expect(seen).toContain('∂f/∂u = ∂f/∂v · ∂v/∂u = -0.534447 · exp(u) = -0.196612');
      expect(seen).toContain('∂f/∂t = ∂f/∂u · ∂u/∂t = -0.196612 · (-1) = 0.196612');
      const t = await table(page);
      // The seeds README: w0 -0.196611933241, x0 0.393223866483, w1 -0.393223866483, x1 -0.589835799724, w2 0.196611933241.
      expect(t).toMatchObject({
        w0: { value: '2', deriv: '-0.196612' },
        x0: { value: '-1', deriv: '0.393224' },
        w1: { value: '-3', deriv: '-0.393224' },
        x1: { value: '-2', deriv: '-0.589836' },
        w2: { value: '-3', deriv: '0.196612' },
        q: { value: '-2', deriv: '0.196612' },
        r: { value: '6', deriv: '0.196612' },
        s: { value: '4', deriv: '0.196612' },
        t: { value: '1', deriv: '0.196612' },
        u: { value: '-1', deriv: '-0.196612' },
        v: { value: '0.367879', deriv: '-0.534447' },
        p: { value: '1.36788', deriv: '-0.534447' },
        f: { value: '0.731059', deriv: '1' },
      });
      // The step's parts: upstream × local = contribution, and the gate.
      await page.keyboard.press('End');
      const detail = await page.$eval('#detail', (d) => d.textContent);
      expect(detail).toBe('upstream∂f/∂q =0.196612× local∂q/∂x0 = w0 =2= contribution∂f/∂x0 =0.393224mul switches: each input gets the upstream gradient times the other input');
      for (let k = total - 2; k >= 0; k--) await page.keyboard.press('ArrowLeft');
      expect(await step(page)).toBe(0);
      expect((await table(page)).w0).toEqual({ value: '2', deriv: '' });
      expect(problems).toEqual([]);
      await page.close();
    });

    it("the 2-layer net W2*max(0, W1*x): every entry of W1's value and gradient", async () => {
      problems.length = 0;
      const page = await open(write('net.html', ['W2*max(0, W1*x)', '--at', 'W1=[[1,-2],[3,1],[-1,2]],x=[1,2],W2=[1,1,-1]']));
      await page.keyboard.press('End');
      const grid = (cell: string) =>
        page.$eval(`#nodes tr[data-node="W1"] td.${cell}`, (td) => [...td.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent)));
      expect(await grid('value')).toEqual([['1', '-2'], ['3', '1'], ['-1', '2']]);
      // q = W1 x = [-3, 5, 3]; relu passes rows 2 and 3; ∂f/∂W1 = outer([0, 1, -1], x).
      expect(await grid('deriv')).toEqual([['0', '0'], ['1', '2'], ['-1', '-2']]);
      // The picture too: the edge out of W1 shows both grids, every entry visible at the end.
      const w1 = await page.$$eval('#graph g.edge', (gs) =>
        gs
          .map((g) => [...g.querySelectorAll('text')].filter((t) => (t as SVGElement).style.visibility !== 'hidden').map((t) => t.textContent))
          .find((t) => t.length === 12),
      );
      expect(w1).toEqual(['1', '-2', '3', '1', '-1', '2', '0', '0', '1', '2', '-1', '-2']);
      const seen = await page.$$eval('#steps li', (l) => l.map((x) => x.textContent));
      expect(seen).toContain('∂f/∂q = ∂f/∂r ⊙ ∂r/∂q = [1, 1, -1] ⊙ (1 if q > 0, ½ if q = 0, else 0) = [0, 1, -1]');
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-net-end.png'), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('forward mode: tangents d·/dx node by node', async () => {
      problems.length = 0;
      const page = await open(write('fwd.html', ['x/x^2', '--at', 'x=2', '--mode', 'forward']));
      const lines = await page.$$eval('#steps li', (l) => l.map((x) => x.textContent));
      expect(lines).toEqual([
        'the inputs: x',
        'q = x^2 = 4',
        'f = x/q = 0.5',
        'dx/dx = 1',
        'dq/dx = ∂q/∂x · dx/dx = 2*x · 1 = 4',
        'df/dx = ∂f/∂x · dx/dx + ∂f/∂q · dq/dx = 1/q · 1 + (-x/q^2) · 4 = -0.25',
      ]);
      await page.keyboard.press('End');
      expect(await table(page)).toEqual({ x: { value: '2', deriv: '1' }, q: { value: '4', deriv: '4' }, f: { value: '0.5', deriv: '-0.25' } });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('a model spec (iris): large tensors summarised, all values on click', async () => {
      problems.length = 0;
      const page = await open(write('iris.html', ['fixtures/models/iris.yaml']));
      await page.keyboard.press('End');
      const w1 = await page.$('#nodes tr[data-node="W1"] td.deriv details');
      expect(w1).not.toBeNull();
      expect(await w1!.$eval('summary', (s) => s.textContent)).toMatch(/^4×16 in \[-?[\d.]+, -?[\d.]+\]$/);
      await w1!.click();
      expect(await w1!.$$eval('td', (tds) => tds.length)).toBe(64);
      await page.screenshot({ path: join(ARTIFACTS, 'explorer-iris-end.png'), fullPage: true });
      await page.close();
      // Layers collapsed into boxes, constants hidden: every step still walks without errors.
      const boxed = await open(write('iris-boxed.html', ['fixtures/models/iris.yaml', '--collapse', 'all', '--hide-constants']));
      const n = await boxed.$$eval('#steps li', (l) => l.length);
      for (let k = 1; k < n; k++) await boxed.keyboard.press('ArrowRight');
      expect(await step(boxed)).toBe(n - 1);
      expect((await table(boxed)).loss.deriv).toBe('1');
      await boxed.close();
      expect(problems).toEqual([]);
    });
  });
}
