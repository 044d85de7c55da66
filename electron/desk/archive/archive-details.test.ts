import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { splitPageText } from '../../../shared/import';
import { bodyFromBlocks, type Byline } from '../../../shared/model';
import { pageArchiveEntries } from '../import/page-import';
import { regionIndex } from '../regions';
import { ARCHIVE_FILES, ArchiveStore, archiveEntryOf } from './archive-store';
import { ArchiveSearch } from './search-service';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-archive-details-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const body = (...texts: string[]) =>
  bodyFromBlocks(texts.map((text) => ({ type: 'paragraph' as const, text })));
const byline: Byline = {
  position: 'lead',
  credits: [
    { kind: 'person', role: '记者', names: ['周岚'] },
    { kind: 'person', role: '', names: ['田禾'] },
  ],
};
const published = (i: number) =>
  archiveEntryOf(
    `2026-11-0${i}/B6/story-${i}`,
    {
      headline: `茶园里的党员先锋岗${i}`,
      body: body(`第${i}篇：村党支部把茶园分成片区，党员一人一片，早晚巡园记录病虫情况。`),
      region: { code: '520304', path: ['贵州省', '遵义市', '播州区'] },
      byline,
      dateline: '本报讯',
    },
    `2026-11-0${i}`,
  );
const old = (i: number) =>
  archiveEntryOf(
    `2020-01-0${i}/B6/old-${i}`,
    { headline: `旧稿${i}`, body: body(`旧稿第${i}篇的正文，归档时还不记地区和署名。`) },
    `2020-01-0${i}`,
  );

describe('the archive keeps each story’s region and byline (issue 19)', () => {
  it('stores them with a published story and shows them after the archive is reopened', async () => {
    const search = new ArchiveSearch(await ArchiveStore.open(dir));
    await search.add([published(1)]);
    await search.flush();
    const reopened = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(reopened.get('2026-11-01/B6/story-1')).toMatchObject({
      region: { code: '520304', path: ['贵州省', '遵义市', '播州区'] },
      byline: '本报讯（记者 周岚 田禾）',
      credits: byline.credits,
    });
  });

  it('reads an archive written before it kept them: its stories show none, new ones keep theirs', async () => {
    const store = await ArchiveStore.open(dir);
    await store.add([old(1), old(2)]);
    await store.flush();
    const manifestPath = join(dir, ARCHIVE_FILES.manifest);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    // Old archives have no details at all (archiveEntryOf without a byline writes none).
    expect(manifest.details).toBeUndefined();

    const search = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(search.get('2020-01-01/B6/old-1')).toMatchObject({ region: null, byline: null, credits: null });
    await search.add([published(3)]);
    const again = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(again.get('2020-01-02/B6/old-2').byline).toBeNull();
    expect(again.get('2026-11-03/B6/story-3').region?.code).toBe('520304');
    expect(again.list({ limit: 10 }).total).toBe(3);
  });

  it('opens an archive whose details are damaged: those stories show none, nothing else is lost', async () => {
    const store = await ArchiveStore.open(dir);
    await store.add([published(1), published(2)]);
    await store.flush();
    const manifestPath = join(dir, ARCHIVE_FILES.manifest);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { details: unknown[] };
    manifest.details[0] = { region: 'no such shape' };
    await writeFile(manifestPath, JSON.stringify(manifest));
    const search = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(search.get('2026-11-01/B6/story-1')).toMatchObject({ region: null, byline: null });
    expect(search.get('2026-11-02/B6/story-2').byline).toBe('本报讯（记者 周岚 田禾）');
    expect(search.get('2026-11-01/B6/story-1').blocks[0]).toContain('第1篇');
  });

  it('archives a past page’s stories with the region of their label and their byline', async () => {
    const page = [
      '播州区',
      '村里的“红色议事会”开到田坎上',
      '本报讯（记者 周岚 通讯员 田禾）近日，某村党支部把议事会搬到田间，群众有事当场议、当场办。',
      '议事会每月两次，党员干部轮流主持，已解决灌溉、道路等问题二十余件。',
    ].join('\n');
    const split = splitPageText(page, { regions: await regionIndex() });
    const [entry] = pageArchiveEntries(split, '2026-10-12', 'B6');
    const search = new ArchiveSearch(await ArchiveStore.open(dir));
    await search.add([entry!]);
    const view = search.get(entry!.id);
    expect(view.region).toEqual({ code: '520304', path: ['贵州省', '遵义市', '播州区'] });
    expect(view.byline).toBe('本报讯（记者 周岚 通讯员 田禾）');
  });
});
