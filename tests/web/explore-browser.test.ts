import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeGrad } from '../../src/cli/grad.js';
import { loadInputs } from '../../src/cli/inputs.js';
import { diffLoaded } from '../../src/parse/diff.js';
import { EXERCISES } from '../../src/web/exercises.js';
import { cg, cgJson } from '../cli/run.js';
import { anyExpr } from '../graph/expressions.js';
import { findBrowser, launchArgs, withoutBrowser } from '../graph/present/render/html/browser.js';

/*
 * The playground (`cg explore`) in a real headless browser: the page the built CLI writes,
 * opened from disk, typed into with the keyboard. Its numbers, narration and derivatives are
 * compared with the lecture's worked examples and with the CLI's (the built `cg` for the
 * worked examples, the CLI's own functions for 100 random expressions). Any console error,
 * page error or request for anything but the page fails. Screenshots and timings land in
 * artifacts/ (CG_ARTIFACTS). Without a browser the suite is skipped with a note, except in CI.
 */

// The page computes on the TypeScript kernels; so does the CLI it is compared with (in this
// process too: the backend is chosen on first use).
process.env.CG_BACKEND = 'ts';
const TS = { CG_BACKEND: 'ts' };

const executablePath = findBrowser();
const ARTIFACTS = process.env.CG_ARTIFACTS ?? join(process.cwd(), 'artifacts');
const dir = mkdtempSync(join(tmpdir(), 'cg-explore-'));

/** The lecture's numbers (shared/seeds/README.md, "Worked examples"), in EXERCISES' order. */
const LECTURE: { value: number; gradient: Record<string, number> }[] = [
  { value: -12, gradient: { x: -4, y: -4, z: 3 } },
  { value: 6, gradient: { a: 2, b: 5 } },
  { value: 0.73105857863, gradient: { w0: -0.196611933241, x0: 0.393223866483, w1: -0.393223866483, x1: -0.589835799724, w2: 0.196611933241 } },
  { value: 18.2959322623, gradient: { u1: 47.3034095912, u2: 4.7101961747 } },
  { value: 0.25, gradient: { x: -0.25 } },
  { value: 0.5, gradient: { x: -0.25 } },
  { value: 2.14675936264, gradient: { x: 0.492344097 } },
  { value: 0, gradient: { w: 0, x: 0, b: 0 } },
];

/**
 * `got` equals `want` but for the last bits of numbers: the page runs on Chromium's V8,
 * the CLI on Node's, and their Math.log, Math.exp, ... may round the last bit differently
 * (log(3) does: 2.146759362636315 against ...314). Texts, keys and shapes must be equal.
 */
function expectSame(got: unknown, want: unknown, where: string, rtol = 1e-12): void {
  if (typeof want === 'number' && typeof got === 'number') {
    expect(Math.abs(got - want), `${where}: ${got} vs ${want}`).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(want)));
    return;
  }
  if (Array.isArray(want)) {
    expect(Array.isArray(got) && got.length, where).toBe(want.length);
    want.forEach((w, k) => expectSame((got as unknown[])[k], w, `${where}[${k}]`, rtol));
    return;
  }
  if (want && typeof want === 'object') {
    expect(got && typeof got === 'object', where).toBe(true);
    expect(Object.keys(got as object).sort(), where).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) expectSame((got as Record<string, unknown>)[k], w, `${where}.${k}`, rtol);
    return;
  }
  expect(got, where).toEqual(want);
}

/** A number the page printed (6 significant digits) against the lecture's. */
function near(printed: string, want: number): boolean {
  const v = Number(printed);
  return Math.abs(v - want) <= 5e-6 * Math.max(Math.abs(want), 1e-300) + 1e-12;
}

if (!executablePath) {
  withoutBrowser('cg explore in a browser');
} else {
  describe('cg explore in a real headless browser', { timeout: 240_000 }, () => {
    let browser: Browser;
    let file: string;
    const problems: string[] = [];

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      file = join(dir, 'explore.html');
      const r = cg(['explore', '-o', file]);
      expect(r.code, r.stderr).toBe(0);
      const puppeteer = (await import('puppeteer-core')).default;
      browser = await puppeteer.launch({ executablePath, headless: true, args: launchArgs() });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    /** The page from disk (with a hash), recording console errors, page errors and every request but its own. */
    async function open(path: string, hash = '', width = 1200): Promise<Page> {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 1000 });
      const url = pathToFileURL(path).href;
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => {
        if (r.url() !== url && r.url() !== url + hash && r.url() !== 'about:srcdoc') problems.push(`request: ${r.url()}`);
      });
      await page.goto(url + hash, { waitUntil: 'load' });
      await settle(page);
      return page;
    }

    /** Until the page has drawn what was last typed (or shown its error). */
    async function settle(page: Page): Promise<void> {
      await page.waitForFunction(() => !document.body.dataset.pending && (document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'), { timeout: 60_000 });
    }

    /** Replace a box's text by typing, as a learner does (select all, then type). */
    async function typeInto(page: Page, selector: string, text: string): Promise<void> {
      await page.focus(selector);
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyA');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
      await settle(page);
    }

    const text = (page: Page, sel: string) => page.$eval(sel, (e) => e.textContent ?? '');

    /** The gradient table: var → [∂f/∂var, forward, finite diff, ok]. */
    async function gradTable(page: Page): Promise<Record<string, string[]>> {
      return page.$$eval('#grad tbody tr', (trs) =>
        Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-var')!, [...tr.querySelectorAll('td')].map((td) => td.textContent!)].filter(Boolean)).map(([k, tds]) => [k, [(tds as string[])[0], (tds as string[])[1], (tds as string[])[2], (tds as string[])[6]]])),
      );
    }

    /** The step-through page inside the frame. */
    async function frameOf(page: Page) {
      const handle = await page.$('#explorer');
      const f = await handle!.contentFrame();
      return f!;
    }

    it('types each worked example and its values, steps through it, and shows the lecture numbers', async () => {
      problems.length = 0;
      const page = await open(file);
      for (const [k, ex] of EXERCISES.entries()) {
        await typeInto(page, '#expr', ex.expr);
        await typeInto(page, '#at', ex.at);
        expect(await page.$eval('body', (b) => b.dataset.state), ex.expr).toBe('ready');
        const want = LECTURE[k];
        const value = (await text(page, '#value')).split(' = ')[1];
        expect(near(value, want.value), `${ex.expr}: value ${value}`).toBe(true);
        const table = await gradTable(page);
        expect(Object.keys(table).sort()).toEqual(Object.keys(want.gradient).sort());
        for (const [name, g] of Object.entries(want.gradient)) {
          const [reverse, forward, numeric, ok] = table[name];
          expect(near(reverse, g), `${ex.expr}: ∂/∂${name} ${reverse} vs ${g}`).toBe(true);
          expect(near(forward, g), `${ex.expr}: forward ∂/∂${name} ${forward}`).toBe(true);
          expect(Math.abs(Number(numeric) - g), `${ex.expr}: finite diff ∂/∂${name}`).toBeLessThan(1e-5);
          expect(ok).toBe('✓');
        }
        // Step through the picture with the keyboard to the last step: every gradient on the page is the lecture's.
        const f = await frameOf(page);
        await f.focus('#next');
        await page.keyboard.press('End');
        const rows = await f.$$eval('#nodes > tbody > tr', (trs) => trs.map((tr) => [tr.getAttribute('data-node')!, tr.querySelector('td.deriv')!.textContent!]));
        const derivs = Object.fromEntries(rows);
        for (const [name, g] of Object.entries(want.gradient)) expect(near(derivs[name], g), `${ex.expr}: frame ∂/∂${name} ${derivs[name]}`).toBe(true);
        if (k === 0) {
          // The first example step by step, as the lecture narrates it.
          await page.keyboard.press('Home');
          const lines: string[] = [];
          for (let s = 0; s < 8; s++) {
            lines.push(await f.$eval('#line', (e) => e.textContent!));
            await page.keyboard.press('ArrowRight');
          }
          expect(lines).toEqual([
            'the inputs: x, y, z',
            'q = x + y = 3',
            'f = q*z = -12',
            '∂f/∂f = 1',
            '∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · z(-4) = -4',
            '∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · q(3) = 3',
            '∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4',
            '∂f/∂y = ∂f/∂q · ∂q/∂y = -4 · 1 = -4',
          ]);
          await page.screenshot({ path: join(ARTIFACTS, 'explore-xyz.png'), fullPage: true });
        }
      }
      // The narration and the derivative as the CLI prints them, for the last example (relu at its kink).
      expect(await text(page, '#narration')).toContain('relu');
      expect(await text(page, '#diff')).toMatch(/d\w+_dw = /);
      expect(problems).toEqual([]);
    });

    it('a syntax error shows the CLI\'s message with its caret; a bad value points into the values', async () => {
      problems.length = 0;
      const page = await open(file);
      await typeInto(page, '#at', 'x=-2, y=5, z=-4');
      await typeInto(page, '#expr', '(x+y)*');
      expect(await page.$eval('body', (b) => b.dataset.state)).toBe('error');
      const shown = await text(page, '#error');
      const cli = cg(['grad', '(x+y)*', '--at', 'x=-2, y=5, z=-4']);
      expect(cli.code).toBe(2);
      expect(shown).toBe(cli.stderr.trimEnd());
      expect(shown).toMatch(/\n {2}\(x\+y\)\*\n {8}\^$/);
      expect(await page.$eval('#expr', (e) => e.getAttribute('aria-invalid'))).toBe('true');
      await page.screenshot({ path: join(ARTIFACTS, 'explore-syntax-error.png') });
      // Fixed: the error goes and the graph is drawn again.
      await page.keyboard.type('z');
      await settle(page);
      expect(await page.$eval('#error', (e) => (e as HTMLElement).hidden)).toBe(true);
      expect((await text(page, '#value')).trim()).toBe('f = -12');
      await typeInto(page, '#at', 'x=-2, y=5, z=');
      expect(await page.$eval('#at', (e) => e.getAttribute('aria-invalid'))).toBe('true');
      expect(await text(page, '#error')).toMatch(/\^/);
      expect(problems).toEqual([]);
    });

    it('the URL\'s hash holds the state: a link reproduces the page', async () => {
      problems.length = 0;
      const page = await open(file);
      await typeInto(page, '#expr', 't = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)');
      await typeInto(page, '#at', 'u1=1, u2=-1');
      await page.click('input[name=mode][value=forward]');
      await typeInto(page, '#wrt', 'u2');
      const hash = await page.evaluate(() => location.hash);
      expect(hash).toMatch(/mode=forward/);
      const narration = await text(page, '#narration');
      expect(narration).toMatch(/forward-mode sweep, tangents d·\/du2/);
      const again = await open(file, hash);
      expect(await again.$eval('#expr', (e) => (e as HTMLTextAreaElement).value)).toBe('t = exp(u1) + exp(2*u2); exp(t) + sigmoid(t)');
      expect(await again.$eval('#at', (e) => (e as HTMLInputElement).value)).toBe('u1=1, u2=-1');
      expect(await again.$eval('input[name=mode][value=forward]', (e) => (e as HTMLInputElement).checked)).toBe(true);
      expect(await text(again, '#narration')).toBe(narration);
      expect(await text(again, '#value')).toBe(await text(page, '#value'));
      // A page `cg explore EXPR --at` wrote starts there (and its hash then says so).
      const neuron = join(dir, 'neuron.html');
      expect(cg(['explore', EXERCISES[2].expr, '--at', 'w0=2,x0=-1,w1=-3,x1=-2,w2=-3', '-o', neuron]).code).toBe(0);
      const p3 = await open(neuron);
      expect(await text(p3, '#value')).toBe('f = 0.731059');
      expect(await p3.evaluate(() => decodeURIComponent(location.hash))).toContain('w0=2,x0=-1');
      expect(problems).toEqual([]);
    });

    it('practice mode: an equivalent expression passes, a wrong one gets the hint, the score adds up', async () => {
      problems.length = 0;
      // 1/x^2 at x = 2: q = x^2, f = 1/q.
      const page = await open(file, '#e=1%2Fx%5E2&at=x%3D2&practice=1&ex=5');
      expect(await page.$eval('#practice-panel', (e) => (e as HTMLElement).hidden)).toBe(false);
      // The answers stay hidden: no gradient table, the frame at the step before the question.
      expect(await page.$eval('#results', (e) => getComputedStyle(e).display)).toBe('none');
      const answer = async (a: string) => {
        await typeInto(page, '#answer', a);
        await page.keyboard.press('Enter');
        return { feedback: await text(page, '#feedback'), question: await text(page, '#question') };
      };
      expect(await text(page, '#question')).toBe('1 of 6 · forward pass: q = x^2. What is q?');
      const f = await frameOf(page);
      expect(await f.$eval('#line', (e) => e.textContent)).toBe('the inputs: x');
      expect((await answer('4')).feedback).toBe('right: q = x^2 = 4');
      expect((await answer('1/4')).question).toMatch(/^3 of 6 · ∂f\/∂q: the local derivative of f = 1\/q with respect to q/);
      const wrong = await answer('1/q^2');
      expect(wrong.feedback).toMatch(/^1\/q\^2 is 0\.0625 here, not the local derivative\. Hint: .*differentiate f = 1\/q with respect to q alone.*inputs q = 4/);
      expect(await page.$eval('#feedback', (e) => e.className)).toBe('wrong');
      expect(wrong.question).toMatch(/^3 of 6/);
      // -f² is -1/q²: another form of the rule, accepted.
      expect((await answer('-f^2')).feedback).toBe('right: ∂f/∂q = -1/q^2 = -0.0625');
      expect((await answer('-0.0625')).question).toMatch(/^5 of 6 · ∂q\/∂x/);
      expect((await answer('x + x')).feedback).toBe('right: ∂q/∂x = 2*x = 4');
      await answer('-1/4');
      expect(await text(page, '#question')).toBe('Done: 5 of 6 right at the first try (7 answers in all).');
      expect(await page.$eval('body', (b) => b.dataset.score)).toBe('5/6/7');
      // The fan-out: x / x^2 uses x twice; one path alone is not its gradient.
      await page.click('#next-exercise');
      await settle(page);
      expect(await page.$eval('#exercise', (e) => (e as HTMLSelectElement).value)).toBe('5');
      for (let k = 0; k < 8; k++) await page.click('#reveal');
      expect(await text(page, '#question')).toMatch(/^9 of 9 · x is used 2 times \(by f, q\): ∂f\/∂x, its whole gradient\?/);
      const one = await answer('-0.5');
      expect(one.feedback).toMatch(/^that is only the path via q\. Hint: the fan-out: .*sum \(\+=\)/);
      expect((await answer('0.25 - 0.5')).feedback).toMatch(/^right: ∂f\/∂x = \(path via f\) \+ \(path via q\)/);
      expect(await page.$eval('body', (b) => b.dataset.score)).toBe('0/9/2');
      await page.screenshot({ path: join(ARTIFACTS, 'explore-practice.png'), fullPage: true });
      expect(problems).toEqual([]);
    });

    it('works with the keyboard alone: Tab to a worked example, practice it, answer with Enter', async () => {
      problems.length = 0;
      const page = await open(file);
      const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
      // Tab from the top: the expression, the values, the mode, the forward variable, the examples.
      const order: string[] = [];
      for (let k = 0; k < 6; k++) {
        await page.keyboard.press('Tab');
        order.push(await focused());
      }
      expect(order.slice(0, 2)).toEqual(['expr', 'at']);
      expect(order).toContain('exercise');
      expect(order).toContain('practice');
      // Back to the list of examples; ↓ picks the next one (as a learner's arrow key does on a focused select).
      for (let k = 0; k < 8 && (await focused()) !== 'exercise'; k++) {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
      }
      await page.keyboard.press('ArrowDown');
      await settle(page);
      expect(await page.$eval('#expr', (e) => (e as HTMLTextAreaElement).value)).toBe(EXERCISES[1].expr);
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('practice');
      await page.keyboard.press('Space');
      await settle(page);
      expect(await focused()).toBe('answer');
      expect(await text(page, '#question')).toMatch(/^1 of \d+ · forward pass: c = a \+ b\. What is c\?$/);
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      expect(await text(page, '#feedback')).toBe('right: c = a + b = 3');
      expect(await focused()).toBe('answer');
      expect(await page.$eval('body', (b) => b.dataset.score)).toBe('1/1/1');
      expect(problems).toEqual([]);
    });

    it('reads on a phone-sized screen: nothing wider than the screen', async () => {
      problems.length = 0;
      const page = await open(file, '#e=1%2F(1%2Bexp(-(w0*x0%2Bw1*x1%2Bw2)))&at=w0%3D2%2Cx0%3D-1%2Cw1%3D-3%2Cx1%3D-2%2Cw2%3D-3', 375);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(ARTIFACTS, 'explore-narrow.png'), fullPage: true });
      expect(problems).toEqual([]);
    });

    it('the page\'s numbers, narration and cg diff are the CLI\'s: every worked example (the built cg) and 100 random expressions', async () => {
      problems.length = 0;
      const page = await open(file);
      const run = (expr: string, at: string) => page.evaluate((s) => (window as unknown as { cg: { run(s: unknown): any } }).cg.run(s), { expr, at, mode: 'reverse', wrt: '' });
      for (const ex of EXERCISES) {
        const mine = await run(ex.expr, ex.at);
        const grad = cgJson(['grad', ex.expr, '--at', ex.at, '--steps'], TS);
        expect(grad.code, grad.stderr).toBe(0);
        expectSame(mine.value, grad.json.value, `${ex.expr}: value`);
        expectSame(mine.gradient, grad.json.gradient, `${ex.expr}: gradient`);
        expectSame(mine.forward, grad.json.forward, `${ex.expr}: forward`);
        expectSame(mine.steps, grad.json.steps, `${ex.expr}: steps`);
        // The check's finite differences divide rounding by the step, so their last bits differ more.
        for (const c of mine.check) {
          const k = grad.json.check.components[c.label];
          expectSame(c.analytic, k.analytic, `${ex.expr}: check ${c.label}`);
          expectSame(c.numeric, k.numeric, `${ex.expr}: check ${c.label}`, 1e-10);
          expect(c.verdict, c.label).toBe(k.verdict);
        }
        const text = cg(['grad', ex.expr, '--at', ex.at, '--steps'], TS);
        expect(text.stdout.endsWith(mine.stepsText), ex.expr).toBe(true);
        const diff = cgJson(['diff', ex.expr, '--at', ex.at, '--steps'], TS);
        expectSame(mine.diff, diff.json, `${ex.expr}: diff`);
      }
      // 100 random expressions over every scalar op, against the CLI's own functions in this process.
      const exprs = fc.sample(anyExpr(3), { seed: 28, numRuns: 100 });
      const at = 'x=0.3, y=-0.7, z=1.1';
      let compared = 0;
      for (const expr of exprs) {
        const mine = await run(expr, at);
        let cli: ReturnType<typeof computeGrad> | undefined;
        let error: string | undefined;
        try {
          cli = computeGrad(expr, { at: [at], steps: true });
        } catch (e) {
          error = (e as Error).message;
        }
        if (!cli) {
          expect(mine.ok, expr).toBe(false);
          expect(mine.error, expr).toContain(error);
          continue;
        }
        const json = JSON.parse(JSON.stringify(cli));
        expectSame(mine.value, json.value, `${expr}: value`);
        expectSame(mine.gradient, json.gradient, `${expr}: gradient`);
        expectSame(mine.forward, json.forward, `${expr}: forward`);
        expectSame(mine.steps, json.steps, `${expr}: steps`);
        let diff: unknown;
        try {
          diff = JSON.parse(JSON.stringify(diffLoaded(expr, loadInputs(expr, { at: [at] }), { steps: true })));
        } catch (e) {
          diff = { error: (e as Error).message };
        }
        if ('error' in (mine.diff as object)) expect((mine.diff as { error: string }).error, expr).toContain((diff as { error: string }).error);
        else expectSame(mine.diff, diff, `${expr}: diff`);
        compared++;
      }
      expect(compared).toBeGreaterThan(80);
      expect(problems).toEqual([]);
    });

    it('figures: page size, load to first drawing, keystroke to updated graph (neuron, 200 nodes)', async () => {
      problems.length = 0;
      const html = readFileSync(file);
      const figures: Record<string, unknown> = { bytes: html.length, gzipped: gzipSync(html, { level: 9 }).length };
      const page = await open(file);
      figures.firstDrawMs = Number(await page.$eval('body', (b) => b.dataset.firstDrawMs));
      const parts: unknown[] = [];
      const keystroke = async (expr: string, at: string) => {
        await typeInto(page, '#expr', expr);
        await typeInto(page, '#at', at);
        const times: number[] = [];
        // Keystrokes that change a value (digits appended to the last one): values, gradients,
        // narration and the picture's labels all change, so everything runs again, layout included.
        await page.focus('#at');
        await page.keyboard.press('End');
        for (const digit of '123') {
          await page.keyboard.type(digit);
          await settle(page);
          times.push(Number(await page.$eval('body', (b) => b.dataset.keystrokeMs)));
          parts.push(JSON.parse((await page.$eval('body', (b) => b.dataset.timing))!));
        }
        return times;
      };
      figures.neuronKeystrokeMs = await keystroke(EXERCISES[2].expr, EXERCISES[2].at);
      // About 200 nodes: a sum of 40 terms sin(a*x_k + b)·x_k.
      const big = Array.from({ length: 40 }, (_, k) => `sin(a*x${k} + b)*x${k}`).join(' + ');
      const bigAt = ['a=0.5', 'b=-0.2', ...Array.from({ length: 40 }, (_, k) => `x${k}=${((k % 7) - 3) / 4}`)].join(', ');
      figures.bigKeystrokeMs = await keystroke(big, bigAt);
      figures.parts = parts;
      figures.bigNodes = await (await frameOf(page)).$$eval('#graph g.node', (gs) => gs.length);
      expect(figures.bigNodes as number).toBeGreaterThanOrEqual(200);
      expect(await page.$eval('body', (b) => b.dataset.state)).toBe('ready');
      writeFileSync(join(ARTIFACTS, 'explore-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
      // eslint-disable-next-line no-console
      console.log('cg explore figures (this machine, shared and loaded):', JSON.stringify(figures));
      expect(html.length).toBeLessThan(1.5 * 1024 * 1024);
      expect(problems).toEqual([]);
    });
  });
}
