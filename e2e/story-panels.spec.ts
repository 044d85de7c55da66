/**
 * The story's structured parts beside the body: the 副题 dash, headline hints,
 * photos (file input and a drop into the body) with captions, key figures (one
 * made from a selection in the body), a jump line; all of it still there after
 * the desk restarts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { ROOT } from './utils/desk-host';
import { expect, test } from './utils/fixtures';
import { storyOnDisk } from './utils/story-files';

const PHOTOS = join(ROOT, 'resources/demo/B6/photos');
const photoFiles = readdirSync(PHOTOS).filter((f) => f.endsWith('.jpg'));

/** Drops an image file on the start of the body's paragraph that contains `text`, as a file manager would. */
async function dropImageOnBody(page: Page, file: string, text: string): Promise<void> {
  const data = readFileSync(join(PHOTOS, file)).toString('base64');
  await page.evaluate(
    ({ data, name, text }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'image/jpeg' }));
      const blocks = [...document.querySelectorAll('[data-testid="body-editor"] > *')];
      const target = blocks.find((b) => b.textContent?.includes(text));
      if (!target) throw new Error(`no paragraph with ${text}`);
      target.scrollIntoView({ block: 'center' });
      const box = target.getBoundingClientRect();
      target.dispatchEvent(
        new DragEvent('drop', {
          bubbles: true,
          cancelable: true,
          dataTransfer: transfer,
          clientX: box.left + 1,
          clientY: box.top + 4,
        }),
      );
    },
    { data, name: file, text },
  );
}

/** Selects `phrase` inside the body, the way a mouse drag would. */
async function selectInBody(page: Page, phrase: string): Promise<void> {
  await page.evaluate((phrase) => {
    const root = document.querySelector('[data-testid="body-editor"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(phrase) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      (root as HTMLElement).focus();
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${phrase}" is not in the body`);
  }, phrase);
}

test('headline, photos, key figures and a jump line survive a restart', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.keyboard.press('Control+n');

  // Headline block: the 副题 dash comes by itself, once; a headline ending in 。 gets a hint.
  await page.getByTestId('field-kicker').click();
  await page.keyboard.type('深化全国文明城市建设');
  await page.getByTestId('field-headline').click();
  await page.keyboard.type('青禾区：绿色家园人人共建。');
  await expect(page.getByTestId('hint-headline')).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('hint-headline')).toHaveCount(0);

  const sub = page.getByTestId('field-subheadline');
  await sub.click();
  await page.keyboard.type('青');
  await expect(sub).toHaveValue('——青');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect(sub).toHaveValue('');
  await page.keyboard.insertText('--青禾区以党建引领城市绿化');
  await expect(sub).toHaveValue('——青禾区以党建引领城市绿化');

  // An IME composition is left alone until it is committed.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'qing', selectionStart: 4, selectionEnd: 4 });
  await expect(sub).toHaveValue('qing');
  await cdp.send('Input.insertText', { text: '青禾区以党建引领城市绿化' });
  await expect(sub).toHaveValue('——青禾区以党建引领城市绿化');

  // Body with figures in it.
  const body = page.getByTestId('body-editor');
  await body.click();
  await page.keyboard.type(
    '今年以来，青禾区累计投入资金1758万元，新增城市绿地455亩，组织植树活动591场次，种植苗木6.1万余棵。',
  );
  await page.keyboard.press('Enter');
  await page.keyboard.type('截至2026年10月，约200人报名“绿色管家”志愿服务队。');
  await page.keyboard.press('Enter');

  // Photo 1 from the file input, at the caret; photo 2 dropped at the start of the first paragraph.
  await page.getByTestId('photo-file').setInputFiles(join(PHOTOS, photoFiles[0]!));
  await expect(page.getByTestId('photo-item')).toHaveCount(1);
  await dropImageOnBody(page, photoFiles[1]!, '今年以来');
  await expect(page.getByTestId('photo-item')).toHaveCount(2);
  await expect(page.getByTestId('body-photo')).toHaveCount(2);
  // The list follows the body: the dropped photo stands first in both.
  const bodyOrder = () =>
    page.getByTestId('body-photo').evaluateAll((els) => els.map((e) => e.dataset.photoId));
  const panelOrder = () =>
    page.getByTestId('photo-item').evaluateAll((els) => els.map((e) => e.dataset.photoId));
  await expect.poll(panelOrder).toEqual(await bodyOrder());

  const items = page.getByTestId('photo-item');
  await expect(items.nth(0)).toHaveAttribute('data-missing', 'caption credit');
  await expect(items.nth(0).getByTestId('photo-missing')).toBeVisible();
  await items.nth(0).getByTestId('photo-caption').fill('图为青禾区党员志愿者在滨河公园补植苗木。');
  await items.nth(0).getByTestId('photo-credit-name').fill('林小禾');
  await expect(items.nth(0)).not.toHaveAttribute('data-missing');
  await items.nth(1).getByTestId('photo-caption').fill('图为“绿色管家”志愿服务队在社区巡护绿地。');
  await items.nth(1).getByTestId('photo-credit-name').fill('青禾区委组织部');
  await items.nth(1).getByTestId('photo-credit-kind').selectOption('供图');
  await expect(page.getByTestId('body-photo').first()).toContainText(
    '图为青禾区党员志愿者在滨河公园补植苗木。',
  );
  await expect(page.getByTestId('body-photo').first()).toContainText('林小禾 摄');

  // Reorder with the keyboard: the body's photos move too.
  const [first, second] = await panelOrder();
  await items.nth(1).getByTestId('photo-caption').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(panelOrder).toEqual([second, first]);
  await expect.poll(bodyOrder).toEqual([second, first]);
  await expect(page.getByTestId('photo-item').first().getByTestId('photo-caption')).toBeFocused();

  // Key figures: one accepted from the suggestions, one from a selection, one by hand.
  await page.getByTestId('figure-suggest').click();
  const suggestions = page.getByTestId('figure-suggestion');
  await expect(suggestions.first()).toContainText('投入资金1758万元');
  await expect(suggestions).toHaveCount(5);
  await suggestions.first().getByTestId('figure-accept').click();

  await selectInBody(page, '种植苗木6.1万余棵');
  await page.getByTestId('figure-from-selection').click();
  await expect(page.getByTestId('figure')).toHaveCount(2);
  await expect(page.getByTestId('figure-preview').nth(1)).toHaveText('种植苗木6.1万余棵');
  await expect(page.getByTestId('figure-qualifier').nth(1)).toHaveValue('余');

  await page.getByTestId('figure-add').click();
  await page.getByTestId('figure-label').nth(2).fill('发放宣传册');
  await page.getByTestId('figure-value').nth(2).fill('5000');
  await page.getByTestId('figure-unit').nth(2).fill('份');
  await page.getByTestId('figure-asof').nth(2).fill('2026-10');
  await expect(page.getByTestId('figure').nth(2).getByTestId('figure-not-found')).toBeVisible();

  await page.getByTestId('figure').nth(1).getByTestId('figure-reveal').click();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('6.1万余棵');

  // A jump line, printed under the body.
  await page.getByTestId('jump-add').click();
  await page.getByTestId('jump-direction').selectOption('to');
  await page.getByTestId('jump-page').fill('B7');
  await expect(page.getByTestId('jump-block-to')).toHaveText('（下转B7版）');

  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  const id = await page.getByTestId('story-screen').getAttribute('data-story-id');

  await desk.restart();
  await page.goto(desk.url);

  await expect(page.getByTestId('field-subheadline')).toHaveValue('——青禾区以党建引领城市绿化');
  await expect(page.getByTestId('field-headline')).toHaveValue('青禾区：绿色家园人人共建');
  await expect(page.getByTestId('photo-item')).toHaveCount(2);
  await expect(page.getByTestId('photo-missing')).toHaveCount(0);
  await expect.poll(panelOrder).toEqual([second, first]);
  await expect.poll(bodyOrder).toEqual([second, first]);
  await expect(page.getByTestId('figure-preview')).toHaveText([
    '投入资金1758万元',
    '种植苗木6.1万余棵',
    '发放宣传册5000份',
  ]);
  await expect(page.getByTestId('jump-block-to')).toHaveText('（下转B7版）');

  const onDisk = await storyOnDisk(desk.dataDir, id!);
  expect(onDisk).toMatchObject({
    subheadline: '——青禾区以党建引领城市绿化',
    photos: [
      {
        caption: '图为“绿色管家”志愿服务队在社区巡护绿地。',
        creditName: '青禾区委组织部',
        creditKind: '供图',
      },
      { caption: '图为青禾区党员志愿者在滨河公园补植苗木。', creditName: '林小禾', creditKind: '摄' },
    ],
    figures: [
      { label: '投入资金', value: '1758万', unit: '元', qualifier: '', asOf: '' },
      { label: '种植苗木', value: '6.1万', unit: '棵', qualifier: '余', asOf: '' },
      { label: '发放宣传册', value: '5000', unit: '份', qualifier: '', asOf: '2026-10' },
    ],
    jumps: [{ direction: 'to', page: 'B7' }],
  });
  // The jump line is data, not text in the body.
  expect(JSON.stringify(onDisk.body)).not.toContain('下转');
});

test('a body full of numbers lists the first 30 suggested figures, and all of them on request', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.keyboard.press('Control+n');
  await page.getByTestId('body-editor').click();
  const sentences = Array.from({ length: 40 }, (_, i) => `第${i + 1}期培训党员${120 + i}人。`);
  await page.keyboard.insertText(sentences.join(''));
  await page.getByTestId('figure-suggest').click();
  const suggestions = page.getByTestId('figure-suggestion');
  await expect(suggestions).toHaveCount(30);
  await expect(suggestions.first()).toContainText('120人');
  await page.getByTestId('figure-suggestions-all').click();
  await expect(suggestions).toHaveCount(40);
  await expect(suggestions.last()).toContainText('159人');
  await expect(page.getByTestId('figure-suggestions-all')).toHaveCount(0);
});
