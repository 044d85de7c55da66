/**
 * Past pages split as printed (issue 19 §4), through the real host and a fresh data
 * folder: region labels above headlines become the stories' regions, a slogan box is
 * one box and not archived, credit lines are the photos' credits; a page the
 * splitter reads wrong is corrected in the preview (merge, split at a line, a line
 * marked as byline and as caption), the corrections survive 返回修改, and the
 * archive holds the page as corrected. Every page text is invented
 * (shared/import/fixtures/past-pages.ts). Screenshots (zh-CN) are kept as artefacts.
 */
import type { Locator, Page } from '@playwright/test';

import { PAGE_PHOTOS_BOX, PAGE_REGIONS, PAGE_TO_CORRECT } from '../shared/import/fixtures/past-pages';
import { expect, test } from './utils/fixtures';
import { splitPastPage } from './utils/page-import';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(name) });

async function splitPage(page: Page, name: string, text: string, date: string): Promise<Locator> {
  const dialog = await splitPastPage(page, { page: 'B5', date, name, text });
  await expect(dialog.getByTestId('page-split')).toBeVisible();
  return dialog;
}

/** The row of page line `n`, its story's line list opened. */
async function lineRow(dialog: Locator, n: number): Promise<Locator> {
  const selector = `[data-testid="split-line"][data-line="${n}"]`;
  const row = dialog.locator(selector);
  const details = dialog.getByTestId('split-lines').filter({ has: dialog.page().locator(selector) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  await expect(row).toBeVisible();
  return row;
}

async function archiveConfirm(page: Page, added: number) {
  await page.getByTestId('page-import-confirm').click();
  await expect(page.getByTestId('page-import-done')).toHaveText(
    `已存入 ${added} 篇；0 篇资料库里已有，未重复存入。`,
  );
  await page.getByTestId('page-import-close').click();
}

test('region labels, a slogan box and credit lines are read as page furniture', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('archive-view')).toBeVisible();

  let dialog = await splitPage(page, '往期B5-地区.txt', PAGE_REGIONS, '2025-05-06');
  const stories = dialog.getByTestId('split-story');
  await expect(stories.getByTestId('split-headline')).toHaveText([
    '“院坝议事”议出乡村好日子',
    '茶园里的党员先锋队',
    '“红管家”管出小区新气象',
  ]);
  await expect(stories.getByTestId('split-region')).toHaveText([
    '地区贵州省遵义市播州区',
    '地区贵州省遵义市凤冈县',
    '地区贵州省遵义市仁怀市',
  ]);
  await expect(stories.getByTestId('split-byline')).toHaveText([
    '署名（杨柳）',
    '署名（田禾）',
    '署名■中共仁怀市委组织部',
  ]);
  const roles = await lineRow(dialog, 9);
  await expect(roles).toHaveAttribute('data-role', 'byline');
  await expect(await lineRow(dialog, 11)).toHaveAttribute('data-role', 'region');
  await expect(await lineRow(dialog, 5)).toContainText('电头段本报讯 入夏以来');
  await dialog.locator('.page-import-notes summary').click();
  const notes = dialog.getByTestId('page-import-note');
  await expect(notes.filter({ hasText: '地区标签' }).first()).toHaveText(
    '标题上方的“播州区”是地区标签，已作为““院坝议事”议出乡村好日子”的地区：贵州省遵义市播州区。播州区',
  );
  await expect(notes.filter({ hasText: '强调记号' })).toHaveCount(1);
  await expect(notes.filter({ hasText: '“”' })).toHaveCount(0);
  await shot(page, 'split-regions.png');
  await archiveConfirm(page, 3);

  dialog = await splitPage(page, '往期B5-图片.txt', PAGE_PHOTOS_BOX, '2025-05-13');
  await expect(stories.getByTestId('split-headline')).toHaveText(['山乡夜校点亮致富路', '古寨新颜']);
  await expect(page.getByTestId('page-import-summary')).toContainText('拆出 2 篇稿件');
  await expect(dialog.getByTestId('split-box')).toHaveText(
    '第 8—12 行 社会主义核心价值观 / 富强 民主 文明 和谐 / 自由 平等 公正 法治 / 爱国 敬业 诚信 友善 / 中共石阡县委宣传部 宣',
  );
  await expect(stories.nth(0).getByTestId('split-captions')).toHaveText(
    '图为农技员在夜校讲解食用菌栽培技术。吴越 摄',
  );
  await expect(stories.nth(1).getByTestId('split-captions').locator('li')).toHaveText([
    '游客在古寨里参观。蓝天 摄',
    '志愿者为留守儿童辅导功课。石阡县委组织部供图',
  ]);
  await expect(stories.nth(0).getByTestId('split-byline')).toHaveText('署名龙泉 杨帆');
  await shot(page, 'split-box.png');
  await archiveConfirm(page, 2);

  // The box is not a story of the archive.
  await page.getByTestId('archive-date').filter({ hasText: '2025-05-13' }).click();
  await expect(page.getByTestId('archive-story')).toHaveCount(2);
  await expect(page.getByTestId('archive-view')).not.toContainText('富强 民主');
});

test('a split corrected in the preview keeps its corrections through 返回修改 and is archived as corrected', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.keyboard.press('Alt+3');
  const dialog = await splitPage(page, '往期B5-待修改.txt', PAGE_TO_CORRECT, '2025-05-20');
  const stories = dialog.getByTestId('split-story');
  // As the splitter reads it: a sidebar head over two names taken for a story, a headline taken for a subhead.
  await expect(stories.getByTestId('split-headline')).toHaveText([
    '“楼栋夜谈”谈出邻里温情',
    '两位楼栋长',
    '（上接B3版）',
  ]);
  await expect(stories.nth(0).getByTestId('split-region')).toHaveText('地区贵州省贵阳市白云区');
  await expect(await lineRow(dialog, 11)).toHaveAttribute('data-role', 'subhead');

  await stories.nth(1).getByTestId('split-merge').click();
  await expect(stories).toHaveCount(2);
  await (await lineRow(dialog, 11)).getByTestId('split-here').click();
  await expect(stories).toHaveCount(3);
  await (await lineRow(dialog, 10)).getByTestId('split-mark').selectOption('byline');
  await expect(await lineRow(dialog, 10)).toHaveAttribute('data-role', 'byline');
  await (await lineRow(dialog, 13)).getByTestId('split-mark').selectOption('caption');
  await expect(await lineRow(dialog, 13)).toHaveAttribute('data-role', 'caption');

  const expectCorrected = async () => {
    await expect(stories.getByTestId('split-headline')).toHaveText([
      '“楼栋夜谈”谈出邻里温情',
      '（上接B3版）',
      '社区食堂开张了',
    ]);
    await expect(stories.nth(0).getByTestId('split-paragraphs')).toHaveText('4 段（其中小标题 1 个）');
    await expect(stories.nth(1).getByTestId('split-byline')).toHaveText('署名（苗青）');
    await expect(stories.nth(2).getByTestId('split-captions')).toHaveText('老人们在社区食堂用餐');
    await expect(dialog.getByTestId('page-import-correction')).toHaveText([
      '第 5 行起的稿件并入上一篇撤销',
      '从第 11 行拆开撤销',
      '第 10 行标为署名撤销',
      '第 13 行标为图片说明撤销',
    ]);
  };
  await expectCorrected();
  await (await lineRow(dialog, 5)).scrollIntoViewIfNeeded();
  await shot(page, 'split-corrected.png');

  // 返回修改 keeps the file and the corrections; the next preview applies them again.
  await dialog.getByTestId('page-import-back').click();
  await expect(dialog.getByTestId('page-import-file-name')).toHaveText('往期B5-待修改.txt');
  await expect(dialog.getByTestId('page-import-kept')).toHaveText(
    '已保留对这个文件的 4 项拆分修改，再次预览时照样生效。',
  );
  await dialog.getByTestId('page-import-split').click();
  await expectCorrected();
  await archiveConfirm(page, 3);

  // The archive holds the page as corrected.
  const archived = page.getByTestId('archive-story');
  await expect(archived).toHaveCount(3);
  await expect(archived.filter({ hasText: '两位楼栋长' })).toHaveCount(0);
  await archived.filter({ hasText: '楼栋夜谈' }).click();
  await expect(page.getByTestId('archive-paragraph')).toHaveText([
    '贵阳市白云区在老旧小区推行“楼栋夜谈”，党员楼栋长每月召集居民围坐谈心，小区的烦心事在夜谈中一件件化解。',
    '两位楼栋长',
    '韦林 郑和',
    '两位老党员是小区第一批楼栋长，每次夜谈前都会挨家挨户敲门通知。',
  ]);
  await archived.filter({ hasText: '社区食堂开张了' }).click();
  await expect(page.getByTestId('archive-reader-title')).toHaveText('社区食堂开张了');
  await expect(page.getByTestId('archive-paragraph')).toHaveText([
    '老人们花十元钱就能吃上两荤一素，社区还为行动不便的老人送餐上门。',
    '老人们在社区食堂用餐',
  ]);
  await archived.filter({ hasText: '上接B3版' }).click();
  await expect(page.getByTestId('archive-paragraph')).toHaveText([
    '活动中心的书架上摆满了居民捐赠的图书，孩子们放学后常来这里写作业。',
  ]);
});
