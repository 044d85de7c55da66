/**
 * Import benchmark (issue 8). Goals: 1,000 past pages (~6 million characters) split
 * and added to the archive, duplicate index included, in ≤ 20 s; a search over a
 * 30-million-character archive with p95 ≤ 50 ms. Pages are generated (corpus.ts):
 * six stories each with headline, byline, a caption, a jump line and paragraphs cut
 * in mid-sentence by "column breaks". Timings are printed, never asserted; the split
 * is checked (every page must come back as its six stories).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ArchiveSearchIndex, type SearchDoc } from '../../../shared/archive-search';
import { splitPageText } from '../../../shared/import';
import { ArchiveStore } from '../../desk/archive/archive-store';
import { pageArchiveEntries } from '../../desk/import/page-import';
import { rng, variedBlocks } from './corpus';
import type { Report } from './registry';

const PAGES = 1_000;
const STORIES_PER_PAGE = 6;
const SEARCH_CHARS = 30_000_000;
const NAMES = ['王明', '李青', '赵敏', '周立', '吴放', '孙倩'];

/** A page text of ~6,000 characters: six stories, captions, a jump line, mid-sentence breaks. */
export function generatedPage(index: number): string {
  const r = rng(index + 101);
  const lines: string[] = [];
  for (let s = 0; s < STORIES_PER_PAGE; s++) {
    const blocks = variedBlocks(index * STORIES_PER_PAGE + s, 1000);
    lines.push(`第${index + 1}版第${s + 1}篇：${blocks[0]!.slice(0, 12).replace(/[，。]/g, '')}`);
    lines.push(s % 2 ? `■中共某某县委组织部` : `${NAMES[s]!} ${NAMES[(s + 1) % NAMES.length]!}`);
    for (const [b, text] of blocks.entries()) {
      // A column break in mid-sentence in about every third paragraph.
      if (b % 3 === 1 && text.length > 60) {
        const cut = 20 + Math.floor(r() * (text.length - 40));
        const at = /[，。]/.test(text[cut - 1]!) ? cut + 1 : cut;
        lines.push(text.slice(0, at), text.slice(at));
      } else lines.push(text);
      if (b === 2) lines.push('图为党员志愿者走访群众。', `${NAMES[b % NAMES.length]!} 摄`);
    }
    if (s === STORIES_PER_PAGE - 1) lines.push(`（下转B${(index % 8) + 2}版）`);
  }
  return lines.join('\n\n');
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

export async function benchImport(report: Report): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-bench-import-'));
  try {
    const pages = Array.from({ length: PAGES }, (_, i) => generatedPage(i));
    const chars = pages.reduce((n, p) => n + p.length, 0);
    report(`import: ${PAGES} generated pages, ${(chars / 1e6).toFixed(1)} million characters`);

    let t = performance.now();
    const splits = pages.map((p) => splitPageText(p));
    const splitMs = performance.now() - t;
    const wrong = splits.filter((s) => s.stories.length !== STORIES_PER_PAGE).length;
    if (wrong) throw new Error(`${wrong} generated pages did not split into ${STORIES_PER_PAGE} stories`);
    report(`  split + column-break joins: ${ms(splitMs)} (${ms(splitMs / PAGES)} per page)`);

    // Added as the CLI does, page after page, each add durable (texts appended, index and manifest written).
    const archive = await ArchiveStore.open(join(dir, 'archive'));
    t = performance.now();
    const BATCH = 50;
    for (let i = 0; i < PAGES; i += BATCH) {
      const entries = splits.slice(i, i + BATCH).flatMap((s, k) => pageArchiveEntries(s, '2025-06-01', `B${((i + k) % 8) + 1}`).map((e) => ({ ...e, id: `${e.id}-${i + k}` })));
      await archive.add(entries);
    }
    const addMs = performance.now() - t;
    report(`  archived in batches of ${BATCH} pages (duplicate index, durable writes): ${ms(addMs)}`);
    t = performance.now();
    const docs: SearchDoc[] = [];
    let at = 0;
    for (const s of archive.index.stories) {
      docs.push({ id: s.id, title: s.title, date: s.date, page: '', text: archive.index.text.slice(at, at + s.length) });
      at += s.length;
    }
    ArchiveSearchIndex.build(docs);
    const searchBuildMs = performance.now() - t;
    report(`  search index of the same: ${ms(searchBuildMs)}`);
    report(`  total ${ms(splitMs + addMs + searchBuildMs)} (goal ≤ 20,000 ms)`);

    // Search over 30 million characters.
    const big: SearchDoc[] = [];
    let total = 0;
    for (let i = 0; total < SEARCH_CHARS; i++) {
      const text = variedBlocks(i, 2000).map((b) => `${b}\u2029`).join('');
      total += text.length;
      big.push({ id: `2024-01-01/B6/${i}`, title: `第${i}篇`, date: '2024-01-01', page: 'B6', text });
    }
    t = performance.now();
    const index = ArchiveSearchIndex.build(big);
    report(`search: ${big.length} stories, ${(total / 1e6).toFixed(1)} million characters, index built in ${ms(performance.now() - t)}`);
    const words = variedBlocks(7, 4000).join('').split(/[，。]/).filter((w) => w.length >= 6);
    const r = rng(5);
    const queries: string[] = [];
    for (let i = 0; i < 200; i++) {
      const w = words[Math.floor(r() * words.length)]!;
      const len = 2 + Math.floor(r() * 7);
      const from = Math.floor(r() * Math.max(1, w.length - len));
      queries.push(w.slice(from, from + len));
    }
    const times: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      index.search(q, 20);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!;
    report(`  ${queries.length} queries of 2–8 characters: p50 ${ms(pct(0.5))}, p95 ${ms(pct(0.95))} (goal ≤ 50 ms), max ${ms(pct(1))}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
