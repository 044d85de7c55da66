/**
 * The body editor as a reporter uses it: structure by keyboard, a Chinese input
 * method (driven through the DevTools protocol), paste from Word and WeChat,
 * hostile paste, find and replace, and everything still there after a restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { seededRandom } from '../shared/testing/seeded-random';
import { ROOT } from './utils/desk-host';
import { expect, test } from './utils/fixtures';

const FIXTURES = join(ROOT, 'renderer/src/editor/plugins/PastePlugin/fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

async function newStory(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('story-row').first()).toBeVisible();
  await page.keyboard.press('Control+n');
  await expect(page.getByTestId('field-headline')).toBeVisible();
  await page.getByTestId('field-headline').fill('青禾县：网格里的党支部');
  const body = page.getByTestId('body-editor');
  await body.click();
  return body;
}

/** Pastes like the browser does: a ClipboardEvent whose DataTransfer holds the given types. */
async function paste(page: Page, data: Record<string, string>): Promise<number> {
  return page.evaluate(async (data) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(data)) transfer.setData(type, value);
    const target = document.querySelector('[data-testid="body-editor"]')!;
    const started = performance.now();
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  }, data);
}

/** A key event as the DevTools protocol sends it (Input.dispatchKeyEvent). */
type KeyEvent = {
  type: 'rawKeyDown' | 'char' | 'keyUp';
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  modifiers?: number;
  text?: string;
};

/** Tag names under the editable root, with the attributes they carry. */
async function bodyMarkup(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="body-editor"]')!;
    const tags = new Set<string>();
    const attrs = new Set<string>();
    for (const el of root.querySelectorAll('*')) {
      tags.add(el.localName);
      for (const a of el.getAttributeNames()) attrs.add(a);
    }
    return { tags: [...tags].sort(), attrs: [...attrs].sort() };
  });
}

test('structure, bold and Chinese IME input survive a restart', async ({ page, desk }) => {
  const body = await newStory(page, desk.url);
  const cdp = await page.context().newCDPSession(page);

  await page.keyboard.type('今年以来，青禾县坚持党建引领基层治理。');
  await page.keyboard.press('Enter');
  await page.keyboard.type('一、把支部建在网格上');
  await page.keyboard.press('Control+Alt+2');
  await expect(page.getByTestId('format-subhead')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.type('全县划分网格326个，');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('每个网格都有');
  // Compose inside bold text: the committed characters are bold too.
  await cdp.send('Input.imeSetComposition', { text: 'dang', selectionStart: 4, selectionEnd: 4 });
  await cdp.send('Input.imeSetComposition', { text: 'dangyuan', selectionStart: 8, selectionEnd: 8 });
  await cdp.send('Input.insertText', { text: '党员' });
  await page.keyboard.press('Control+b');
  await page.keyboard.type('联系户。');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Alt+3');
  await page.keyboard.type('“有事找网格员，已经成了习惯。”');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Alt+1');

  // IME commit in a plain paragraph.
  await cdp.send('Input.imeSetComposition', { text: 'ji', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: 'jiceng', selectionStart: 6, selectionEnd: 6 });
  await cdp.send('Input.insertText', { text: '基层' });
  // IME cancel: Escape while composing belongs to the input method; nothing of
  // the composition stays and no desk shortcut fires.
  await cdp.send('Input.imeSetComposition', { text: 'zhili', selectionStart: 5, selectionEnd: 5 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+f');
  await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
  await expect(page.getByTestId('find-bar')).toHaveCount(0);
  await page.keyboard.type('治理有了新抓手。');

  await expect(body.locator('h3')).toHaveText('一、把支部建在网格上');
  await expect(body.locator('strong')).toHaveText('每个网格都有党员');
  await expect(body.locator('blockquote')).toHaveText('“有事找网格员，已经成了习惯。”');
  await expect(body.locator('p').last()).toHaveText('基层治理有了新抓手。');
  await expect(body).not.toContainText('zhili');
  await expect(body).not.toContainText('jiceng');

  // The three counts follow the text (after a short pause).
  // The counts follow the text after a pause in typing (off the keystroke path).
  await expect
    .poll(async () => Number(await page.getByTestId('story-chars').getAttribute('data-han')))
    .toBeGreaterThan(40);

  // Undo/redo by keyboard.
  await page.keyboard.press('Control+z');
  await expect(body.locator('p').last()).not.toHaveText('基层治理有了新抓手。');
  await page.keyboard.press('Control+y');
  await expect(body.locator('p').last()).toHaveText('基层治理有了新抓手。');

  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath('editor-typed.png') });

  await desk.restart();
  await page.goto(desk.url);
  const again = page.getByTestId('body-editor');
  await expect(again.locator('h3')).toHaveText('一、把支部建在网格上');
  await expect(again.locator('strong')).toHaveText('每个网格都有党员');
  await expect(again.locator('blockquote')).toHaveText('“有事找网格员，已经成了习惯。”');
  await expect(again).toContainText('基层治理有了新抓手。');
});

test('paste from Word and from a WeChat article keeps the structure and offers the images', async ({
  page,
  desk,
}) => {
  const body = await newStory(page, desk.url);

  await paste(page, { 'text/html': fixture('word.html'), 'text/plain': '（纯文本）' });
  await expect(body.locator('h3')).toHaveText(['一、把支部建在网格上', '二、让党员走在前列']);
  await expect(body.locator('blockquote')).toHaveText('“有事找网格员，已经成了村里人的习惯。”');
  await expect(body.locator('strong')).toHaveText('每个网格都有一名党员联系户');
  await expect(body.locator('em')).toHaveText('件件有回音');
  await expect(body).toContainText('本报讯（记者 林晓舟 通讯员 许文清）');
  await expect(body).not.toContainText('隐藏的批注文字');
  await expect(page.getByTestId('paste-images-notice')).toBeVisible();

  await page.keyboard.press('Enter');
  await paste(page, { 'text/html': fixture('wechat.html') });
  await expect(body.locator('h3')).toHaveCount(3);
  await expect(body.locator('h3').last()).toHaveText('坚持党建引领　激活“红色引擎”');
  await expect(body.locator('strong').filter({ hasText: '组建楼栋党小组58个' })).toHaveCount(1);
  await expect(body).toContainText('详见街道公众号和往期报道。');

  const markup = await bodyMarkup(page);
  expect(markup.tags.every((t) => ['p', 'h3', 'blockquote', 'span', 'strong', 'em', 'br'].includes(t))).toBe(
    true,
  );
  expect(markup.attrs.filter((a) => !['class', 'dir', 'data-lexical-text', 'style'].includes(a))).toEqual([]);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await page.screenshot({ path: test.info().outputPath('editor-pasted.png') });
});

test('hostile HTML and foreign Lexical JSON produce only allowed nodes and no links', async ({
  page,
  desk,
}) => {
  const body = await newStory(page, desk.url);
  const deep = '<div onmouseover="window.__pwned=1">'.repeat(5000) + '深处的一句话。' + '</div>'.repeat(5000);
  await paste(page, {
    'text/html': `
      <p onclick="window.__pwned=1">第一段<script>window.__pwned=1</script><img src="x" onerror="window.__pwned=1"></p>
      <iframe src="javascript:window.__pwned=1"></iframe><style>* { display: none }</style>
      <p><a href="javascript:window.__pwned=1">点这里</a>和<a href="https://example.org/">外链</a></p>
      <svg onload="window.__pwned=1"><text>矢量字</text></svg>
      <form><input value="表单"><button>按钮</button></form>
      ${deep}`,
  });
  await expect(body).toContainText('深处的一句话。');
  await expect(body).toContainText('点这里和外链');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  const markup = await bodyMarkup(page);
  expect(markup.tags.filter((t) => !['p', 'span', 'strong', 'em', 'br'].includes(t))).toEqual([]);
  expect(markup.attrs.some((a) => a.startsWith('on') || a === 'href' || a === 'src')).toBe(false);
  expect(await body.locator('p').count()).toBeLessThan(10);

  await page.keyboard.press('Enter');
  await paste(page, {
    'application/x-lexical-editor': JSON.stringify({
      namespace: 'other-app',
      nodes: [
        {
          type: 'heading',
          tag: 'h1',
          version: 1,
          children: [{ type: 'text', text: '外来标题', format: 1 | 8, style: 'color:red', version: 1 }],
        },
        {
          type: 'list',
          version: 1,
          children: [
            { type: 'listitem', version: 1, children: [{ type: 'text', text: '列表项', version: 1 }] },
          ],
        },
        { type: 'image', version: 1, src: 'javascript:alert(1)' },
        {
          type: 'paragraph',
          version: 1,
          children: [
            {
              type: 'link',
              url: 'javascript:alert(1)',
              version: 1,
              children: [{ type: 'text', text: '链接文字', version: 1 }],
            },
          ],
        },
      ],
    }),
    'text/plain': '不该用到的纯文本',
  });
  await expect(body.locator('h3')).toHaveText('外来标题');
  await expect(body).toContainText('列表项');
  await expect(body).toContainText('链接文字');
  await expect(body).not.toContainText('不该用到的纯文本');
  await expect(body.locator('u, a, img')).toHaveCount(0);
});

test('find and replace: Ctrl+F in the body, highlights, replace all as one undo step', async ({
  page,
  desk,
}) => {
  const body = await newStory(page, desk.url);
  await page.keyboard.type('网格员走访网格内的每一户。');
  await page.keyboard.press('Enter');
  await page.keyboard.type('网格化管理让服务更精准。');

  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('find-bar')).toBeVisible();
  await expect(page.getByTestId('find-query')).toBeFocused();
  await page.keyboard.type('网格');
  await expect(page.getByTestId('find-status')).toHaveText(/\/3/);
  const highlighted = await page.evaluate(() => {
    const h = CSS.highlights.get('desk-find');
    const c = CSS.highlights.get('desk-find-current');
    return (h?.size ?? 0) + (c?.size ?? 0);
  });
  expect(highlighted).toBe(3);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-status')).toHaveText(/\/3/);
  await page.screenshot({ path: test.info().outputPath('editor-find.png') });

  await page.keyboard.press('Control+h');
  await expect(page.getByTestId('find-replacement')).toBeFocused();
  await page.keyboard.type('网络');
  await page.getByTestId('find-replace-one').click();
  await expect(page.getByTestId('find-status')).toHaveText(/\/2/);
  await page.getByTestId('find-replace-all').click();
  await expect(page.getByTestId('find-status')).toHaveText('没有找到');
  await expect(body).toHaveText(/网络员走访网络内的每一户。\s*网络化管理让服务更精准。/);

  // Replace all is one step: one undo brings back the two it changed, not the first.
  await page.getByTestId('undo').click();
  await expect(body).toContainText('网格内的每一户');
  await expect(body).toContainText('网格化管理');
  await expect(body).toContainText('网络员走访');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('find-bar')).toHaveCount(0);
  await expect(body).toBeFocused();

  // Outside the body, Ctrl+F is still the story list's search.
  await page.getByTestId('field-headline').click();
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('find-bar')).toHaveCount(0);
  await expect(page.getByTestId('story-search')).toBeFocused();
});

test('in a long story the findings marks follow the screen: those far away appear on scrolling there', async ({
  page,
  desk,
}) => {
  await newStory(page, desk.url);
  // 300 paragraphs of random common characters (no two alike), with one paragraph
  // typed twice at the top and another twice at the bottom: two duplicate findings.
  const pool =
    '党建引领基层治理组织群众服务乡村振兴干部队伍建设支部书记学习教育主题活动推进工作落实责任发展经济社会民生改革创新';
  const r = seededRandom(5);
  const filler = () => Array.from({ length: 40 }, () => pool[Math.floor(r() * pool.length)]).join('') + '。';
  // The mark covers the sentence without its full stop.
  const top =
    '茶溪社区党支部牵头推进人居环境整治提升，组织党员志愿者清理房前屋后的杂物和垃圾，群众满意度明显提升';
  const bottom =
    '石堰村把夜校办到村民家门口，请农技员讲茶园管护和电商直播，一年来培训村民一千二百多人次，增收效果明显';
  const lines = Array.from({ length: 300 }, filler);
  lines.splice(1, 0, `${top}。`);
  lines.splice(3, 0, `${top}。`);
  lines.push(`${bottom}。`, filler(), `${bottom}。`);
  await paste(page, { 'text/plain': lines.join('\n') });

  const marked = () =>
    page.evaluate(() =>
      [
        ...(CSS.highlights.get('desk-finding-error') ?? []),
        ...(CSS.highlights.get('desk-finding-warning') ?? []),
      ].map((r) => (r as Range).toString()),
    );
  // After the paste the caret, and the screen, are at the end: the bottom pair is marked, the top pair is not.
  await expect.poll(marked).toContain(bottom);
  expect(await marked()).not.toContain(top);

  await page.locator('.story-scroll').evaluate((scroller) => scroller.scrollTo({ top: 0 }));
  await expect.poll(marked).toContain(top);
  expect(await marked()).not.toContain(bottom);
});

test('each block paints on its own; a long body skips the layout of off-screen blocks past the 400th, a story-sized one of none', async ({
  page,
  desk,
}) => {
  await newStory(page, desk.url);
  const editable = page.getByTestId('body-editor');
  const visibility = (index: number) =>
    editable.evaluate((root, index) => getComputedStyle(root.children[index]!).contentVisibility, index);
  await paste(page, {
    'text/plain': Array.from({ length: 120 }, (_, i) => `第${i + 1}段，党员志愿者走访群众。`).join('\n'),
  });
  await expect(editable.locator(':scope > *')).toHaveCount(120);
  expect(await visibility(5)).toBe('visible');
  expect(await visibility(119)).toBe('visible');
  // Each text block paints on its own (a key repaints only its block), with room for the caret at a line's end.
  const paint = await editable.evaluate((root) => {
    const style = getComputedStyle(root.children[5]!);
    return { contain: style.contain, margin: style.overflowClipMargin };
  });
  expect(paint).toEqual({ contain: 'paint', margin: '4px' });

  await paste(page, {
    'text/plain': Array.from({ length: 400 }, (_, i) => `第${i + 121}段，支部书记讲党课。`).join('\n'),
  });
  // The first pasted line joins the block the caret was in.
  await expect(editable.locator(':scope > *')).toHaveCount(519);
  expect(await visibility(5)).toBe('visible');
  expect(await visibility(450)).toBe('auto');

  // Back to one block: the whole text selected and typed over.
  await editable.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('一段');
  await expect(editable.locator(':scope > *')).toHaveCount(1);
  expect(await visibility(0)).toBe('visible');
});

test('keys act where the caret is now, even when they come before the page reports its move', async ({
  page,
  desk,
}) => {
  const body = await newStory(page, desk.url);
  const blocks = () => body.locator(':scope > p').allTextContents();
  await page.keyboard.type('第一段文字。');
  await page.keyboard.press('Enter');
  await page.keyboard.type('第二段文字。');
  await page.keyboard.press('Enter');
  await page.keyboard.type('第三段文字。');
  await expect.poll(blocks).toEqual(['第一段文字。', '第二段文字。', '第三段文字。']);
  const cdp = await page.context().newCDPSession(page);

  /**
   * Clicks into the first paragraph, then sends `keys` while the page is busy, all at
   * once, as from a fast typist on a loaded machine: the keys are handled before the
   * browser's selectionchange for Ctrl+End.
   */
  const atOnce = async (keys: KeyEvent[]) => {
    await body.locator(':scope > p').first().click();
    await expect
      .poll(() => page.evaluate(() => getSelection()?.anchorNode?.textContent ?? ''))
      .toBe('第一段文字。');
    await page.evaluate(() => {
      setTimeout(() => {
        const until = performance.now() + 300;
        while (performance.now() < until);
      }, 0);
    });
    await Promise.all(keys.map((k) => cdp.send('Input.dispatchKeyEvent', k)));
  };
  const CTRL = { modifiers: 2 };
  const ctrlEnd: KeyEvent[] = [
    { type: 'rawKeyDown', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17, ...CTRL },
    { type: 'rawKeyDown', key: 'End', code: 'End', windowsVirtualKeyCode: 35, ...CTRL },
    { type: 'keyUp', key: 'End', code: 'End', windowsVirtualKeyCode: 35, ...CTRL },
    { type: 'keyUp', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17 },
  ];
  const press = (key: string, code: number, text?: string): KeyEvent[] => [
    { type: 'rawKeyDown', key, code: key, windowsVirtualKeyCode: code },
    ...(text ? [{ type: 'char' as const, key, code: key, text, windowsVirtualKeyCode: code }] : []),
    { type: 'keyUp', key, code: key, windowsVirtualKeyCode: code },
  ];

  // Ctrl+End, Enter: a new paragraph at the end, not the first one split where it was clicked.
  await atOnce([...ctrlEnd, ...press('Enter', 13, '\r')]);
  await page.keyboard.insertText('第四段。');
  await expect.poll(blocks).toEqual(['第一段文字。', '第二段文字。', '第三段文字。', '第四段。']);

  // Ctrl+End, Backspace: the last character goes, not one in the first paragraph.
  await atOnce([...ctrlEnd, ...press('Backspace', 8)]);
  await expect.poll(blocks).toEqual(['第一段文字。', '第二段文字。', '第三段文字。', '第四段']);
});
