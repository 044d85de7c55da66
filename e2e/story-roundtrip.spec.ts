/**
 * A reporter writes a whole story by keyboard, in Chinese, and finds every part
 * of it again after the desk restarts, in the app and in the file on disk.
 */
import { join } from 'node:path';

import { expect, test } from './utils/fixtures';
import { ROOT } from './utils/desk-host';
import { storyOnDisk } from './utils/story-files';

const PHOTO = join(ROOT, 'resources/demo/B6/photos');

test('a new story keeps every field through a restart, down to the file on disk', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('story-row')).toHaveCount(5);

  await page.keyboard.press('Control+n');
  const kicker = page.getByTestId('field-kicker');
  await expect(kicker).toBeVisible();

  await kicker.click();
  await page.keyboard.type('深化基层治理');
  await page.getByTestId('field-headline').click();
  await page.keyboard.type('枫林村：党员议事会议出文明新风');
  await page.getByTestId('field-subheadline').click();
  await page.keyboard.type('——某县以党建引领推动移风易俗');
  await expect(page.getByTestId('field-subheadline')).toHaveValue('——某县以党建引领推动移风易俗');

  const body = page.getByTestId('body-editor');
  await body.click();
  await page.keyboard.type('今年以来，枫林村党支部组织党员议事会，逐户听取群众意见。');
  await page.keyboard.press('Enter');
  await page.keyboard.type('议事会累计收集意见120余条，办结率达到百分之九十以上。');

  await page.getByTestId('byline-add-person').click();
  await page.getByTestId('byline-role').last().selectOption('记者');
  await page.getByTestId('byline-names').last().click();
  await page.keyboard.type('陈思远');
  await page.getByTestId('byline-add-person').click();
  await page.getByTestId('byline-role').last().selectOption('通讯员');
  await page.getByTestId('byline-names').last().click();
  await page.keyboard.type('林小禾 周明');
  await expect(page.getByTestId('byline-preview')).toHaveText('本报讯（记者 陈思远 通讯员 林小禾 周明）');

  await page.getByTestId('region-search').click();
  await page.keyboard.type('贵阳 白云');
  await page.locator('[data-testid="region-option"][data-code="520113"]').click();

  const files = (await import('node:fs')).readdirSync(PHOTO).filter((f) => f.endsWith('.jpg'));
  await page.getByTestId('photo-file').setInputFiles(join(PHOTO, files[0]!));
  await expect(page.getByTestId('photo-item')).toHaveCount(1);
  await page.getByTestId('photo-caption').click();
  await page.keyboard.type('图为党员议事会现场。');
  await page.getByTestId('photo-credit-name').click();
  await page.keyboard.type('陈思远');
  await page.getByTestId('photo-credit-kind').selectOption('摄');

  await page.getByTestId('figure-add').click();
  await page.getByTestId('figure-label').click();
  await page.keyboard.type('收集意见');
  await page.getByTestId('figure-value').click();
  await page.keyboard.type('120');
  await page.getByTestId('figure-unit').click();
  await page.keyboard.type('条');
  await page.getByTestId('figure-qualifier').selectOption('余');
  await page.getByTestId('figure-asof').click();
  await page.keyboard.type('2026-10');

  await page.getByTestId('jump-add').click();
  await page.getByTestId('jump-direction').selectOption('to');
  await page.getByTestId('jump-page').click();
  await page.keyboard.type('B7');

  await page.getByTestId('field-page').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('B6');
  await page.getByTestId('field-slot').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('6');

  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  const id = await page.getByTestId('story-row').filter({ hasText: '枫林村' }).getAttribute('data-story-id');
  expect(id).toBeTruthy();

  await desk.restart();
  await page.goto(desk.url);

  // The story that was open is open again, with everything in it.
  await expect(page.getByTestId('field-headline')).toHaveValue('枫林村：党员议事会议出文明新风');
  await expect(page.getByTestId('field-kicker')).toHaveValue('深化基层治理');
  await expect(page.getByTestId('field-subheadline')).toHaveValue('——某县以党建引领推动移风易俗');
  await expect(body).toContainText('逐户听取群众意见。');
  await expect(body).toContainText('办结率达到百分之九十以上。');
  await expect(page.getByTestId('byline-preview')).toHaveText('本报讯（记者 陈思远 通讯员 林小禾 周明）');
  await expect(page.getByTestId('region-selected')).toContainText('520113');
  await expect(page.getByTestId('photo-caption')).toHaveValue('图为党员议事会现场。');
  await expect(page.getByTestId('photo-credit-name')).toHaveValue('陈思远');
  await expect(page.getByTestId('figure-label')).toHaveValue('收集意见');
  await expect(page.getByTestId('figure-qualifier')).toHaveValue('余');
  await expect(page.getByTestId('jump-page')).toHaveValue('B7');
  await expect(page.getByTestId('field-slot')).toHaveValue('6');

  const onDisk = await storyOnDisk(desk.dataDir, id!);
  expect(onDisk).toMatchObject({
    id,
    kicker: '深化基层治理',
    headline: '枫林村：党员议事会议出文明新风',
    subheadline: '——某县以党建引领推动移风易俗',
    dateline: '本报讯',
    byline: {
      position: 'lead',
      credits: [
        { kind: 'person', role: '记者', names: ['陈思远'] },
        { kind: 'person', role: '通讯员', names: ['林小禾', '周明'] },
      ],
    },
    region: { code: '520113', path: ['贵州省', '贵阳市', '白云区'] },
    photos: [{ caption: '图为党员议事会现场。', creditName: '陈思远', creditKind: '摄' }],
    figures: [{ label: '收集意见', value: '120', unit: '条', qualifier: '余', asOf: '2026-10' }],
    jumps: [{ direction: 'to', page: 'B7' }],
    page: 'B6',
    slot: 6,
  });
  expect(JSON.stringify(onDisk.body)).toContain('逐户听取群众意见。');
  const photoFile = (onDisk.photos as Array<{ file: string }>)[0]!.file;
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(join(desk.dataDir, 'photos', photoFile))).toEqual(readFileSync(join(PHOTO, files[0]!)));
});
