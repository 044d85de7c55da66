/**
 * Story import says everything at once, in the reader's language (issue 19 §5): a
 * story file with several problems is refused once, and the result dialog lists
 * every problem with its line number, in Chinese; nothing is written. A file in
 * the forms printed pages use (names without a role, bracketed photo credits) is
 * imported. Real host, fresh data folder; invented text.
 */
import { expect, test } from './utils/fixtures';

const BROKEN = [
  '---',
  'headline: 青石村：红色代办进万家',
  'kind: 评论',
  'page: b6',
  'author: 周一帆',
  'byline: "记者 宋子衡 通讯员"',
  '---',
  '',
  '今年以来，青石村党支部组建“红色代办”服务队，每周入户走访群众。',
  '',
  '![图为党员志愿者入户走访。](tea.jpg "柯小禾")',
  '',
].join('\n');

const PRINTED = [
  '---',
  'headline: 青石村：红色代办进万家',
  'dateline: 本报讯',
  'byline: "本报讯(宋子衡 梁若溪)"',
  '---',
  '',
  '今年以来，青石村党支部组建“红色代办”服务队，每周入户走访群众。',
  '',
].join('\n');

test('a story file with several problems is refused once, every problem listed with its line in Chinese', async ({
  page,
  desk,
}, testInfo) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.getByTestId('import-stories-input').setInputFiles([
    { name: '青石村.md', mimeType: 'text/markdown', buffer: Buffer.from(BROKEN) },
    { name: '青石村署名.md', mimeType: 'text/markdown', buffer: Buffer.from(PRINTED) },
  ]);
  const dialog = page.getByTestId('import-result');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText('共 2 个文件：1 个已成为新稿件，1 个未导入。');

  const broken = dialog.locator('[data-testid="import-file"][data-file="青石村.md"]');
  await expect(broken).toHaveAttribute('data-ok', 'false');
  const error = broken.getByTestId('import-error');
  await expect(error).toContainText('稿件文件“青石村.md”有 5 处问题，请改好后再导入：');
  await expect(error.getByTestId('import-problem')).toHaveText([
    '第 3 行 稿件类型“评论”不是 消息、通讯、工作经验、图片新闻、专栏 之一',
    '第 4 行 版面“b6”应写成 B6 这样的版名',
    /^第 5 行 不认识的项目“author”/,
    '第 6 行 署名身份“通讯员”后面没有姓名',
    '第 11 行 图片署名“柯小禾”应写成“某某 摄”“某单位供图”或“图 某某”',
  ]);
  await expect(error).toContainText('这个文件没有写入任何内容，其他文件不受影响。');

  const printed = dialog.locator('[data-testid="import-file"][data-file="青石村署名.md"]');
  await expect(printed).toHaveAttribute('data-ok', 'true');
  await page.screenshot({ path: testInfo.outputPath('import-problems.png') });

  await page.getByTestId('import-result-close').click();
  await expect(page.getByTestId('story-row')).toHaveCount(6);
});
