import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cg } from '../../../../cli/run.js';
import { findBrowser, launchArgs, withoutBrowser } from './browser.js';

/*
 * The explorer reads at any size (issue 26): the sigmoid neuron, the iris spec and a
 * 500-node expression, opened in a 1000×900 window and stepped through. At every step
 * checked: the current node's text is at least 11 px on screen, the current node lies
 * inside the picture's viewport, the viewport itself never moves, the text of the marked
 * node or edge (grids included) has a contrast of at least 4.5:1 against what is behind
 * it. Zoom and pan answer the keyboard, the wheel and a drag. Screenshots at the start,
 * middle and end of the backward pass land in artifacts/ (CG_ARTIFACTS).
 */

const executablePath = findBrowser();
const ARTIFACTS = process.env.CG_ARTIFACTS ?? join(process.cwd(), 'artifacts');
const dir = mkdtempSync(join(tmpdir(), 'cg-readable-'));

/** bench/draw.mjs's family: a sum of terms, each with its own constant. */
function sumOfTerms(terms: number): string {
  const shapes = [
    (k: string) => `sin(${k}*x*y)`,
    (k: string) => `cos(x+${k}*y^2)`,
    (k: string) => `exp(-${k}*x*y)`,
    (k: string) => `log(1+${k}*x^2)`,
    (k: string) => `tanh(${k}*x-y)`,
    (k: string) => `sqrt(1+${k}*y^2)`,
  ];
  return Array.from({ length: terms }, (_, i) => shapes[i % 6](((i + 1) / 10).toFixed(1))).join(' + ');
}

function write(name: string, args: string[]): { file: string; nodes: number } {
  const file = join(dir, name);
  const r = cg(['graph', ...args, '-o', file]);
  expect(r.code, r.stderr).toBe(0);
  return { file, nodes: Number(/(\d+) nodes/.exec(r.stdout)![1]) };
}

interface StepCheck {
  step: number;
  node: string | null;
  /** Smallest on-screen font size of the current node's text, px. */
  font: number | null;
  inside: boolean;
  viewport: [number, number, number, number];
  picture: [number, number, number, number];
  /** Lowest contrast of the marked node's and edge's text against what lies behind it. */
  contrast: number | null;
}

/** What the page shows at its current step, measured in the browser. */
function measure(page: Page): Promise<StepCheck> {
  return page.evaluate(() => {
    const parse = (c: string): [number, number, number] => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [255, 255, 255];
    };
    const lum = ([r, g, b]: [number, number, number]) => {
      const f = (x: number) => {
        const s = x / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: [number, number, number], b: [number, number, number]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    /** The fill behind a text: the first filled shape under its centre. */
    const behind = (t: Element): [number, number, number] => {
      const r = t.getBoundingClientRect();
      for (const e of document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
        if (e === t || e.tagName === 'text' || e.tagName === 'tspan') continue;
        if (!['polygon', 'ellipse', 'path', 'rect'].includes(e.tagName)) continue;
        const fill = getComputedStyle(e).fill;
        if (fill && fill !== 'none' && !fill.startsWith('rgba(0, 0, 0, 0)')) return parse(fill);
      }
      return [255, 255, 255];
    };
    const step = Number(document.body.getAttribute('data-step'));
    const vp = document.getElementById('graph')!.getBoundingClientRect();
    const svg = document.querySelector('#graph svg')!.getBoundingClientRect();
    const node = document.querySelector('#graph g.node.current');
    let font = Infinity;
    let inside = true;
    if (node) {
      for (const t of node.querySelectorAll('text')) {
        const box = (t as SVGTextElement).getBBox();
        const size = parseFloat(t.getAttribute('font-size') ?? '14');
        if (box.height > 0) font = Math.min(font, (size * t.getBoundingClientRect().height) / box.height);
      }
      const r = node.getBoundingClientRect();
      inside = r.left >= vp.left && r.top >= vp.top && r.right <= vp.right && r.bottom <= vp.bottom;
    }
    let contrast = Infinity;
    for (const g of document.querySelectorAll('#graph g.current')) {
      for (const t of g.querySelectorAll('text')) {
        if (getComputedStyle(t).visibility === 'hidden') continue;
        contrast = Math.min(contrast, ratio(parse(getComputedStyle(t).fill), behind(t)));
      }
    }
    const box = (r: DOMRect): [number, number, number, number] => [r.left, r.top, r.width, r.height].map((x) => Math.round(x)) as [number, number, number, number];
    return { step, node: node?.querySelector('title')?.textContent ?? null, font: font === Infinity ? null : font, inside, viewport: box(vp), picture: box(svg), contrast: contrast === Infinity ? null : contrast };
  });
}

const scale = (page: Page) => page.$eval('#graph', (g) => Number(g.getAttribute('data-scale')));
const offset = (page: Page) =>
  page.$eval('#stage', (s) => {
    const m = /translate\(([-\d.e]+)px(?:, ([-\d.e]+)px)?\)/.exec((s as HTMLElement).style.transform);
    if (!m) throw new Error(`no translate in ${(s as HTMLElement).style.transform}`);
    return [Number(m[1]), Number(m[2] ?? 0)];
  });

if (!executablePath) {
  withoutBrowser('the explorer reads at any size');
} else {
  describe('the explorer reads at any size (real headless browser)', { timeout: 300_000 }, () => {
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

    async function open(file: string): Promise<Page> {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 900 });
      page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      return page;
    }

    const frameCount = (page: Page) => page.$eval('#steps', (o) => o.children.length);
    const go = (page: Page, k: number) => page.evaluate((i) => (document.querySelectorAll('#steps li')[i] as HTMLElement).click(), k);
    const backwardStart = (page: Page) => page.$$eval('#steps li', (lis) => lis.findIndex((li) => li.textContent!.startsWith('∂')));

    /** Every step (or `samples` of them, evenly), each measured; screenshots at the backward pass's start, middle and end. */
    async function walk(page: Page, name: string, samples?: number): Promise<number> {
      const n = await frameCount(page);
      const back = await backwardStart(page);
      expect(back).toBeGreaterThan(0);
      const shots = new Map([
        [back, 'start'],
        [Math.floor((back + n - 1) / 2), 'middle'],
        [n - 1, 'end'],
      ]);
      const ks = samples ? [...new Set([...Array.from({ length: samples }, (_, i) => Math.floor((i * (n - 1)) / (samples - 1))), ...shots.keys()])].sort((a, b) => a - b) : Array.from({ length: n }, (_, i) => i);
      const first = await measure(page);
      let before = first;
      let measured = 0;
      let moves = 0;
      for (const k of ks) {
        const needed = await outOfView(page, k);
        await go(page, k);
        const m = await measure(page);
        expect(m.step).toBe(k);
        expect(m.viewport, `${name} step ${k}: the picture's viewport moved`).toEqual(first.viewport);
        // The picture pans only to bring the step's node or edge into view, never otherwise.
        if (!needed) expect(m.picture, `${name} step ${k}: the picture moved`).toEqual(before.picture);
        else if (m.picture.join() !== before.picture.join()) moves++;
        expect(m.picture[2], `${name} step ${k}: the picture changed size`).toBe(first.picture[2]);
        before = m;
        if (m.node) {
          measured++;
          expect(m.font, `${name} step ${k} (${m.node}): text ${m.font} px`).toBeGreaterThanOrEqual(11 - 0.05);
          expect(m.inside, `${name} step ${k} (${m.node}): outside the viewport`).toBe(true);
        }
        if (m.contrast !== null) expect(m.contrast, `${name} step ${k}: contrast`).toBeGreaterThanOrEqual(4.5);
        const shot = shots.get(k);
        if (shot) await page.screenshot({ path: join(ARTIFACTS, `readable-${name}-${shot}.png`) });
      }
      expect(measured).toBeGreaterThan(ks.length / 2);
      return moves;
    }

    /** Whether step k's node or edge lies outside the picture's viewport before stepping to it. */
    function outOfView(page: Page, k: number): Promise<boolean> {
      return page.evaluate((i) => {
        const frame = JSON.parse(document.getElementById('cg-data')!.textContent!).frames[i];
        const vp = document.getElementById('graph')!.getBoundingClientRect();
        const out = (e: Element | undefined) => {
          if (!e) return false;
          const r = e.getBoundingClientRect();
          return r.left < vp.left + 8 || r.top < vp.top + 8 || r.right > vp.right - 8 || r.bottom > vp.bottom - 8;
        };
        const byTitle = (sel: string, t: string) => [...document.querySelectorAll(sel)].find((g) => g.querySelector('title')!.textContent === t);
        return out(frame.node ? byTitle('#graph g.node', frame.node) : undefined) || out(frame.edge ? byTitle('#graph g.edge', `${frame.edge.from}->${frame.edge.to}`) : undefined);
      }, k);
    }

    it('the sigmoid neuron: every step readable, the picture still', async () => {
      problems.length = 0;
      const page = await open(write('neuron.html', ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']).file);
      // In a 1000 px window the neuron at a readable size is a little wider than its viewport: it pans at most a few times.
      expect(await walk(page, 'neuron')).toBeLessThanOrEqual(4);
      // One legend: the page's, none inside the picture.
      expect(await page.$$eval('#graph svg text', (ts) => ts.filter((t) => t.textContent!.includes('gradient (backward pass)')).length)).toBe(0);
      expect(problems).toEqual([]);
    });

    it('the iris spec: every step readable, grids in contrast', async () => {
      problems.length = 0;
      const page = await open(write('iris.html', ['fixtures/models/iris.yaml']).file);
      await walk(page, 'iris');
      expect(problems).toEqual([]);
    });

    it('a 500-node expression: drawn by the layered layout, readable and followed at every sampled step', async () => {
      problems.length = 0;
      const { file, nodes } = write('big.html', [sumOfTerms(97), '--at', 'x=0.5,y=0.7']);
      expect(nodes).toBeGreaterThanOrEqual(500);
      const page = await open(file);
      expect(await page.$eval('#graph svg', (s) => s.getAttribute('data-layout'))).toBe('layered');
      await walk(page, 'sum500', 40);
      expect(problems).toEqual([]);
    });

    it('zoom and pan: keys, the wheel, a drag and the fit button', async () => {
      problems.length = 0;
      const page = await open(write('neuron-zoom.html', ['1/(1+exp(-(w0*x0+w1*x1+w2)))', '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3']).file);
      const s0 = await scale(page);
      await page.keyboard.press('+');
      expect(await scale(page)).toBeCloseTo(s0 * 1.25, 2);
      await page.keyboard.press('-');
      expect(await scale(page)).toBeCloseTo(s0, 2);
      const [x0, y0] = await offset(page);
      await page.keyboard.down('Shift');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.up('Shift');
      const [xa, ya] = await offset(page);
      expect(xa).toBeCloseTo(x0 + 60, 6);
      expect(ya).toBeCloseTo(y0 + 60, 6);
      // Shift+arrows pan without stepping.
      expect(await page.$eval('body', (b) => b.getAttribute('data-step'))).toBe('0');
      const vp = (await page.$eval('#graph', (g) => {
        const r = g.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2];
      })) as [number, number];
      await page.mouse.move(vp[0], vp[1]);
      await page.mouse.wheel({ deltaY: -200 });
      await page.waitForFunction((s) => Number(document.getElementById('graph')!.getAttribute('data-scale')) > s * 1.2, {}, s0);
      const zoomed = await scale(page);
      // Zoom about the pointer: the point under it stays put.
      const [x1, y1] = await offset(page);
      const v = await page.$eval('#graph', (g) => g.getBoundingClientRect().toJSON());
      const px = vp[0] - v.left;
      const py = vp[1] - v.top;
      expect((px - x1) / zoomed).toBeCloseTo((px - (x0 + 60)) / s0, 0);
      expect((py - y1) / zoomed).toBeCloseTo((py - (y0 + 60)) / s0, 0);
      await page.mouse.down();
      await page.mouse.move(vp[0] + 40, vp[1] + 25, { steps: 5 });
      await page.mouse.up();
      const [xb, yb] = await offset(page);
      expect(xb).toBeCloseTo(x1 + 40, 6);
      expect(yb).toBeCloseTo(y1 + 25, 6);
      // A drag is no click: the step did not change.
      expect(await page.$eval('body', (b) => b.getAttribute('data-step'))).toBe('0');
      await page.click('#fit');
      expect(await scale(page)).toBeCloseTo(s0, 3);
      expect(problems).toEqual([]);
    });
  });
}
