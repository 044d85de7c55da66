/**
 * The archive keeps a story's region and byline (issue 19): a past page archived
 * from its text shows, in the archive reader, the region its label named and the
 * byline as printed. Real host, fresh data folder; an invented page.
 */
import { expect, test } from './utils/fixtures';
import { splitPastPage } from './utils/page-import';

const PAGE = [
  '播州区',
  '田坎上的“红色议事会”',
  '本报讯（记者 周岚 通讯员 田禾）近日，某村党支部把议事会搬到田间地头，群众有事当场议、当场办。',
  '议事会每月两次，由党员干部轮流主持，今年以来已解决灌溉、道路等问题二十余件。',
  '',
  '小区里的“红管家”',
  '本报讯（宋子衡 梁若溪）在某社区，十二名党员认领楼栋，当起了居民的“红管家”。',
  '他们每周收集一次居民诉求，能办的当天办，办不了的报社区党委协调。',
].join('\n');

test('an archived past page shows each story’s region and byline in the archive reader', async ({
  page,
  desk,
}, testInfo) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('archive-view')).toBeVisible();
  const dialog = await splitPastPage(page, {
    page: 'B5',
    date: '2025-05-06',
    name: '往期B5.txt',
    text: PAGE,
  });
  await expect(dialog.getByTestId('split-story')).toHaveCount(2);
  await page.getByTestId('page-import-confirm').click();
  await expect(page.getByTestId('page-import-done')).toContainText('已存入 2 篇');
  await page.getByTestId('page-import-close').click();

  await page.getByTestId('archive-story').filter({ hasText: '红色议事会' }).click();
  const reader = page.getByTestId('archive-reader');
  await expect(reader.getByTestId('archive-reader-title')).toHaveText('田坎上的“红色议事会”');
  await expect(reader.getByTestId('archive-reader-region')).toHaveText('贵州省 遵义市 播州区（520304）');
  await expect(reader.getByTestId('archive-reader-byline')).toHaveText('本报讯（记者 周岚 通讯员 田禾）');
  await page.screenshot({ path: testInfo.outputPath('archive-reader-details.png') });

  await page.getByTestId('archive-story').filter({ hasText: '红管家' }).click();
  await expect(reader.getByTestId('archive-reader-title')).toHaveText('小区里的“红管家”');
  await expect(reader.getByTestId('archive-reader-region')).toHaveText('未注明');
  await expect(reader.getByTestId('archive-reader-byline')).toHaveText('本报讯（宋子衡 梁若溪）');
});
