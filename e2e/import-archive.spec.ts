/**
 * Import and the archive (issue 8) through the real host and a fresh data folder:
 * a Word file and a GBK text file picked in the story list become new stories and
 * the result dialog lists what to check (a damaged file is refused by name); an
 * invented past page is split, confirmed and archived, found by a Chinese phrase
 * and opened; a draft that repeats archived text gets a duplicate finding whose
 * twin opens the archive at that text. Screenshots (1366×768, zh-CN) are kept as
 * artefacts of each test.
 */
import type { Page } from '@playwright/test';

import { buildDocx } from '../shared/import/fixtures/docx-fixture';
import { expect, test } from './utils/fixtures';
import { splitPastPage } from './utils/page-import';

/** GBK bytes of `text` (Node has a GBK decoder, not an encoder: invert it for the characters used). */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const codes = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (codes.has(ch)) out.push(...codes.get(ch)!);
    else throw new Error(`not in GBK: ${ch}`);
  }
  return Buffer.from(out);
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(name) });

// Every story text below is invented for this test.
const DOCX_HEADLINE = '南岭村：“院坝会”议出产业新路子';
const DOCX = buildDocx(
  [
    { text: '聚力乡村振兴', style: 'Kicker' },
    { text: DOCX_HEADLINE, style: 'Title' },
    { text: '本报讯（记者 程远 通讯员 韦青）南岭村党支部把院坝会开到农户家门口，村民围坐一起商量产业发展。' },
    { text: '党员带头闯市场', style: '2' },
    { text: '村里的党员带头种植金银花，带动六十多户村民增收。' },
    { image: 'image1.jpg' },
    {
      table: [
        ['项目', '进度'],
        ['金银花基地', '已投产'],
      ],
    },
  ],
  { 'image1.jpg': new TextEncoder().encode('<html>not a photo</html>') },
);
const TXT_HEADLINE = '桃源社区：“楼道议事会”议出幸福感';
const TXT = gbk(
  [
    TXT_HEADLINE,
    '本报讯（记者 夏明 通讯员 冯雨）桃源社区把议事会开进楼道，居民有事好商量。',
    '今年以来，社区共解决加装电梯、停车难等问题23件。',
  ].join('\r\n'),
);

test('Word and GBK text files picked in the story list become stories; the notes dialog lists what to check', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  const damaged = DOCX.slice(0, Math.floor(DOCX.length / 2));

  await page.getByTestId('import-stories-input').setInputFiles([
    {
      name: '南岭村院坝会.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(DOCX),
    },
    { name: '桃源社区.txt', mimeType: 'text/plain', buffer: TXT },
    { name: '损坏的稿件.docx', mimeType: 'application/octet-stream', buffer: Buffer.from(damaged) },
  ]);

  const dialog = page.getByTestId('import-result');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText('共 3 个文件：2 个已成为新稿件，1 个未导入。');
  const docx = dialog.locator('[data-testid="import-file"][data-file="南岭村院坝会.docx"]');
  await expect(docx).toHaveAttribute('data-ok', 'true');
  await expect(docx).toContainText(DOCX_HEADLINE);
  await expect(docx.locator('[data-code="table-flattened"]')).toContainText('1 个表格已拆成段落');
  await expect(docx.locator('[data-code="image-rejected"]')).toContainText('不是 JPEG、PNG 或 WebP');
  const txt = dialog.locator('[data-testid="import-file"][data-file="桃源社区.txt"]');
  await expect(txt).toContainText(TXT_HEADLINE);
  await expect(txt.getByTestId('import-encoding')).toHaveText('文本编码：GB18030（兼容 GBK）');
  await expect(txt.locator('[data-code="encoding"]')).toContainText('GB18030');
  const broken = dialog.locator('[data-testid="import-file"][data-file="损坏的稿件.docx"]');
  await expect(broken).toHaveAttribute('data-ok', 'false');
  await expect(broken.getByTestId('import-error')).toContainText(
    '“损坏的稿件.docx”已损坏或不完整，没有导入任何内容',
  );
  await shot(page, 'import-notes.png');

  await page.getByTestId('import-result-close').click();
  await expect(dialog).toBeHidden();
  // The two new stories are in the list; the first is open, its parts recognised.
  await expect(page.getByTestId('story-row')).toHaveCount(7);
  await expect(page.getByTestId('field-headline')).toHaveValue(DOCX_HEADLINE);
  await expect(page.getByTestId('field-kicker')).toHaveValue('聚力乡村振兴');
  await page.getByTestId('story-row').filter({ hasText: TXT_HEADLINE }).click();
  await expect(page.getByTestId('field-headline')).toHaveValue(TXT_HEADLINE);
  await expect(page.getByTestId('body-editor')).toContainText('社区共解决加装电梯、停车难等问题23件。');
});

test('a text file dropped on the story list becomes a story', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  const text = [
    '河湾村：“夜话会”拉近干群距离',
    '本报讯（通讯员 柯岩）河湾村每月开一次“夜话会”，村干部和群众面对面拉家常。',
  ].join('\n');
  const files = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], '河湾村夜话会.md', { type: 'text/markdown' }));
    return transfer;
  }, text);
  const list = page.getByTestId('story-list');
  await list.dispatchEvent('dragover', { dataTransfer: files });
  await expect(page.getByTestId('import-drop')).toBeVisible();
  await list.dispatchEvent('drop', { dataTransfer: files });
  await expect(page.getByTestId('import-drop')).toBeHidden();
  await expect(page.getByTestId('import-summary')).toHaveText(
    '共 1 个文件，都已成为新稿件。请逐篇核对下面列出的事项。',
  );
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('field-headline')).toHaveValue('河湾村：“夜话会”拉近干群距离');
  await expect(page.getByTestId('story-row')).toHaveCount(6);
});

/** A past page as printed: three stories, a photo caption and its credit, a jump line, and a paragraph cut by a column break. */
const PAST_PAGE = [
  '',
  '梨花村：“板凳会”开到田间地头',
  '',
  '■中共梨花镇委员会',
  '',
  '梨花村党支部把“板凳会”搬到田间地头，党员干部和村民围坐在一起，把产业发展中的难题摆上桌面，一条一条商量',
  '',
  '出解决办法。今年以来共召开“板凳会”36场，收集意见建议120余条。',
  '',
  '聚焦产业 找准发展路子',
  '',
  '村里成立了蔬菜种植合作社，由党员带头试种高山蔬菜，亩均增收2000余元。',
  '',
  '图为党员在大棚里查看蔬菜长势。',
  '',
  '周小禾 摄',
  '',
  '（下转B8版）',
  '',
  '',
  '青溪街道：“红色驿站”让新就业群体有了歇脚地',
  '',
  '本报讯（记者 方远 通讯员 陶然）青溪街道在辖区设立12个“红色驿站”，为快递员、外卖骑手等新就业群体提供歇脚、充电、饮水和热饭等暖心服务。',
  '',
  '驿站还定期组织法律咨询和健康义诊活动，累计服务群众8000余人次。',
  '',
  '',
  '石门县：数字平台让村务晒在阳光下',
  '',
  '本报讯（通讯员 郑秋）石门县推行村务公开数字平台，村民用手机就能查看村集体收支明细。',
  '',
].join('\n');
const RED_STATION = '青溪街道：“红色驿站”让新就业群体有了歇脚地';
/** A sentence of the archived page, well over the archive check's 30 counted characters. */
const REPEATED =
  '青溪街道在辖区设立12个“红色驿站”，为快递员、外卖骑手等新就业群体提供歇脚、充电、饮水和热饭等暖心服务。';

function importPastPage(page: Page) {
  return splitPastPage(page, { page: 'b7', date: '2025-06-18', name: 'B7-2025-06-18.txt', text: PAST_PAGE });
}

test('a past page is split for confirmation, archived, browsed, searched and opened read-only', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('archive-view')).toBeVisible();
  await expect(page.getByTestId('archive-empty')).toBeVisible();

  const dialog = await importPastPage(page);
  const stories = dialog.getByTestId('split-story');
  await expect(stories).toHaveCount(3);
  await expect(page.getByTestId('page-import-summary')).toContainText(
    'B7 版 2025-06-18：拆出 3 篇稿件（文本编码 UTF-8）',
  );
  await expect(stories.getByTestId('split-headline')).toHaveText([
    '梨花村：“板凳会”开到田间地头',
    RED_STATION,
    '石门县：数字平台让村务晒在阳光下',
  ]);
  const first = stories.nth(0);
  await expect(first.getByTestId('split-byline')).toContainText('■中共梨花镇委员会');
  await expect(first.getByTestId('split-paragraphs')).toHaveText('3 段（其中小标题 1 个）');
  await expect(first.getByTestId('split-captions')).toContainText('图为党员在大棚里查看蔬菜长势。周小禾 摄');
  await expect(first.getByTestId('split-jumps')).toHaveText('下转 B8 版');
  await expect(first.getByTestId('split-joins')).toHaveText(
    '第 8 行接上一行：“……一条一条商量”＋“出解决办法。……”',
  );
  await expect(stories.nth(1).getByTestId('split-byline')).toContainText('本报讯（记者 方远 通讯员 陶然）');
  await shot(page, 'split-confirmation.png');

  await page.getByTestId('page-import-confirm').click();
  await expect(page.getByTestId('page-import-done')).toHaveText(
    '已存入 3 篇；0 篇资料库里已有，未重复存入。',
  );
  await page.getByTestId('page-import-close').click();

  // Browse: the date, its page, its stories; one opened read-only.
  await expect(page.getByTestId('archive-date')).toHaveCount(1);
  await expect(page.getByTestId('archive-date').first()).toContainText('2025-06-18');
  await expect(page.getByTestId('archive-page-head')).toHaveText(['B7 版']);
  await expect(page.getByTestId('archive-story')).toHaveCount(3);
  await page.getByTestId('archive-story').filter({ hasText: '梨花村' }).click();
  await expect(page.getByTestId('archive-reader-title')).toHaveText('梨花村：“板凳会”开到田间地头');
  await expect(page.getByTestId('archive-paragraph').first()).toHaveText(
    '梨花村党支部把“板凳会”搬到田间地头，党员干部和村民围坐在一起，把产业发展中的难题摆上桌面，一条一条商量出解决办法。今年以来共召开“板凳会”36场，收集意见建议120余条。',
  );
  await expect(page.getByTestId('archive-reader')).not.toContainText('（下转B8版）');
  await shot(page, 'archive-browse.png');

  // Search: "/" focuses the box; the hit is ranked first, its snippet marks the phrase; ↓ and Enter open it.
  await page.getByTestId('archive-reader').click();
  await page.keyboard.press('/');
  await expect(page.getByTestId('archive-search')).toBeFocused();
  await page.keyboard.insertText('红色驿站');
  const hits = page.getByTestId('archive-hit');
  await expect(hits.first()).toContainText(RED_STATION);
  await expect(hits.first().locator('mark').first()).toHaveText('红色驿站');
  await expect(page.getByTestId('archive-search-status')).toHaveText(/^找到 \d+ 篇，用时 \d+ 毫秒$/);
  const status = await page.getByTestId('archive-search-status').textContent();
  test.info().annotations.push({ type: 'archive search', description: status ?? '' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('archive-reader-title')).toHaveText(RED_STATION);
  await expect(page.getByTestId('archive-reader').locator('mark').first()).toHaveText('红色驿站');
  await shot(page, 'archive-search.png');

  // Ctrl+F from elsewhere on the screen comes back to the search box.
  await page.getByTestId('archive-dates').focus();
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('archive-search')).toBeFocused();
});

test('a draft repeating archived text gets a duplicate finding whose twin opens the archive there', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.getByTestId('view-archive').click();
  const dialog = await importPastPage(page);
  await page.getByTestId('page-import-confirm').click();
  await expect(page.getByTestId('page-import-done')).toBeVisible();
  await page.getByTestId('page-import-close').click();
  await expect(dialog).toBeHidden();

  await page.getByTestId('view-stories').click();
  await page.getByTestId('new-story').click();
  await page.getByTestId('field-headline').fill('新就业群体暖心服务站建成');
  await page.getByTestId('body-editor').click();
  await page.keyboard.insertText(`近日，${REPEATED}`);
  const finding = page.locator('[data-testid="finding"][data-rule="duplicate.archive"]');
  await expect(finding).toBeVisible({ timeout: 20_000 });
  await expect(finding).toContainText(RED_STATION);
  const twin = finding.getByTestId('finding-twin').first();
  await expect(twin).toContainText(RED_STATION);
  await expect(twin).toBeEnabled();
  await twin.click();

  await expect(page.getByTestId('archive-view')).toBeVisible();
  await expect(page.getByTestId('archive-reader-title')).toHaveText(RED_STATION);
  const mark = page.getByTestId('archive-reader').locator('mark.archive-mark-finding');
  await expect(mark).toHaveCount(1);
  // The archived characters the check found (its own span of the shared sentence).
  const marked = (await mark.textContent()) ?? '';
  expect(REPEATED).toContain(marked);
  expect(marked.length).toBeGreaterThanOrEqual(30);
  await expect(mark).toBeInViewport();
  await expect(page.getByTestId('archive-date').filter({ hasText: '2025-06-18' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await shot(page, 'archive-from-finding.png');
});
