import { describe, expect, it } from 'vitest';

import {
  ArchiveSearchIndex,
  StaleSearchIndexError,
  type SearchDoc,
  type SearchDocMeta,
} from './search-index';
import { archiveIdParts, archiveStoryId } from './archive-id';

const FILLER = [
  '镇党委统筹推进人居环境整治。',
  '村党支部组织党员开展志愿服务。',
  '社区网格员每周走访独居老人。',
  '驻村工作队帮助发展特色产业。',
];
const filler = (seed: number, n: number) =>
  Array.from({ length: n }, (_, i) => FILLER[(seed + i * 7) % FILLER.length]).join('');

const doc = (
  i: number,
  title: string,
  body: string[],
  date = `2025-0${(i % 9) + 1}-1${i % 10}`,
): SearchDoc => ({
  id: archiveStoryId(date, 'B6', `story-${i}`),
  title,
  date,
  page: 'B6',
  text: body.map((b) => `${b}\u2029`).join(''),
});

function archiveDocs(): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (let i = 0; i < 300; i++) docs.push(doc(i, `党建工作简讯${i}`, [filler(i, 12), filler(i + 1, 8)]));
  // Planted: the phrase whole, the phrase's characters scattered, the phrase in a headline.
  docs.push(
    doc(900, '枫桥村的新变化', [
      filler(1, 6),
      '枫桥村推行“积分超市”，村民用积分兑换生活用品。',
      filler(2, 6),
    ]),
  );
  docs.push(doc(901, '村里的超市', [filler(3, 6), '积分制度在村里推开，超市里人来人往。', filler(4, 6)]));
  docs.push(doc(902, '“积分超市”兑出文明新风', [filler(5, 10)]));
  docs.push(doc(903, '长文', [filler(6, 60), '也有“积分超市”的做法。', filler(7, 60)]));
  return docs;
}

const archive = (): ArchiveSearchIndex => ArchiveSearchIndex.build(archiveDocs());
const metaOf = (d: SearchDoc): SearchDocMeta => ({
  id: d.id,
  title: d.title,
  date: d.date,
  page: d.page,
  textLength: d.text.length,
});
const QUERIES = [
  '积分超市',
  '兑换生活用品',
  '村党支部',
  '网格员每周',
  '产业',
  '茶',
  '没有这句话的文字',
  '社区',
];

describe('ArchiveSearchIndex', () => {
  const index = archive();

  it('ranks whole-phrase matches first, punctuation and width ignored, shorter stories above longer', () => {
    const hits = index.search('积分超市', 10);
    expect(
      hits
        .slice(0, 3)
        .map((h) => archiveIdParts(h.id).name)
        .sort(),
    ).toEqual(['story-900', 'story-902', 'story-903']);
    expect(archiveIdParts(hits[3]!.id).name).toBe('story-901');
    expect(hits[0]!.phrase).toBe(true);
    expect(hits[3]!.phrase).toBe(false);
    // Headline + body beats a long story mentioning it once.
    const rank = (name: string) => hits.findIndex((h) => h.id.endsWith(name));
    expect(rank('story-903')).toBeGreaterThan(rank('story-900'));
    // Full-width/half-width and spaces in the query make no difference.
    expect(index.search('积分 超市', 10).map((h) => h.id)).toEqual(hits.map((h) => h.id));
  });

  it('gives a snippet around the match with the matched characters highlighted', () => {
    const [hit] = index.search('兑换生活用品', 1);
    expect(hit!.id.endsWith('story-900')).toBe(true);
    expect(hit!.highlights.length).toBeGreaterThan(0);
    const [s, e] = hit!.highlights[0]!;
    expect(hit!.snippet.slice(s, e)).toBe('兑换生活用品');
    expect(hit!.snippet).not.toContain('\u2029');
  });

  it('finds stories added after the build, and answers one-character and empty queries', () => {
    const grown = archive();
    grown.add([doc(950, '云台乡修通产业路', ['云台乡今年新修产业路12公里，茶农的鲜叶当天就能运出山。'])]);
    expect(grown.search('产业路', 3)[0]!.id.endsWith('story-950')).toBe(true);
    expect(grown.search('茶', 3)[0]!.id.endsWith('story-950')).toBe(true);
    expect(grown.search('，。 ', 3)).toEqual([]);
    expect(grown.search('没有这句话的文字', 3).every((h) => !h.phrase)).toBe(true);
  });

  it('reads date and page back from archived ids', () => {
    expect(archiveIdParts('2026-11-22/B6/03-青石镇')).toEqual({
      date: '2026-11-22',
      page: 'B6',
      name: '03-青石镇',
    });
    expect(archiveIdParts('2026-11-22/-/x.md')).toEqual({ date: '2026-11-22', page: '', name: 'x.md' });
    expect(archiveIdParts('story-1')).toEqual({ date: '', page: '', name: 'story-1' });
  });

  it('binary form: a loaded index answers every query exactly as the built one, holding no text of its own', () => {
    const docs = archiveDocs();
    const built = ArchiveSearchIndex.build(docs);
    const texts = docs.map((d) => d.text);
    const loaded = ArchiveSearchIndex.fromBytes(built.toBytes(), docs.map(metaOf), (i) => texts[i]!);
    expect(loaded.size).toBe(docs.length);
    for (const q of QUERIES) expect(loaded.search(q, 10)).toEqual(built.search(q, 10));
    expect(loaded.toBytes()).toEqual(built.toBytes());
  });

  it('documents added one by one (delta, merges) and a binary form of the first ones caught up give the results of one build', () => {
    const docs = archiveDocs();
    const built = ArchiveSearchIndex.build(docs);
    const grown = ArchiveSearchIndex.build(docs.slice(0, 100));
    for (let i = 100; i < docs.length; i += 37) {
      grown.add(docs.slice(i, i + 37));
      if (i % 2) grown.toBytes(); // merges the delta
    }
    for (const q of QUERIES) expect(grown.search(q, 10)).toEqual(built.search(q, 10));
    expect(grown.toBytes()).toEqual(built.toBytes());

    const texts = docs.map((d) => d.text);
    const early = ArchiveSearchIndex.build(docs.slice(0, 150)).toBytes();
    expect(() => ArchiveSearchIndex.fromBytes(early, docs.map(metaOf), (i) => texts[i]!)).toThrow(
      StaleSearchIndexError,
    );
    const caught = ArchiveSearchIndex.fromBytes(early, docs.map(metaOf), (i) => texts[i]!, {
      acceptPrefix: true,
    });
    expect(caught.size).toBe(150);
    caught.add(docs.slice(150));
    for (const q of QUERIES) expect(caught.search(q, 10)).toEqual(built.search(q, 10));
  });

  it('refuses a binary form of other documents, or damaged', () => {
    const docs = archiveDocs();
    const bytes = ArchiveSearchIndex.build(docs).toBytes();
    const texts = docs.map((d) => d.text);
    const renamed = docs.map((d, i) => metaOf(i === 3 ? { ...d, title: '改过的标题' } : d));
    expect(() => ArchiveSearchIndex.fromBytes(bytes, renamed, (i) => texts[i]!)).toThrow(
      /story list changed/,
    );
    const damaged = bytes.slice();
    damaged[damaged.length - 3]! ^= 0x20;
    expect(() => ArchiveSearchIndex.fromBytes(damaged, docs.map(metaOf), (i) => texts[i]!)).toThrow(
      /damaged/,
    );
    expect(() =>
      ArchiveSearchIndex.fromBytes(bytes.slice(0, 40), docs.map(metaOf), (i) => texts[i]!),
    ).toThrow(StaleSearchIndexError);
  });
});
