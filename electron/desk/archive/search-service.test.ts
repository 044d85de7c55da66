import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { randomChineseText } from '../../../shared/checks/duplicates/fixtures/planted';
import { bodyFromBlocks } from '../../../shared/model';
import { ARCHIVE_FILES, ArchiveStore, archiveEntryOf } from './archive-store';
import { ArchiveSearch, SEARCH_STEP } from './search-service';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-search-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const body = (...texts: string[]) =>
  bodyFromBlocks(texts.map((text) => ({ type: 'paragraph' as const, text })));
const entry = (i: number, extra = '') =>
  archiveEntryOf(
    `2024-05-0${(i % 9) + 1}/B6/${i}`,
    { headline: `旧稿${i}`, body: body(randomChineseText(i, 300) + extra) },
    `2024-05-0${(i % 9) + 1}`,
  );
const QUERIES = ['积分超市', '旧稿7', '产业路', '茶'];

async function searchAll(search: ArchiveSearch) {
  return Promise.all(QUERIES.map((q) => search.search(q, 10)));
}

describe('ArchiveSearch', () => {
  it('persists the search index beside the archive: a reopened desk loads it and answers the same', async () => {
    const search = new ArchiveSearch(await ArchiveStore.open(dir));
    await search.add([entry(1), entry(2, '村里推行积分超市。'), entry(3)]);
    expect(await search.search('积分超市', 5)).toHaveLength(1); // built on first use (no search.bin yet) and written
    expect(search.status).toMatchObject({ loaded: false, rebuilt: true, reason: 'search.bin missing' });
    await search.add([entry(7, '云台乡修通产业路，茶农的鲜叶当天运出山。')]);
    await search.flush();
    const before = await searchAll(search);

    const reopened = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(await searchAll(reopened)).toEqual(before);
    expect(reopened.status).toMatchObject({ loaded: true, rebuilt: false });
    expect(reopened.status?.caughtUp).toBeUndefined();
  });

  it('catches up stories archived without it (the store alone, a crash before search.bin) and rebuilds a missing or damaged file', async () => {
    const store = await ArchiveStore.open(dir);
    const search = new ArchiveSearch(store);
    await search.add([entry(1), entry(2)]);
    await search.index();
    await search.flush();
    await store.add([entry(3, '积分超市开张了。'), entry(4)]); // published through the store: search.bin behind
    const fresh = new ArchiveSearch(await ArchiveStore.open(dir));
    const [hit] = await fresh.search('积分超市', 5);
    expect(hit?.id).toBe('2024-05-04/B6/3');
    expect(fresh.status).toMatchObject({ loaded: true, caughtUp: 2 });
    const answers = await searchAll(fresh);

    const file = join(dir, ARCHIVE_FILES.search);
    const bytes = await readFile(file);
    bytes[bytes.length - 2]! ^= 0x08;
    await writeFile(file, bytes);
    const damaged = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(await searchAll(damaged)).toEqual(answers);
    expect(damaged.status).toMatchObject({
      loaded: false,
      rebuilt: true,
      reason: expect.stringContaining('damaged'),
    });

    await rm(file);
    const missing = new ArchiveSearch(await ArchiveStore.open(dir));
    expect(await searchAll(missing)).toEqual(answers);
    expect(missing.status).toMatchObject({ rebuilt: true, reason: 'search.bin missing' });
    expect((await stat(file)).size).toBeGreaterThan(64);
  });

  it('rewrites search.bin on add once the stories it does not cover pass SEARCH_STEP characters', async () => {
    const search = new ArchiveSearch(await ArchiveStore.open(dir));
    await search.add([entry(1)]);
    await search.index();
    const written = (await stat(join(dir, ARCHIVE_FILES.search))).mtimeMs;
    await search.add([entry(2)]);
    expect((await stat(join(dir, ARCHIVE_FILES.search))).mtimeMs).toBe(written);
    const many = Array.from({ length: Math.ceil(SEARCH_STEP / 300) + 1 }, (_, i) => entry(100 + i));
    await search.add(many);
    const reopened = new ArchiveSearch(await ArchiveStore.open(dir));
    await reopened.index();
    expect(reopened.status).toMatchObject({ loaded: true });
    expect(reopened.status?.caughtUp).toBeUndefined();
  });
});
