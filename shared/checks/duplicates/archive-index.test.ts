import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bodyFromBlocks } from '../../model';
import { sliceCodePoints } from '../../text/code-points';
import { ArchiveIndex, StaleArchiveIndexError, type ArchiveEntry, type TextPager } from './archive-index';
import { checkAgainstArchive } from './check-archive';
import { plant, randomChineseText } from './fixtures/planted';
import type { CheckedStory } from './text-blocks';

const entry = (i: number, blocks: string[]): ArchiveEntry => ({
  id: `old-${i}`,
  title: `旧稿${i}`,
  date: `2023-01-${String((i % 28) + 1).padStart(2, '0')}`,
  blocks,
});
const archive = (n: number, seed = 1) =>
  Array.from({ length: n }, (_, i) =>
    entry(i, [randomChineseText(seed * 1000 + i, 300), '', randomChineseText(seed * 1000 + i + 500, 200)]),
  );
const draft = (text: string): CheckedStory => ({
  key: 'draft.md',
  content: {
    kicker: '',
    headline: '标题',
    subheadline: '',
    photos: [],
    body: bodyFromBlocks([{ type: 'paragraph', text }]),
  },
});

describe('ArchiveIndex', () => {
  it('property: a planted copy from an archived story is found from 30 characters (never below 20), at the exact characters', () => {
    const stories = archive(40);
    const index = ArchiveIndex.build(stories);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 10, max: 250 }),
        fc.nat(),
        fc.integer(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (which, length, at, seed, noise) => {
          const source = stories[which]!.blocks[0]!;
          const p = plant(source, randomChineseText(seed, 400), at % 20, length, at % 400, noise);
          const findings = checkAgainstArchive(index, draft(p.copy));
          if (length < 30) {
            // Threshold 30; below the noise threshold nothing may ever show.
            if (length < 20) expect(findings).toEqual([]);
            return;
          }
          expect(findings).toHaveLength(1);
          const [here, there] = findings[0]!.locations;
          expect(findings[0]!.params).toMatchObject({
            chars: length,
            twinStory: `old-${which}`,
            date: stories[which]!.date,
          });
          expect([here!.start, here!.end]).toEqual(p.copySpan);
          expect([there!.story, there!.paragraph, there!.start, there!.end]).toEqual([
            `old-${which}`,
            0,
            ...p.sourceSpan,
          ]);
          expect(there!.text).toBe(sliceCodePoints(source, ...p.sourceSpan));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds text in a later block of an archived story and names the block', () => {
    const stories = archive(5);
    const index = ArchiveIndex.build(stories);
    const copied = stories[3]!.blocks[2]!.slice(50, 120);
    const [f] = checkAgainstArchive(index, draft(`甲${copied}乙`));
    expect(f?.locations[1]).toMatchObject({ story: 'old-3', paragraph: 2 });
  });

  it('adding stories one by one finds what a batch build finds, and the binary form round-trips', () => {
    const stories = archive(30, 7);
    const batch = ArchiveIndex.build(stories);
    const incremental = ArchiveIndex.build(stories.slice(0, 10));
    for (const s of stories.slice(10)) incremental.add([s]);
    const copy = `甲${stories[25]!.blocks[0]!.slice(100, 160)}乙${stories[4]!.blocks[2]!.slice(10, 60)}丙`;
    const expected = checkAgainstArchive(batch, draft(copy));
    expect(expected).toHaveLength(2);
    expect(checkAgainstArchive(incremental, draft(copy))).toEqual(expected);
    const loaded = ArchiveIndex.fromBytes(incremental.toBytes(), incremental.stories, incremental.text);
    expect(loaded.fingerprintCount).toBe(batch.fingerprintCount);
    expect(checkAgainstArchive(loaded, draft(copy))).toEqual(expected);
  });

  it('refuses a binary form that belongs to other stories (stale)', () => {
    const index = ArchiveIndex.build(archive(3));
    const bytes = index.toBytes();
    const other = ArchiveIndex.build(archive(4));
    expect(() => ArchiveIndex.fromBytes(bytes, other.stories, other.text)).toThrow(StaleArchiveIndexError);
    expect(() => ArchiveIndex.fromBytes(bytes.slice(0, 20), index.stories, index.text)).toThrow(
      StaleArchiveIndexError,
    );
  });

  it('drops fingerprints shared by more stories than the cut-off (boilerplate), and keeps them dropped', () => {
    const boiler =
      '各级党组织要把这项工作摆上重要议事日程，主要负责同志亲自抓、负总责，确保各项任务落到实处见到实效';
    const stories = Array.from({ length: 30 }, (_, i) =>
      entry(i, [`${randomChineseText(i + 99, 200)}${boiler}`]),
    );
    const index = ArchiveIndex.build(stories, { k: 8, w: 23, commonMinStories: 20, commonFraction: 0 });
    expect(index.droppedCount).toBeGreaterThan(0);
    expect(checkAgainstArchive(index, draft(`甲${boiler}乙`))).toEqual([]);
    index.add([entry(99, [`${randomChineseText(5, 100)}${boiler}`])]);
    expect(checkAgainstArchive(index, draft(`甲${boiler}乙`))).toEqual([]);
    // A story's own text is still found.
    const own = stories[7]!.blocks[0]!.slice(20, 80);
    expect(checkAgainstArchive(index, draft(own))).toHaveLength(1);
    expect(checkAgainstArchive(index, draft(own), { excludeIds: ['old-7'] })).toEqual([]);
  });

  it('property: adding stories in any batches gives the index a build of all of them gives (fingerprints and runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
        (seed, batches) => {
          const stories = archive(batches.reduce((n, b) => n + b, 0) + 2, seed);
          const batch = ArchiveIndex.build(stories);
          const incremental = ArchiveIndex.build(stories.slice(0, 2));
          let at = 2;
          for (const b of batches) {
            incremental.add(stories.slice(at, at + b));
            at += b;
          }
          expect(incremental.textLength).toBe(batch.textLength);
          expect(incremental.text).toBe(batch.text);
          expect(incremental.fingerprintCount).toBe(batch.fingerprintCount);
          expect(incremental.toBytes()).toEqual(batch.toBytes());
          const last = stories[stories.length - 1]!;
          const copy = `甲${last.blocks[0]!.slice(30, 90)}乙${stories[0]!.blocks[2]!.slice(0, 50)}`;
          expect(checkAgainstArchive(incremental, draft(copy))).toEqual(
            checkAgainstArchive(batch, draft(copy)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('loads a binary form written for the first stories and indexes the rest from the text', () => {
    const stories = archive(12, 3);
    const early = ArchiveIndex.build(stories.slice(0, 8));
    const bytes = early.toBytes();
    const all = ArchiveIndex.build(stories);
    expect(() => ArchiveIndex.fromBytes(bytes, all.stories, all.textUnits)).toThrow(StaleArchiveIndexError);
    const loaded = ArchiveIndex.fromBytes(bytes, all.stories, all.textUnits, { acceptPrefix: true });
    expect(loaded.persisted).toEqual({ stories: 8, textLength: early.textLength });
    expect(loaded.toBytes()).toEqual(all.toBytes());
    const copy = `${stories[10]!.blocks[0]!.slice(5, 70)}`;
    expect(checkAgainstArchive(loaded, draft(copy))).toEqual(checkAgainstArchive(all, draft(copy)));
    // Another story list under the same count is still refused.
    const other = ArchiveIndex.build(archive(12, 4));
    expect(() =>
      ArchiveIndex.fromBytes(bytes, other.stories, other.textUnits, { acceptPrefix: true }),
    ).toThrow(StaleArchiveIndexError);
  });

  it('refuses a binary form whose body was damaged (checksum)', () => {
    const index = ArchiveIndex.build(archive(5));
    const bytes = index.toBytes().slice();
    bytes[bytes.length - 9]! ^= 0x40;
    expect(() => ArchiveIndex.fromBytes(bytes, index.stories, index.textUnits)).toThrow(/damaged/);
  });

  it('keeps the text as code units: story texts, slices and located runs decode to the original', () => {
    const stories = [entry(0, ['第一段𠮷文字', '', '第二段\u2029里有分段符']), entry(1, ['另一篇'])];
    const index = ArchiveIndex.build(stories);
    expect(index.storyText(0)).toBe('第一段𠮷文字\u2029\u2029第二段\n里有分段符\u2029');
    expect(index.storyText(1)).toBe('另一篇\u2029');
    expect(index.text).toBe(index.storyText(0) + index.storyText(1));
    const at = index.storyStart(0) + 3;
    expect(index.locate(at, at + 4)).toMatchObject({ paragraph: 0, start: 3, end: 6, text: '𠮷文字' });
    expect(ArchiveIndex.fromText(index.stories, index.text).toBytes()).toEqual(index.toBytes());
  });

  it('property: with a text still being paged in, checks read only what they need and find exactly what the loaded index finds', () => {
    const stories = archive(60, 11);
    const full = ArchiveIndex.build(stories.slice(0, 50));
    full.add(stories.slice(50));
    const bytes = ArchiveIndex.build(stories.slice(0, 50)).toBytes();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.nat(250), fc.integer({ min: 30, max: 90 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (copies) => {
          const source = full.textUnits;
          const units = new Uint16Array(source.length); // nothing read yet: zeros
          const asked: Array<[number, number]> = [];
          const pager: TextPager = {
            ensure(from, to) {
              asked.push([from, to]);
              units.set(source.subarray(from, to), from);
            },
            complete: false,
          };
          const paged = ArchiveIndex.fromBytes(bytes, full.stories, units, { acceptPrefix: true, pager });
          const text = copies
            .map(([s, at, length]) => `甲${stories[s]!.blocks[0]!.slice(at, at + length)}乙`)
            .join('');
          expect(checkAgainstArchive(paged, draft(text))).toEqual(checkAgainstArchive(full, draft(text)));
          // The first 50 stories were never read whole: only the stories hits fell in.
          const read = asked
            .filter(([from]) => from < full.storyStart(50))
            .reduce((n, [from, to]) => n + to - from, 0);
          expect(read).toBeLessThan(full.storyStart(50));
        },
      ),
      { numRuns: 40 },
    );
  });
});
