// The trainer and playground end to end, in headless Chromium (Debian's chromium, driven by
// playwright-core; no browser is downloaded), against the built site (`npm run build:web`, run
// by `npm test`) served on 127.0.0.1. Screenshots of every step go to test-output/web/; sizes
// and the in-page analyzer timings to test-output/web/report.json.
// Skipped with a reason when Chromium is absent; under CI=true a missing Chromium fails.

import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type SiteServer, serveSite, siteDir } from '../src/cli/train.js';
import { ALL_RULES } from '../src/rules.js';
import { exercisesFrom } from '../src/web/exercises.js';
import { needTool } from './support/toolchain.js';

// Debian's chromium package; GOTRAP_CHROMIUM points elsewhere (never a downloaded browser).
const CHROMIUM = process.env.GOTRAP_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SITE = siteDir();
const OUT = join(process.cwd(), 'test-output', 'web');
const EXERCISES = exercisesFrom(ALL_RULES);
const FIRST_LOAD_BUDGET = 2 * 1024 * 1024;

const skip = needTool('chromium', existsSync(CHROMIUM) ? CHROMIUM : null);

describe('trainer and playground in Chromium', { skip, timeout: 180_000 }, () => {
  let site: SiteServer;
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  const report: Record<string, unknown> = {};
  /** Requests to anything but the local server: there must be none (no CDN, no font, no API). */
  const external: string[] = [];
  let shot = 0;

  const screenshot = async (name: string) => {
    shot++;
    await page.screenshot({
      path: join(OUT, `${String(shot).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };
  // Code run in the page is passed as text: the Node test code has no DOM types.
  const ANALYSES = "Number(document.getElementById('main').dataset.analyses ?? '0')";
  const analyses = async () => (await page.evaluate(ANALYSES)) as number;
  /** Waits until the page has analyzed the code again and stopped (no analysis for 300 ms). */
  const settle = async (since: number) => {
    await page.waitForFunction(`${ANALYSES} > ${since}`);
    let n = await analyses();
    for (;;) {
      await page.waitForTimeout(300);
      const m = await analyses();
      if (m === n) return;
      n = m;
    }
  };
  const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? '';
  const statusText = () => text('.verdict');

  before(async () => {
    assert.ok(existsSync(join(SITE, 'index.html')), `${SITE} is not built: run \`npm run build:web\``);
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    site = await serveSite(SITE);
    profile = mkdtempSync(join(tmpdir(), 'gotrap-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    ctx.on('request', (req) => {
      if (!req.url().startsWith(site.url) && !req.url().startsWith('data:')) external.push(req.url());
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('pageerror', (e) => {
      throw new Error(`error in the page: ${e.message}`);
    });
  });

  after(async () => {
    writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await ctx?.close();
    await site?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('first load of an exercise stays under 2 MB without the grammars', async (t) => {
    const sizes: Array<{ url: string; bytes: number }> = [];
    const onDone = async (req: import('playwright-core').Request) => {
      const s = await req.sizes();
      sizes.push({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize });
    };
    page.on('requestfinished', onDone);
    await page.goto(`${site.url}#/exercise/LN001`);
    await page.waitForSelector('.verdict.open');
    await page.waitForTimeout(300);
    page.off('requestfinished', onDone);
    const wasm = sizes.filter((s) => s.url.endsWith('.wasm'));
    const rest = sizes.filter((s) => !s.url.endsWith('.wasm'));
    const sum = (xs: typeof sizes) => xs.reduce((n, s) => n + s.bytes, 0);
    const files = listFiles(SITE);
    // What a host that compresses (most do) would send for the same files.
    const gzip = rest.reduce((n, r) => {
      const file = r.url.replace(site.url, '') || 'index.html';
      return n + gzipSync(readFileSync(join(SITE, file))).length;
    }, 0);
    report.site = {
      totalBytes: files.reduce((n, f) => n + f.bytes, 0),
      files,
      firstLoad: {
        bytesWithoutWasm: sum(rest),
        gzipBytesWithoutWasm: gzip,
        wasmBytes: sum(wasm),
        requests: sizes.map((s) => s.url.replace(site.url, '')),
      },
    };
    t.diagnostic(
      `site ${kb(files.reduce((n, f) => n + f.bytes, 0))}; first load ${kb(sum(rest))} ` +
        `(${kb(gzip)} gzipped) + ${kb(sum(wasm))} of .wasm`,
    );
    assert.ok(sum(rest) < FIRST_LOAD_BUDGET, `first load transfers ${sum(rest)} bytes besides the grammars`);
    assert.equal(wasm.length, 3, 'the Go, C and tree-sitter runtime .wasm files are fetched');
  });

  it("sees every exercise's trap in the page", async () => {
    const missed: string[] = [];
    for (const e of EXERCISES) {
      await page.goto(`${site.url}#/exercise/${e.id}`);
      await page.waitForSelector('.verdict.open, .verdict.error, .verdict.solved');
      const checks = await text('.checks');
      if ((await statusText()) !== 'Not solved yet.' || !/still sees the trap/.test(checks)) {
        missed.push(`${e.id}: ${await statusText()}`);
      }
    }
    assert.deepEqual(missed, []);
  });

  it('lists one exercise per source rule, with filters', async () => {
    await page.goto(`${site.url}#/`);
    await page.waitForSelector('table.exercises tbody tr');
    assert.equal(await page.locator('table.exercises tbody tr').count(), EXERCISES.length);
    await page.selectOption('#filter-subsystem', 'cgo');
    const cgo = EXERCISES.filter((e) => e.subsystem === 'cgo').length;
    assert.equal(await page.locator('table.exercises tbody tr').count(), cgo);
    assert.match(page.url(), /#\/\?subsystem=cgo$/);
    await screenshot('list-filtered');
    await page.selectOption('#filter-subsystem', '');
  });

  it('opens an exercise by its link and reveals the hint from the keyboard', async () => {
    await page.goto(`${site.url}#/exercise/LN001`);
    await page.waitForSelector('.verdict.open');
    assert.equal(await statusText(), 'Not solved yet.');
    // Before the hint the trap is not marked.
    assert.equal(await page.locator('.cm-lintRange-error').count(), 0);
    await screenshot('exercise');
    await page.fill('#hypothesis', 'The directive needs unsafe imported, or the compiler rejects it.');
    // Tab through the page until the hint button has the focus, then press Enter.
    await page.locator('h1').focus();
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate("document.activeElement?.id === 'reveal-hint'")) break;
      await page.keyboard.press('Tab');
    }
    assert.equal(
      await page.evaluate('document.activeElement?.id'),
      'reveal-hint',
      'the hint button is reachable with Tab',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('#stage-hint');
    await page.waitForSelector('.cm-lintRange-error');
    assert.match(await text('#stage-hint'), /import/);
    await screenshot('hint');
    assert.deepEqual(await page.evaluate(CONTRAST_CHECK), [], 'text below WCAG AA contrast');
  });

  it('keeps the finding after a wrong edit', async () => {
    const n = await analyses();
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.type('// nanotime is the monotonic clock\n');
    await settle(n);
    assert.equal(await statusText(), 'Not solved yet.');
    assert.match(await text('.checks'), /still sees the trap at clock\.go:6/);
    assert.equal(await page.locator('.cm-lintRange-error').count(), 1);
    await screenshot('wrong-edit');
  });

  it('marks the exercise solved once the code is fixed', async () => {
    const n = await analyses();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('import _ "unsafe"');
    await settle(n);
    await page.waitForSelector('.verdict.solved');
    assert.match(await statusText(), /^Solved/);
    assert.equal(await page.locator('.cm-lintRange-error').count(), 0);
    await screenshot('solved');
  });

  it('measures the analyzer per keystroke on the largest exercise', async (t) => {
    const largest = [...EXERCISES].sort((a, b) => size(b) - size(a))[0];
    await page.goto(`${site.url}#/exercise/${largest.id}`);
    await page.waitForSelector('.verdict.open');
    const goTab = page.locator('[role=tab]', { hasText: /\.go/ }).first();
    if (await goTab.isVisible()) await goTab.click();
    await page.locator('[role=tabpanel]:not([hidden]) .cm-content').focus();
    await page.keyboard.press('Control+End');
    const start = (await page.evaluate('gotrapStats.analyses.length')) as number;
    const typed = '\nfunc extra(n int) int { return n * 2 }';
    for (const ch of typed) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(110); // past the 60 ms debounce: one analysis per keystroke
    }
    await settle(0);
    const ms = (await page.evaluate(`gotrapStats.analyses.slice(${start}).map((a) => a.ms)`)) as number[];
    await screenshot('largest-exercise');
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const max = sorted[sorted.length - 1];
    report.keystrokes = {
      exercise: largest.id,
      bytes: size(largest),
      edits: ms.length,
      medianMs: median,
      maxMs: max,
      ms,
    };
    t.diagnostic(
      `${largest.id} (${size(largest)} bytes): ${ms.length} analyses, median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    assert.ok(ms.length >= typed.length * 0.8, `only ${ms.length} analyses for ${typed.length} keystrokes`);
    assert.ok(median < 100, `median analysis ${median} ms`);
  });

  it('finds the expected trap in a pasted snippet', async () => {
    await page.goto(`${site.url}#/playground`);
    await page.waitForSelector('#pg-summary.solved, #pg-summary.open');
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      'package clock\n\nimport _ "unsafe"\n\n// go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n',
    );
    await page.waitForFunction("/LN003/.test(document.getElementById('pg-results').textContent)");
    assert.match(await text('#pg-summary'), /source lens, 1 file: 1 finding/);
    assert.equal(await page.locator('#pg-results .finding').count(), 1);
    await page.waitForSelector('.cm-lintRange-error, .cm-lintRange-warning');
    await page.locator('#pg-results details summary').first().click();
    await screenshot('playground');
    assert.deepEqual(await page.evaluate(CONTRAST_CHECK), [], 'text below WCAG AA contrast');
    await page.locator('#pg-results .finding-head a[href="#/rule/LN003"]').click();
    await page.waitForSelector('h1:has-text("LN003")');
    await screenshot('rule-page');
  });

  it('runs the build lens on a pasted Dockerfile with the Go file it builds', async () => {
    await page.goto(`${site.url}#/playground`);
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      '-- Dockerfile --\nFROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\n' +
        'RUN go build -trimpath -o /out/api .\n\nFROM alpine:3.20\nCOPY --from=build /out/api /api\n' +
        '-- main.go --\npackage main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n',
    );
    await page.waitForFunction("/BLD003/.test(document.getElementById('pg-results').textContent)");
    assert.match(await text('#pg-summary'), /lens, 2 files: 1 finding/);
    assert.match(await text('#pg-results'), /glibc binary in an image without glibc/);
    await screenshot('playground-build');
    // A bare Dockerfile is read by the build lens (no Go files: nothing to judge the program by).
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      'FROM golang:1.22\nENV CGO_ENABLED=0\nRUN go build -trimpath -buildmode=plugin -o /out/p.so ./plugin\n',
    );
    await page.waitForFunction("/BLD005/.test(document.getElementById('pg-results').textContent)");
    assert.match(await text('#pg-summary'), /build lens, 1 file: 1 finding/);
  });

  it('says clearly that crash logs and binaries cannot be read yet', async () => {
    await page.goto(`${site.url}#/playground`);
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      'panic: runtime error: invalid memory address or nil pointer dereference\n' +
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x47d2b3]\n\ngoroutine 1 [running]:\n' +
        'main.main()\n\t/src/app/main.go:9 +0x13\nexit status 2\n',
    );
    await page.waitForSelector('.unavailable');
    assert.match(await text('#pg-summary'), /crash log.*crash lens is not available yet/);
    await screenshot('playground-crash-log');
    await page.setInputFiles('#pg-files', {
      name: 'app',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]),
    });
    await page.waitForFunction(
      "/binary lens is not available yet/.test(document.getElementById('pg-summary').textContent)",
    );
  });

  it('keeps progress across a reload', async () => {
    await page.goto(`${site.url}#/`);
    await page.reload();
    await page.waitForSelector('table.exercises tbody tr');
    const row = page.locator('table.exercises tbody tr', { hasText: 'LN001' });
    assert.match((await row.textContent()) ?? '', /solved/);
    assert.match(await text('#list-summary'), /1 solved/);
    await screenshot('reload-progress');
    await page.goto(`${site.url}#/exercise/LN001`);
    await page.waitForSelector('.verdict.solved');
    assert.equal(
      await page.inputValue('#hypothesis'),
      'The directive needs unsafe imported, or the compiler rejects it.',
    );
    assert.equal(await page.locator('#stage-hint').count(), 1);
  });

  it('asked nothing of any server but its own', () => {
    assert.deepEqual(external, []);
  });

  it('works offline once loaded', async () => {
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    site.server.closeAllConnections();
    await site.close();
    await page.goto(`${site.url}#/exercise/RT005`);
    // A real navigation (not a hash change): the page, the bundle and the grammars all come
    // from the service worker's cache.
    await page.reload();
    await page.waitForSelector('.verdict.open');
    assert.equal(await statusText(), 'Not solved yet.');
    assert.equal(await page.evaluate('navigator.serviceWorker.controller !== null'), true);
    await screenshot('offline');
  });
});

/**
 * Page-side check: every visible piece of text against the background it is drawn on must reach
 * WCAG AA contrast (4.5:1; 3:1 for large or bold-large text). Returns the failures.
 */
const CONTRAST_CHECK = `(() => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g) || ['0','0','0','0']; return m.map(Number).concat(m.length === 3 ? [1] : []); };
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, under) => { const a = top[3]; return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || !el.getClientRects().length || el.closest('[hidden], .sr-only, noscript')) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden') continue;
    const fg = over(rgba(st.color), background(el));
    const [l1, l2] = [lum(fg), lum(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(st.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push(ratio.toFixed(2) + ' ' + st.color + ' on ' + getComputedStyle(el).backgroundColor + ': ' + JSON.stringify(n.textContent.trim().slice(0, 40)));
  }
  return out;
})()`;

function size(e: { files: Array<{ text: string }> }): number {
  return e.files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(0)} KiB`;
}

function listFiles(dir: string): Array<{ file: string; bytes: number }> {
  const out: Array<{ file: string; bytes: number }> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ file: relative(dir, p), bytes: statSync(p).size });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
