import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { randomChineseText } from '../../../shared/checks/duplicates/fixtures/planted';
import { bodyFromBlocks } from '../../../shared/model';
import { ARCHIVE_FILES, INDEX_STEP, ArchiveStore, archiveEntryOf } from './archive-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-archive-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const body = (...texts: string[]) =>
  bodyFromBlocks(texts.map((text) => ({ type: 'paragraph' as const, text })));
const entry = (i: number) =>
  archiveEntryOf(
    `story-${i}`,
    { headline: `旧稿${i}`, body: body(randomChineseText(i, 300)) },
    '2024-05-0' + ((i % 9) + 1),
  );
const draftOf = (text: string) => ({
  key: 'draft',
  content: { kicker: '', headline: '新稿', subheadline: '', photos: [], body: body(text) },
});

describe('ArchiveStore', () => {
  it('is empty when absent, persists added stories durably, and finds them after a reopen', async () => {
    const store = await ArchiveStore.open(dir);
    expect(store.index.storyCount).toBe(0);
    await store.add([entry(1), entry(2)]);
    await store.add([entry(3)]);
    const copied = entry(3).blocks[0]!.slice(40, 90);

    const again = await ArchiveStore.open(dir);
    expect(again.status).toEqual({ stories: 3, rebuilt: false, caughtUp: 1 });
    const [f] = again.checkAgainstArchive(draftOf(`甲${copied}乙`));
    expect(f?.rule).toBe('duplicate.archive');
    expect(f?.params).toMatchObject({ twinStory: 'story-3', twinHeadline: '旧稿3', date: '2024-05-04' });
  });

  it('rebuilds a missing or stale index from the texts', async () => {
    const store = await ArchiveStore.open(dir);
    await store.add([entry(1), entry(2)]);
    await rm(join(dir, ARCHIVE_FILES.index));
    const rebuilt = await ArchiveStore.open(dir);
    expect(rebuilt.status).toMatchObject({ stories: 2, rebuilt: true, reason: 'index.bin missing' });
    expect((await stat(join(dir, ARCHIVE_FILES.index))).size).toBeGreaterThan(64);

    // An index.bin written for another story list (a crash between the two writes).
    const other = join(dir, 'other');
    const small = await ArchiveStore.open(other);
    await small.add([entry(9)]);
    await writeFile(join(dir, ARCHIVE_FILES.index), await readFile(join(other, ARCHIVE_FILES.index)));
    const stale = await ArchiveStore.open(dir);
    expect(stale.status.rebuilt).toBe(true);
    expect(stale.checkAgainstArchive(draftOf(entry(2).blocks[0]!.slice(0, 60)))).toHaveLength(1);
  });

  it('ignores bytes a crashed add left after the texts, and keeps the stories whose text is whole', async () => {
    const store = await ArchiveStore.open(dir);
    await store.add([entry(1), entry(2)]);
    const texts = join(dir, ARCHIVE_FILES.texts);
    await writeFile(texts, Buffer.concat([await readFile(texts), Buffer.from('半截', 'utf16le')]));
    const reopened = await ArchiveStore.open(dir);
    expect(reopened.status).toEqual({ stories: 2, rebuilt: false });
    await reopened.add([entry(3)]);
    expect((await ArchiveStore.open(dir)).index.storyCount).toBe(3);

    await truncate(texts, 100);
    const cut = await ArchiveStore.open(dir);
    expect(cut.status).toMatchObject({ stories: 0, rebuilt: true });
  });

  it('writes index.bin in large steps: an index covering the first stories is caught up at open, flush writes it whole', async () => {
    const store = await ArchiveStore.open(dir);
    await store.add([entry(1)]);
    const first = (await stat(join(dir, ARCHIVE_FILES.index))).mtimeMs;
    // Concurrent adds are queued: the texts are appended in call order.
    await Promise.all([store.add([entry(2), entry(3)]), store.add([entry(4)])]);
    expect((await stat(join(dir, ARCHIVE_FILES.index))).mtimeMs).toBe(first);
    const reopened = await ArchiveStore.open(dir);
    expect(reopened.status).toEqual({ stories: 4, rebuilt: false, caughtUp: 3 });
    expect(reopened.index.stories.map((s) => s.id)).toEqual(['story-1', 'story-2', 'story-3', 'story-4']);
    expect(reopened.index.toBytes()).toEqual(store.index.toBytes());
    await store.flush();
    expect((await ArchiveStore.open(dir)).status).toEqual({ stories: 4, rebuilt: false });

    // Past INDEX_STEP characters not covered, an add rewrites it.
    const big = Array.from({ length: Math.ceil(INDEX_STEP / 300) + 1 }, (_, i) => entry(100 + i));
    await store.add(big);
    expect((await ArchiveStore.open(dir)).status).toEqual({ stories: 4 + big.length, rebuilt: false });
  });

  it('rebuilds an index.bin whose body was damaged, and an archive of the old format, keeping every text', async () => {
    const store = await ArchiveStore.open(dir);
    await store.add([entry(1), entry(2)]);
    const file = join(dir, ARCHIVE_FILES.index);
    const bytes = await readFile(file);
    bytes[bytes.length - 5]! ^= 0x11;
    await writeFile(file, bytes);
    const damaged = await ArchiveStore.open(dir);
    expect(damaged.status).toMatchObject({
      stories: 2,
      rebuilt: true,
      reason: expect.stringContaining('damaged'),
    });
    expect(damaged.index.toBytes()).toEqual(store.index.toBytes());

    // A manifest as the first archive format wrote it: a list of story objects.
    type Columns = { ids: string[]; titles: string[]; dates: string[]; lengths: number[] };
    const { columns, ...manifest } = JSON.parse(
      await readFile(join(dir, ARCHIVE_FILES.manifest), 'utf8'),
    ) as { columns: Columns };
    const stories = columns.ids.map((id, i) => ({
      id,
      title: columns.titles[i],
      date: columns.dates[i],
      length: columns.lengths[i],
    }));
    await writeFile(join(dir, ARCHIVE_FILES.manifest), JSON.stringify({ ...manifest, format: 1, stories }));
    const old = await ArchiveStore.open(dir);
    expect(old.status).toMatchObject({ stories: 2, rebuilt: true });
    expect(old.index.text).toBe(store.index.text);
    expect((await ArchiveStore.open(dir)).status).toEqual({ stories: 2, rebuilt: false });
    expect((await ArchiveStore.open(dir)).index.stories).toEqual(store.index.stories);

    // Columns of different lengths: a damaged manifest, never read as a shorter archive.
    await writeFile(
      join(dir, ARCHIVE_FILES.manifest),
      JSON.stringify({ ...manifest, format: 2, columns: { ...columns, ids: columns.ids.slice(1) } }),
    );
    await expect(ArchiveStore.open(dir)).rejects.toThrow(/damaged/);
  });

  it('opens without waiting for the texts: a check reads the pages it needs at once, the rest arrives in the background', async () => {
    const store = await ArchiveStore.open(dir);
    const many = Array.from({ length: 700 }, (_, i) => entry(i)); // ~210,000 characters: several 128 KB pages
    await store.add(many);
    await store.flush();
    const copied = many[650]!.blocks[0]!.slice(100, 160);

    const opened = await ArchiveStore.open(dir);
    expect(opened.status).toEqual({ stories: 700, rebuilt: false });
    const [f] = opened.checkAgainstArchive(draftOf(`甲${copied}乙`));
    expect(f?.params).toMatchObject({ twinStory: 'story-650' });
    expect(f?.locations[1]?.text).toBe(copied);
    expect(opened.index.storyText(3)).toBe(store.index.storyText(3));
    await opened.textLoaded();
    expect(opened.index.textLoaded).toBe(true);
    expect(opened.index.text).toBe(store.index.text);
    // An add right after open (text still loading or not) keeps every story's text.
    const again = await ArchiveStore.open(dir);
    await again.add([entry(900)]);
    expect(again.index.text).toBe(store.index.text + again.index.storyText(700));
    expect((await ArchiveStore.open(dir)).index.text).toBe(again.index.text);
  });

  it('never cuts off stories another ArchiveStore on the same folder archived: the stale one refuses to add', async () => {
    const a = await ArchiveStore.open(dir);
    await a.add([entry(1)]);
    const b = await ArchiveStore.open(dir);
    await a.add([entry(2), entry(3)]);
    await expect(b.add([entry(4)])).rejects.toMatchObject({ code: 'locked' });
    expect(b.index.storyCount).toBe(1);
    const reopened = await ArchiveStore.open(dir);
    expect(reopened.index.stories.map((s) => s.id)).toEqual(['story-1', 'story-2', 'story-3']);
    expect(reopened.index.text).toBe(a.index.text);
    // A crashed add's leftovers (bytes no manifest lists) are still cut off.
    await writeFile(
      join(dir, ARCHIVE_FILES.texts),
      Buffer.concat([await readFile(join(dir, ARCHIVE_FILES.texts)), Buffer.from('半截', 'utf16le')]),
    );
    await reopened.add([entry(5)]);
    expect((await ArchiveStore.open(dir)).index.text).toBe(reopened.index.text);
  });

  it('tells its observers of an add before committing it; one that throws refuses the add', async () => {
    const store = await ArchiveStore.open(dir);
    const told: Array<[string[], string, number]> = [];
    const stop = store.observe(async (entries, origin) => {
      told.push([entries.map((e) => e.id), origin, (await ArchiveStore.open(dir)).index.storyCount]);
    });
    await store.add([entry(1), entry(2)]);
    // Told before the manifest listed them (the outbox is written first).
    expect(told).toEqual([[['story-1', 'story-2'], 'desk', 0]]);
    // From the newsroom: the stories the archive holds (and repeats in the list) are left out.
    await store.add([entry(2), entry(3), entry(3)], 'newsroom');
    expect(told[1]).toEqual([['story-3'], 'newsroom', 2]);
    await store.add([entry(1)], 'newsroom');
    expect(told).toHaveLength(2);
    stop();

    store.observe(() => Promise.reject(new Error('the outbox could not be written')));
    await expect(store.add([entry(4)])).rejects.toThrow('the outbox could not be written');
    expect(store.index.stories.map((s) => s.id)).toEqual(['story-1', 'story-2', 'story-3']);
    expect((await ArchiveStore.open(dir)).index.storyCount).toBe(3);
  });
});
