/**
 * The editor benchmarks of issue 3, each against a bare Lexical editor with the
 * same text, measured in the same run and the same browser:
 *
 * - typing: a 20,000-character story (made through the desk API; corpus.ts text,
 *   three key figures) open in the real app with every side panel on the screen
 *   and the figures panel's suggestions open; the bare editor's text as wide as
 *   the app's body column in the same window, the pointer resting over the text
 *   in both; 500 characters typed, 50 at the end of each of ten paragraphs around
 *   the middle, scrolled into view; latency of each key from the key press to the
 *   next painted frame, p50/p95. Goal: p95 ≤ 16 ms and ≤ 1.25× the bare editor.
 * - paste: 200,000 characters of plain text with paragraph breaks pasted into an
 *   empty story; time until the editor accepts input again, that is until a key
 *   pressed right after the paste has been handled and painted. Goal ≤ 1 s. Then
 *   20 keys typed at the end of the pasted text, timed as above.
 *
 * How a key is timed: the key goes in through the DevTools protocol
 * (Input.dispatchKeyEvent, keyDown with its text: keydown, beforeinput, input,
 * as from a keyboard or an input method's commit). In the page, a capturing
 * keydown listener takes the event's timeStamp (when the browser received the
 * key, so time the key waited behind other work counts), and at the next
 * requestAnimationFrame posts a message; the message runs after that frame's
 * style, layout and paint, and its time minus the timeStamp is the latency.
 * Keys are typed ~40 ms apart in rounds of 50, with a 1.5 s pause after each
 * round so the deferred work (counts, autosave) runs between them as it does for
 * a reporter. Both pages stay open and the rounds alternate between them (and
 * which goes first), so a busy machine weighs on both alike.
 *
 * The bare page (renderer/bench/) is built into out/bench-bare/ here, never by
 * the app build, and served by a small static server in this process.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';

import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

import { BROWSER_ARGS, ensureBrowser } from '../../../scripts/lib/browser.mjs';
import { ROOT } from '../../../scripts/lib/build.mjs';
import { blocksOfBody, bodyFromBlocks, contentOf, type KeyFigure, type Story } from '../../../shared/model';
import { startHost, type Host } from '../../host/server';
import { openDeskServices, type DeskServices } from '../../desk/services';
import { rendererDir } from '../commands/serve';
import { generatedStory, paragraph, rng, sentence, variedBlocks } from './corpus';
import type { Report } from './registry';

const VIEWPORT = { width: 1366, height: 768 };
const ROUNDS = 10;
const KEYS_PER_ROUND = 50;
const KEY_GAP_MS = 40;
const PAUSE_MS = 1500;
const PASTE_CHARS = 200_000;
const PASTE_RUNS = 3;
const AFTER_PASTE_KEYS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------ the two pages

const BARE_DIR = join(ROOT, 'out', 'bench-bare');

async function buildBarePage(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'renderer', 'bench', 'vite.config.ts'), logLevel: 'warn' });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves out/bench-bare/ on a loopback port. */
async function serveBare(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(BARE_DIR, path === '/' ? 'bare-lexical.html' : path));
    if (!file.startsWith(BARE_DIR + sep)) return void res.writeHead(404).end();
    readFile(file).then(
      (data) =>
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Setup = {
  browser: Browser;
  services: DeskServices;
  host: Host;
  bare: { url: string; close(): Promise<void> };
  close(): Promise<void>;
};

async function setUp(): Promise<Setup> {
  await buildBarePage();
  const dataDir = await mkdtemp(join(tmpdir(), 'desk-bench-editor-'));
  const services = await openDeskServices({ dataDir, transport: 'http', demo: false });
  const host = await startHost({ services, rendererDir: rendererDir() });
  const bare = await serveBare();
  const browser = await chromium.launch({ executablePath: ensureBrowser(), args: BROWSER_ARGS });
  return {
    browser,
    services,
    host,
    bare,
    close: async () => {
      await browser.close();
      await bare.close();
      await host.close();
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A story made through the desk API, as the app would: create, then save its content. */
async function createStory(services: DeskServices, content: Partial<Story>): Promise<Story> {
  const created = await services.handlers['stories.create']({ page: null });
  return services.handlers['stories.save']({
    id: created.id,
    baseRev: created.rev,
    content: { ...contentOf(created), ...content },
  });
}

async function openPage(browser: Browser): Promise<{ page: Page; cdp: CDPSession; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

/** The app with one story open (clicked in the list), its body loaded. */
async function openInApp(page: Page, host: Host, story: Story): Promise<void> {
  await page.goto(host.openUrl());
  await page.getByTestId('story-row').filter({ hasText: story.headline }).first().click();
  await page.locator(`[data-testid="story-screen"][data-story-id="${story.id}"]`).waitFor();
  await page.getByTestId('body-editor').waitFor();
}

/** The width of the app's body text (the editable's content box), in CSS pixels. */
function bodyColumn(page: Page): Promise<number> {
  return inPage<number>(
    page,
    `() => {
      const editable = document.querySelector('[data-testid="body-editor"]');
      const style = getComputedStyle(editable);
      return editable.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    }`,
  );
}

/** The bare editor with `paragraphs`, its text `column` pixels wide (as the app's body, so the lines break alike). */
async function openBare(
  page: Page,
  url: string,
  paragraphs: readonly string[],
  column?: number,
): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(`'bareLexical' in window`);
  await inPage(page, `([paragraphs, column]) => window.bareLexical.mount(paragraphs, { column })`, [
    paragraphs,
    column,
  ]);
  await page.getByTestId('body-editor').waitFor();
  if (column !== undefined && Math.abs((await bodyColumn(page)) - column) > 1)
    throw new Error(`bench: the bare editor's column is not ${column} px wide like the app's body`);
}

// ------------------------------------------------------------ timing in the page

// The scripts that run in the page are plain JavaScript in strings: this Node
// project has no DOM types, and they must not drag them in.

/** Runs `fn` (the source of a function of one JSON argument) in the page. */
function inPage<T>(page: Page, fn: string, arg?: unknown): Promise<T> {
  return page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`) as Promise<T>;
}

/** The key timer described at the top of this file. */
const KEY_TIMER = `() => {
  const state = { samples: [], pending: null };
  window.benchKeys = state;
  document.addEventListener('keydown', (e) => {
    if (state.pending) return;
    const pressed = e.timeStamp;
    state.pending = new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          state.samples.push(performance.now() - pressed);
          state.pending = null;
          resolve();
        };
        channel.port2.postMessage(null);
      }),
    );
  }, true);
}`;

async function pressText(cdp: CDPSession, ch: string): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
}

/**
 * Rests the pointer over the body text, where a reporter clicks to type, in either
 * page. Chromium hit-tests under the pointer after every layout to keep hover state
 * right, so a pointer left on a side-panel button (the app) or never over the page
 * (the bare editor) would weigh on one page and not the other.
 */
async function pointerOverBody(page: Page): Promise<void> {
  const at = await inPage<{ x: number; y: number }>(
    page,
    `() => {
      const box = document.querySelector('[data-testid="body-editor"]').getBoundingClientRect();
      const top = Math.max(box.top, 0);
      const bottom = Math.min(box.bottom, window.innerHeight);
      return { x: box.left + box.width / 2, y: (top + bottom) / 2 };
    }`,
  );
  await page.mouse.move(at.x, at.y);
}

/** Puts the caret at the end of the body's block `index` (as a click there would). */
async function caretAtEndOfBlock(page: Page, index: number): Promise<void> {
  const script = `(index) => {
    const editable = document.querySelector('[data-testid="body-editor"]');
    const block = editable.children[index];
    editable.focus({ preventScroll: true });
    const range = document.createRange();
    range.selectNodeContents(block);
    range.collapse(false);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    // On the screen, in the middle of the column: the keys are typed where the reporter looks.
    return new Promise((resolve) =>
      requestAnimationFrame(() => {
        block.scrollIntoView({ block: 'center' });
        requestAnimationFrame(() => setTimeout(resolve, 100));
      }),
    );
  }`;
  await inPage(page, script, index);
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

type KeyFigures = { p50: number; p95: number; max: number; n: number };

function figuresOf(samples: readonly number[]): KeyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1)!, n: sorted.length };
}

/** Types `text` one key at a time, then pauses; returns each key's latency. */
async function typeBlock(page: Page, cdp: CDPSession, text: string): Promise<number[]> {
  await inPage(page, KEY_TIMER);
  for (const ch of text) {
    await pressText(cdp, ch);
    await page.evaluate('window.benchKeys.pending');
    await sleep(KEY_GAP_MS);
  }
  const samples = await inPage<number[]>(page, `() => window.benchKeys.samples`);
  await sleep(PAUSE_MS);
  return samples;
}

async function expectTyped(page: Page, text: string): Promise<void> {
  const typed = await inPage<boolean>(
    page,
    `(text) => document.querySelector('[data-testid="body-editor"]').textContent.includes(text)`,
    text,
  );
  if (!typed) throw new Error('bench typing: the typed text did not arrive in the body in one piece');
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

// ------------------------------------------------------------ typing

export async function benchTyping(report: Report): Promise<void> {
  const setup = await setUp();
  try {
    // Varied text (corpus.ts): the templated sentences of generatedStory repeat so often
    // that the duplicate check would flag thousands of runs, which no real story has.
    const model = generatedStory(0, 2_000);
    const blocks = variedBlocks(0, 18_500).map((text) => ({ type: 'paragraph' as const, text }));
    const content = { ...contentOf(model), body: bodyFromBlocks([...blocksOfBody(model.body), ...blocks]) };
    const figures: KeyFigure[] = [
      { id: 'fig-1', label: '累计服务群众', value: '3200', unit: '人次', qualifier: '余', asOf: '' },
      { id: 'fig-2', label: '培训党员', value: '1758', unit: '人', qualifier: '', asOf: '2026-11' },
      { id: 'fig-3', label: '种植苗木', value: '6.1万', unit: '棵', qualifier: '余', asOf: '' },
    ];
    const story = await createStory(setup.services, { ...content, figures });
    const paragraphs = blocksOfBody(story.body).map((b) => (b.type === 'photo' ? '' : b.text));
    const chars = paragraphs.join('').length;
    const r = rng(7);
    let text = '';
    while (text.length < ROUNDS * KEYS_PER_ROUND) text += sentence(r);
    text = text.slice(0, ROUNDS * KEYS_PER_ROUND);
    const middle = Math.floor(paragraphs.length / 2);

    const loadBefore = loadavg()[0]!;
    const app = await openPage(setup.browser);
    const bare = await openPage(setup.browser);
    const appSamples: number[] = [];
    const bareSamples: number[] = [];
    let column = 0;
    try {
      await openInApp(app.page, setup.host, story);
      // Every panel is on the screen; the figures panel's suggestions open as well.
      await app.page.getByTestId('figure-suggest').click();
      await app.page.getByTestId('figure-suggestions').waitFor();
      column = await bodyColumn(app.page);
      await openBare(bare.page, setup.bare.url, paragraphs, column);
      await pointerOverBody(app.page);
      await pointerOverBody(bare.page);
      // Rounds alternate between the two (and which goes first), so both see the same machine.
      // Each round types at the end of the next paragraph around the middle, so the
      // paragraphs stay the length of a story's (one paragraph growing by 500 characters
      // would measure the layout of an ever longer line box instead).
      const parts: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const part = text.slice(round * KEYS_PER_ROUND, (round + 1) * KEYS_PER_ROUND);
        parts.push(part);
        const appFirst = round % 2 === 0;
        for (const which of appFirst ? [app, bare] : [bare, app]) {
          await caretAtEndOfBlock(which.page, middle - Math.floor(ROUNDS / 2) + round);
          const samples = await typeBlock(which.page, which.cdp, part);
          (which === app ? appSamples : bareSamples).push(...samples);
        }
      }
      for (const part of parts) {
        await expectTyped(app.page, part);
        await expectTyped(bare.page, part);
      }
      await app.page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 15_000 });
    } finally {
      await app.close();
      await bare.close();
    }
    const appFigures = figuresOf(appSamples);
    const bareFigures = figuresOf(bareSamples);

    report(
      `story of ${chars.toLocaleString('en-US')} characters in ${paragraphs.length} paragraphs, a ${Math.round(column)} px column in both; ${appFigures.n} keys typed in the middle`,
    );
    report(
      `app (all panels): p50 ${ms(appFigures.p50)}, p95 ${ms(appFigures.p95)}, worst ${ms(appFigures.max)} (goal p95 ≤ 16 ms)`,
    );
    report(
      `baseline, bare Lexical: p50 ${ms(bareFigures.p50)}, p95 ${ms(bareFigures.p95)}, worst ${ms(bareFigures.max)}`,
    );
    report(
      `ratio app / bare: p50 ${(appFigures.p50 / bareFigures.p50).toFixed(2)}×, p95 ${(appFigures.p95 / bareFigures.p95).toFixed(2)}× (goal ≤ 1.25×)`,
    );
    // The tail follows the machine: other work on the same cores shows up in both p95s and the worst keys.
    report(
      `machine: ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before the keys, ${loadavg()[0]!.toFixed(1)} after`,
    );
  } finally {
    await setup.close();
  }
}

// ------------------------------------------------------------ paste

/** 200,000 characters of plain text, a paragraph per line. */
function pasteText(): string {
  const r = rng(11);
  const lines: string[] = [];
  let length = 0;
  while (length < PASTE_CHARS) {
    const line = paragraph(r, 150);
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, PASTE_CHARS);
}

type PasteFigures = { frameMs: number; inputMs: number; after?: KeyFigures };

/** Pastes the text (a ClipboardEvent with a DataTransfer) and arms the timers; see pasteAndTime. */
const PASTE = `(text) => {
  const target = document.querySelector('[data-testid="body-editor"]');
  const transfer = new DataTransfer();
  transfer.setData('text/plain', text);
  const result = { frameMs: -1, inputMs: -1 };
  window.benchPaste = result;
  const t0 = performance.now();
  const afterFrame = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now() - t0);
      channel.port2.postMessage(null);
    });
  document.addEventListener('keydown', () => afterFrame((ms) => (result.inputMs = ms)), { capture: true, once: true });
  target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  afterFrame((ms) => (result.frameMs = ms));
}`;

/**
 * Pastes `text` into the focused body and presses a key at once; returns the
 * time to the next frame after the paste and the time until that key has been
 * handled and painted (the editor accepts input again).
 */
async function pasteAndTime(page: Page, cdp: CDPSession, text: string): Promise<PasteFigures> {
  await inPage(page, PASTE, text);
  await pressText(cdp, '尾');
  await page.waitForFunction('window.benchPaste.inputMs >= 0', null, { timeout: 60_000, polling: 50 });
  const result = await inPage<PasteFigures>(page, `() => window.benchPaste`);
  const last = await inPage<string>(
    page,
    `() => document.querySelector('[data-testid="body-editor"]').lastElementChild?.textContent ?? ''`,
  );
  if (!last.endsWith('尾'))
    throw new Error('bench paste: the key pressed after the paste is not at the end of the body');
  // Then typing on at the end of the 200,000 characters, once the paste has settled.
  await sleep(PAUSE_MS);
  const r = rng(3);
  const after = figuresOf(await typeBlock(page, cdp, sentence(r).slice(0, AFTER_PASTE_KEYS)));
  return { ...result, after };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchPaste(report: Report): Promise<void> {
  const setup = await setUp();
  try {
    const text = pasteText();
    const app: PasteFigures[] = [];
    const bare: PasteFigures[] = [];
    let column: number | undefined;
    for (let run = 0; run < PASTE_RUNS; run++) {
      const story = await createStory(setup.services, { headline: `粘贴测试${run + 1}` });
      const a = await openPage(setup.browser);
      try {
        await openInApp(a.page, setup.host, story);
        column ??= await bodyColumn(a.page);
        await a.page.getByTestId('body-editor').click();
        app.push(await pasteAndTime(a.page, a.cdp, text));
      } finally {
        await a.close();
      }
      const b = await openPage(setup.browser);
      try {
        await openBare(b.page, setup.bare.url, [''], column);
        await b.page.getByTestId('body-editor').click();
        bare.push(await pasteAndTime(b.page, b.cdp, text));
      } finally {
        await b.close();
      }
    }
    const appInput = median(app.map((f) => f.inputMs));
    const bareInput = median(bare.map((f) => f.inputMs));
    report(
      `paste of ${text.length.toLocaleString('en-US')} characters (${text.split('\n').length} paragraphs), median of ${PASTE_RUNS}`,
    );
    report(
      `app: next frame after ${ms(median(app.map((f) => f.frameMs)))}, accepts input again after ${ms(appInput)} (worst ${ms(Math.max(...app.map((f) => f.inputMs)))}; goal ≤ 1000 ms)`,
    );
    report(
      `baseline, bare Lexical: next frame after ${ms(median(bare.map((f) => f.frameMs)))}, accepts input again after ${ms(bareInput)}`,
    );
    report(`ratio app / bare (accepts input): ${(appInput / bareInput).toFixed(2)}×`);
    const keys = (figures: PasteFigures[]) => {
      const p50 = median(figures.map((f) => f.after!.p50));
      const p95 = median(figures.map((f) => f.after!.p95));
      return { p50, p95, text: `p50 ${ms(p50)}, p95 ${ms(p95)}` };
    };
    const appKeys = keys(app);
    const bareKeys = keys(bare);
    report(
      `then typing ${AFTER_PASTE_KEYS} keys at the end of the pasted text: app ${appKeys.text}; bare Lexical ${bareKeys.text}`,
    );
    report(`ratio app / bare (typing after the paste): p95 ${(appKeys.p95 / bareKeys.p95).toFixed(2)}×`);
  } finally {
    await setup.close();
  }
}
