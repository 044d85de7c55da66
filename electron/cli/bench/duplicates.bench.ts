/**
 * Duplicate-check benchmark (issue 4). Goals: archive of 30 million characters
 * (15,000 generated stories × 2,000) indexed in ≤ 1.5 s and ≤ 128 MB including the
 * archive text; the persisted index loaded in ≤ 200 ms; a 2,000-character draft
 * checked against it with p99 ≤ 1 ms; a 30,000-character page checked within itself
 * in ≤ 10 ms. Beside it, in the same run, an exhaustive baseline (every k-gram of
 * the draft against every k-gram of a 300-story archive) gives the speed ratio, and
 * the two must find the same runs: that is asserted (a correctness check, it throws);
 * timings are only printed.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import {
  ArchiveIndex,
  checkPage,
  type ArchiveEntry,
  type CheckedStory,
} from '../../../shared/checks/duplicates';
import { allKgramHashes } from '../../../shared/checks/duplicates/fingerprints';
import { bodyFromBlocks } from '../../../shared/model';
import { normalizeForMatch, type NormalizedText } from '../../../shared/text/normalize';
import { ARCHIVE_FILES, ArchiveStore, readFileBytes } from '../../desk/archive/archive-store';
import { rng, variedBlocks } from './corpus';

const STORIES = 15_000;
const CHARS = 2_000;
const DRAFTS = 400;
const BASELINE_STORIES = 300;
const BASELINE_DRAFTS = 60;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ms = (v: number) => `${v.toFixed(v < 10 ? 3 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function memory(): { heap: number; buffers: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers, rss: m.rss };
}

/**
 * A fixed piece of arithmetic timed beside each check: what the machine alone adds
 * to the tail (a shared virtual machine loses the CPU for fractions of a millisecond
 * hundreds of times a second). `calibrate` picks its length to match a given median.
 */
class NoiseLoop {
  #n = 1_000;
  #x = 1;

  run(): number {
    const t = performance.now();
    let x = this.#x;
    for (let i = 0; i < this.#n; i++) x = Math.imul(x ^ i, 0x9e3779b1) | 1;
    this.#x = x; // kept, so the loop is not optimised away
    return performance.now() - t;
  }

  calibrate(medianMs: number): void {
    for (let i = 0; i < 500; i++) this.run(); // optimised first, so its speed holds afterwards
    for (let tries = 0; tries < 40; tries++) {
      const median = percentile(
        Array.from({ length: 15 }, () => this.run()),
        50,
      );
      if (Math.abs(median - medianMs) < medianMs * 0.05) return;
      this.#n = Math.max(
        1,
        Math.round(this.#n * Math.min(4, Math.max(0.25, medianMs / Math.max(median, 1e-3)))),
      );
    }
  }
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const entryOf = (i: number): ArchiveEntry => ({
  id: `archived-${i}`,
  title: `存档稿件${i}`,
  date: new Date(Date.UTC(2015, 0, 1) + (i * 86_400_000) / 4).toISOString().slice(0, 10),
  blocks: variedBlocks(i, CHARS),
});

const story = (key: string, blocks: string[]): CheckedStory => ({
  key,
  content: {
    kicker: '',
    headline: key,
    subheadline: '',
    photos: [],
    body: bodyFromBlocks(blocks.map((text) => ({ type: 'paragraph' as const, text }))),
  },
});

/** A 2,000-character draft: fresh text, with copies from archived stories planted in some paragraphs. */
function draft(
  seed: number,
  archived: (i: number) => readonly string[],
  stories: number,
  copies: number,
): string[] {
  const r = rng(seed);
  const blocks = variedBlocks(1_000_000 + seed, CHARS);
  for (let c = 0; c < copies; c++) {
    const source = archived(Math.floor(r() * stories))[Math.floor(r() * 10)]!;
    const length = 30 + Math.floor(r() * 150);
    const from = Math.floor(r() * Math.max(1, source.length - length));
    const at = Math.floor(r() * blocks.length);
    blocks[at] = `${blocks[at]!.slice(0, 60)}${source.slice(from, from + length)}${blocks[at]!.slice(60)}`;
  }
  return blocks;
}

export async function benchDuplicates(report: (line: string) => void): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'desk-bench-dup-'));
  try {
    // ---------------------------------------------------------------- build
    const before = memory();
    let entries: ArchiveEntry[] | null = Array.from({ length: STORIES }, (_, i) => entryOf(i));
    const chars = entries.reduce((n, e) => n + e.blocks.reduce((m, b) => m + b.length, 0), 0);
    report(`generated archive: ${STORIES} stories, ${(chars / 1e6).toFixed(1)} million characters`);
    let t = performance.now();
    let index = ArchiveIndex.build(entries);
    const buildMs = performance.now() - t;
    const peakRss = process.memoryUsage().rss;
    entries = null; // the generated copies go; the index holds its own text
    const after = memory();
    const bytes = index.toBytes();
    report(
      `index build: ${ms(buildMs)} (goal ≤ 1500 ms): ${index.fingerprintCount.toLocaleString('en')} fingerprints ` +
        `(k ${index.params.k}, w ${index.params.w}, guarantee ${index.guarantee}), ` +
        `${index.droppedCount.toLocaleString('en')} dropped as common (in > ${index.commonCutoff} stories)`,
    );
    const total = after.heap - before.heap + (after.buffers - before.buffers);
    report(
      `memory held by index + archive text: heap +${mb(after.heap - before.heap)}, array buffers +${mb(after.buffers - before.buffers)}, ` +
        `total ${mb(total)} (goal ≤ 128 MB); rss after build ${mb(peakRss)}; index bytes ${mb(bytes.byteLength)}, text ${mb(index.textLength * 2)}`,
    );

    // ---------------------------------------------------------------- persist, load
    const dir = join(root, 'archive');
    t = performance.now();
    await ArchiveStore.save(dir, index);
    report(`persist (texts.u16 + index.bin + manifest, fsync'd): ${ms(performance.now() - t)}`);
    index = null as unknown as ArchiveIndex;
    gc();
    const loads: number[] = [];
    const indexOnly: number[] = [];
    const textLoads: number[] = [];
    let store: ArchiveStore | null = null;
    for (let i = 0; i < 3; i++) {
      store = null;
      gc();
      t = performance.now();
      store = await ArchiveStore.open(dir);
      loads.push(performance.now() - t);
      await store.textLoaded();
      textLoads.push(performance.now() - t);
      if (store.status.rebuilt) throw new Error(`the persisted index was not used: ${store.status.reason}`);
      const raw = (await readFileBytes(join(dir, ARCHIVE_FILES.index)))!;
      t = performance.now();
      ArchiveIndex.fromBytes(raw, store.index.stories, store.index.textUnits);
      indexOnly.push(performance.now() - t);
    }
    const sizes = await Promise.all(
      [ARCHIVE_FILES.texts, ARCHIVE_FILES.index].map((f) => stat(join(dir, f))),
    );
    t = performance.now();
    await readFileBytes(join(dir, ARCHIVE_FILES.texts));
    const readMs = performance.now() - t;
    report(
      `load persisted archive (manifest + ${mb(sizes[0]!.size)} texts + ${mb(sizes[1]!.size)} index): best ${ms(Math.min(...loads))}, ` +
        `worst ${ms(Math.max(...loads))} (goal ≤ 200 ms; before: 224 ms, texts read and decoded before returning); ` +
        `the texts then arrive in the background (pages a check needs are read at once), all in memory after ${ms(Math.min(...textLoads))}; ` +
        `one read of the whole texts.u16 for comparison ${ms(readMs)}; ` +
        `the fingerprint index alone from its bytes (checksum, bucket directory): ${ms(Math.min(...indexOnly))}`,
    );
    const archive = store!;

    // ---------------------------------------------------------------- draft vs archive
    const archivedBlocks = (i: number) => variedBlocks(i, CHARS);
    const drafts = Array.from({ length: DRAFTS }, (_, i) =>
      story(`draft-${i}`, draft(i + 1, archivedBlocks, STORIES, i % 2 ? 2 : 0)),
    );
    // One untimed round first: the desk checks on every pause in typing, so what counts
    // is the optimised code, not the compiler's first passes over it.
    const warm: number[] = [];
    for (const d of drafts) {
      t = performance.now();
      archive.checkAgainstArchive(d);
      warm.push(performance.now() - t);
    }
    const noise = new NoiseLoop();
    noise.calibrate(percentile(warm, 50));
    const noiseTimes: number[] = [];
    // Five rounds, back to back as the desk runs them (no forced collection between
    // rounds: a full GC leaves the next few hundred checks slower, p99 0.32 → 0.74 ms).
    // On a small shared machine a single check can be stalled by another process, so
    // the rounds' p99s and a fixed loop timed beside each check are shown too.
    const times: number[] = [];
    const perDraft: number[][] = drafts.map(() => []);
    const roundP99: number[] = [];
    let found = 0;
    for (let round = 0; round < 5; round++) {
      const roundTimes: number[] = [];
      found = 0;
      for (const [i, d] of drafts.entries()) {
        t = performance.now();
        found += archive.checkAgainstArchive(d).length;
        roundTimes.push(performance.now() - t);
        perDraft[i]!.push(roundTimes[roundTimes.length - 1]!);
        noiseTimes.push(noise.run());
      }
      roundP99.push(percentile(roundTimes, 99));
      times.push(...roundTimes);
    }
    report(
      `check a 2,000-character draft against the archive (${DRAFTS} drafts × 5 rounds, half with 2 planted copies): ` +
        `p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))} (goal p99 ≤ 1 ms); ` +
        `p99 per round ${roundP99.map((v) => v.toFixed(2)).join(' / ')} ms; ${found} findings per round; ` +
        `the machine's own noise, a fixed loop timed after each check: p50 ${ms(percentile(noiseTimes, 50))}, p99 ${ms(percentile(noiseTimes, 99))}; ` +
        `each draft's median of its 5 rounds (interference ` +
        `from outside, which hits one round, removed): p99 over the drafts ${ms(
          percentile(
            perDraft.map((xs) => percentile(xs, 50)),
            99,
          ),
        )}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );

    // ---------------------------------------------------------------- page within itself
    // 15 stories of 2,000 characters; each has a copy from an earlier story of the page planted in it.
    const pageBlocks: string[][] = [];
    for (let i = 0; i < 15; i++)
      pageBlocks.push(draft(500 + i, (s) => pageBlocks[s] ?? variedBlocks(777), Math.max(1, i), 1));
    const page = pageBlocks.map((blocks, i) => story(`story-${i}`, blocks));
    for (let i = 0; i < 5; i++) checkPage(page);
    const pageTimes: number[] = [];
    let pageFindings = 0;
    for (let i = 0; i < 30; i++) {
      t = performance.now();
      pageFindings = checkPage(page).length;
      pageTimes.push(performance.now() - t);
    }
    report(
      `check a 30,000-character page (15 stories) within itself: p50 ${ms(percentile(pageTimes, 50))}, ` +
        `max ${ms(Math.max(...pageTimes))} (goal ≤ 10 ms); ${pageFindings} findings`,
    );

    // ---------------------------------------------------------------- exhaustive baseline
    await baseline(report);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs ≥ t between a draft block and archived blocks, as comparable keys. */
type RunKey = string;

async function baseline(report: (line: string) => void): Promise<void> {
  const entries = Array.from({ length: BASELINE_STORIES }, (_, i) => entryOf(i));
  const index = ArchiveIndex.build(entries);
  const t0 = index.guarantee;
  const k = index.params.k;

  // Exhaustive: every k-gram of every archived block in a map, every k-gram of the draft looked up.
  let t = performance.now();
  const blocks: Array<{ story: number; paragraph: number; norm: NormalizedText }> = [];
  const kgrams = new Map<number, number[]>();
  entries.forEach((e, s) =>
    e.blocks.forEach((text, paragraph) => {
      const norm = normalizeForMatch(text);
      const b = blocks.push({ story: s, paragraph, norm }) - 1;
      allKgramHashes(norm.codes, k).forEach((h, pos) => {
        const list = kgrams.get(h);
        if (list) list.push(b, pos);
        else kgrams.set(h, [b, pos]);
      });
    }),
  );
  const baselineBuild = performance.now() - t;

  const drafts = Array.from({ length: BASELINE_DRAFTS }, (_, i) =>
    draft(9000 + i, (s) => entries[s]!.blocks, BASELINE_STORIES, 3).map((text) => normalizeForMatch(text)),
  );

  const exhaustive = (codes: Int32Array): Set<RunKey> => {
    const runs = new Set<RunKey>();
    allKgramHashes(codes, k).forEach((h, pos) => {
      const list = kgrams.get(h);
      if (!list) return;
      for (let i = 0; i < list.length; i += 2) {
        const b = blocks[list[i]!]!;
        const other = b.norm.codes;
        let a0 = pos;
        let b0 = list[i + 1]!;
        let len = 0;
        while (len < k && codes[a0 + len] === other[b0 + len]) len++;
        if (len < k) continue;
        while (a0 > 0 && b0 > 0 && codes[a0 - 1] === other[b0 - 1]) {
          a0--;
          b0--;
          len++;
        }
        while (a0 + len < codes.length && b0 + len < other.length && codes[a0 + len] === other[b0 + len])
          len++;
        if (len < t0) continue;
        const start = b.norm.origin[b0]!;
        const end = b.norm.origin[b0 + len - 1]! + 1;
        runs.add(`${a0}-${a0 + len}@${entries[b.story]!.id}:${b.paragraph}:${start}-${end}`);
      }
    });
    return runs;
  };
  const winnowed = (codes: Int32Array): Set<RunKey> => {
    const runs = new Set<RunKey>();
    for (const r of index.findRuns(codes)) {
      if (r.draftEnd - r.draftStart < t0) continue;
      const at = index.locate(r.textStart, r.textEnd);
      runs.add(`${r.draftStart}-${r.draftEnd}@${at.story.id}:${at.paragraph}:${at.start}-${at.end}`);
    }
    return runs;
  };

  let exhaustiveMs = 0;
  let winnowMs = 0;
  let runs = 0;
  for (const d of drafts) {
    for (const block of d) {
      t = performance.now();
      const expected = exhaustive(block.codes);
      exhaustiveMs += performance.now() - t;
      t = performance.now();
      const got = winnowed(block.codes);
      winnowMs += performance.now() - t;
      runs += expected.size;
      const missing = [...expected].filter((r) => !got.has(r));
      const extra = [...got].filter((r) => !expected.has(r));
      if (missing.length || extra.length) {
        throw new Error(
          `winnowed index and exhaustive baseline disagree: missing ${missing.slice(0, 3).join(', ')}; extra ${extra.slice(0, 3).join(', ')}`,
        );
      }
    }
  }
  report(
    `exhaustive baseline (${BASELINE_STORIES} archived stories, ${BASELINE_DRAFTS} drafts, every k-gram against every k-gram): ` +
      `${ms(exhaustiveMs / BASELINE_DRAFTS)} per draft (+ ${ms(baselineBuild)} to hash the archive) vs winnowed index ` +
      `${ms(winnowMs / BASELINE_DRAFTS)}: ${(exhaustiveMs / winnowMs).toFixed(1)}× faster; both found the same ${runs} runs ≥ ${t0}`,
  );
}
