/**
 * A region by name in a story file (issue 19 §5), and a credit printed without a
 * role in the byline panel: `region: 白云区` names two divisions, so the import
 * result asks which one (each shown with its province and city) and the pick is
 * the story's region; an unknown name is a note with its line, the story imported
 * without a region. The imported story's name-only credit reads 「未注明」 with its
 * finding beside it, and a role can be picked. Real host, fresh data folder; invented text.
 */
import { expect, test } from './utils/fixtures';

const AMBIGUOUS = [
  '---',
  'headline: 云岭社区：党员楼栋长把服务送上门',
  'region: 白云区',
  'dateline: 本报讯',
  'byline: "本报讯（宋子衡 梁若溪）"',
  '---',
  '',
  '今年以来，云岭社区党委在每栋楼选出一名党员楼栋长，每周上门听取居民意见。',
  '',
].join('\n');

const UNKNOWN = [
  '---',
  'headline: 青石村：红色代办进万家',
  'kicker: 深化基层治理',
  'region: 青石县',
  '---',
  '',
  '青石村党支部组建“红色代办”服务队，每周入户走访群众。',
  '',
].join('\n');

test('a region name several divisions share is asked for in the import result; an unknown one is noted with its line', async ({
  page,
  desk,
}, testInfo) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
  await page.getByTestId('import-stories-input').setInputFiles([
    { name: '云岭社区.md', mimeType: 'text/markdown', buffer: Buffer.from(AMBIGUOUS) },
    { name: '青石村.md', mimeType: 'text/markdown', buffer: Buffer.from(UNKNOWN) },
  ]);
  const dialog = page.getByTestId('import-result');
  await expect(page.getByTestId('import-summary')).toHaveText(
    '共 2 个文件，都已成为新稿件。请逐篇核对下面列出的事项。',
  );

  const unknown = dialog.locator('[data-testid="import-file"][data-file="青石村.md"]');
  await expect(unknown.locator('[data-testid="import-note"][data-code="region-unknown"]')).toHaveText(
    /^第 4 行的地区“青石县”不是 GB\/T 2260 里的行政区，稿件暂无地区/,
  );

  const ambiguous = dialog.locator('[data-testid="import-file"][data-file="云岭社区.md"]');
  const note = ambiguous.locator('[data-testid="import-note"][data-code="region-ambiguous"]');
  await expect(note).toContainText('第 3 行的地区“白云区”有 2 处同名，稿件暂无地区。请选定是哪一个：');
  const choices = note.getByTestId('import-region-choice');
  await expect(choices).toHaveText([
    /广东省 · 广州市\s*白云区\s*440111/,
    /贵州省 · 贵阳市\s*白云区\s*520113/,
  ]);
  await page.screenshot({ path: testInfo.outputPath('import-region-ask.png') });

  await note.locator('[data-testid="import-region-choice"][data-code="520113"]').click();
  await expect(note.getByTestId('import-region-picked')).toHaveText(
    '地区已定为 贵州省贵阳市白云区（520113）。',
  );
  await ambiguous.getByTestId('import-open').click();

  // The story has the region picked, saved (a reload shows it too).
  await expect(page.getByTestId('field-headline')).toHaveValue('云岭社区：党员楼栋长把服务送上门');
  await expect(page.getByTestId('region-selected-path')).toHaveText('贵州省 贵阳市 白云区');
  await expect(page.getByTestId('region-selected-code')).toHaveText('代码 520113');

  // The byline's names were printed without a role: 「未注明」, with the finding beside the credit.
  const panel = page.getByTestId('panel-byline');
  const credit = panel.getByTestId('byline-credit').first();
  const role = credit.getByTestId('byline-role');
  await expect(role).toHaveAttribute('data-choice', 'none');
  await expect(role.locator('option:checked')).toHaveText('未注明');
  await expect(credit.getByTestId('byline-custom-role')).toHaveCount(0);
  const finding = credit.locator('[data-testid="byline-credit-finding"][data-rule="byline.no-role"]');
  await expect(finding).toHaveAttribute('data-severity', 'info');
  await expect(finding).toContainText('宋子衡 梁若溪');
  await expect(page.getByTestId('byline-preview')).toHaveText('本报讯（宋子衡 梁若溪）');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('byline-no-role.png') });

  // Picking a role: the credit has it, the finding goes, the preview prints it.
  await role.selectOption('通讯员');
  await expect(role).toHaveAttribute('data-choice', 'known');
  await expect(page.getByTestId('byline-preview')).toHaveText('本报讯（通讯员 宋子衡 梁若溪）');
  await expect(finding).toHaveCount(0);
  // 「其他」 opens the field to type a role; back to 「未注明」 the credit has none again.
  await role.selectOption({ label: '其他……' });
  await expect(credit.getByTestId('byline-custom-role')).toHaveValue('');
  await expect(role).toHaveAttribute('data-choice', 'custom');
  await role.selectOption({ label: '未注明' });
  await expect(page.getByTestId('byline-preview')).toHaveText('本报讯（宋子衡 梁若溪）');
  await expect(finding).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });

  await page.reload();
  await page.getByTestId('story-row').filter({ hasText: '云岭社区' }).click();
  await expect(page.getByTestId('region-selected-code')).toHaveText('代码 520113');
  await expect(page.getByTestId('byline-role').first()).toHaveAttribute('data-choice', 'none');
});
