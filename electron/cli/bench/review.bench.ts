/**
 * Review (issue 6): the character diff of two revisions of a 20,000-character
 * story (goal ≤ 50 ms), and opening the history of a story that has been saved
 * 2,000 times (goal ≤ 200 ms). Baselines in the same run: the diff of two
 * identical revisions (text extraction and comparison only), and reading the same
 * story without its history list (stories.get). Prints figures; never fails on time.
 *
 * The 2,000 saves go through the real compaction (appendRevision: editing
 * sessions merged, signed revisions kept, bounded), so the history that opens is
 * what a story saved 2,000 times by four people over weeks really keeps.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  bodyFromBlocks,
  bodyPlainText,
  contentOf,
  type Revision,
  type Story,
  type StoryContent,
} from '../../../shared/model';
import { diffRevisions } from '../../../shared/review/revision-diff';
import { runInSession } from '../../desk/review/session-context';
import { openReview } from '../../desk/review/review-service';
import { DeskStore } from '../../desk/storage/desk-store';
import { appendRevision } from '../../desk/storage/story-history';
import { generatedStory, rng, variedBlocks } from './corpus';
import type { Report } from './registry';

const CHARS = 20_000;
const SAVES = 2_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, task: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    task();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function timeAsync(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Revision `n` of the story: a few characters changed, added or removed in a few paragraphs. */
function edited(blocks: string[], r: () => number, edits: number): string[] {
  const out = blocks.slice();
  for (let e = 0; e < edits; e++) {
    const b = Math.floor(r() * out.length);
    const text = out[b]!;
    const at = Math.floor(r() * text.length);
    const x = r();
    out[b] =
      x < 0.4
        ? text.slice(0, at) + '新增的' + text.slice(at)
        : x < 0.7
          ? text.slice(0, at) + text.slice(at + 3)
          : text.slice(0, at) + '改' + text.slice(at + 1);
  }
  return out;
}

function withBlocks(base: StoryContent, blocks: string[]): StoryContent {
  return { ...base, body: bodyFromBlocks(blocks.map((text) => ({ type: 'paragraph' as const, text }))) };
}

export async function benchReview(report: Report): Promise<void> {
  // 1. Diff of two revisions of a 20,000-character story.
  const base = contentOf(generatedStory(1));
  const blocks = variedBlocks(3, CHARS);
  const from = withBlocks(base, blocks);
  const chars = bodyPlainText(from.body).length;
  for (const edits of [10, 60, 300]) {
    const to = withBlocks(base, edited(blocks, rng(edits), edits));
    diffRevisions(from, to); // warm up
    const ms = time(15, () => diffRevisions(from, to));
    const same = time(15, () => diffRevisions(from, from));
    report(
      `diff of two revisions, ${chars} characters, ${edits} edits: ${ms.toFixed(1)} ms (goal ≤ 50 ms); ` +
        `baseline identical revisions ${same.toFixed(2)} ms; ratio ${(ms / Math.max(same, 0.01)).toFixed(1)}×`,
    );
  }

  // 2. The history of a story saved 2,000 times.
  const dir = await mkdtemp(join(tmpdir(), 'desk-bench-review-'));
  try {
    const store = await DeskStore.open({ dataDir: dir, user: 'bench' });
    const review = await openReview({ store, dataDir: dir, fallbackName: () => 'bench' });
    const people = ['张明', '李华', '王芳', '赵强'];
    const r = rng(11);
    let history: Revision[] = [];
    let current = blocks;
    let clock = Date.UTC(2026, 0, 1);
    for (let n = 1; n < SAVES; n++) {
      // Four people, bursts of autosaves a few seconds apart, pauses between sessions, a signature now and then.
      clock += r() < 0.85 ? 5_000 : 3_600_000;
      current = edited(current, r, 2);
      history = appendRevision(history, {
        rev: n,
        savedAt: new Date(clock).toISOString(),
        savedBy: people[Math.floor(n / 37) % people.length]!,
        content: withBlocks(base, current),
        ...(n % 400 === 0 ? { signed: true } : {}),
      });
    }
    const story: Story = {
      ...generatedStory(1),
      ...withBlocks(base, current),
      id: 'bench-review-history',
      rev: SAVES,
      history,
      updatedAt: new Date(clock).toISOString(),
    };
    await store.create(story);
    const id = story.id;
    const list = () => runInSession('bench', () => review.handlers['history.list']({ id }));
    const entries = (await list()).entries.length;
    const opened = await timeAsync(15, list);
    const read = await timeAsync(15, () => store.get(id));
    report(
      `history of a story saved ${SAVES} times (${entries} revisions kept after compaction, ${chars} characters each): ` +
        `${opened.toFixed(1)} ms (goal ≤ 200 ms); baseline reading the story ${read.toFixed(1)} ms; ratio ${(opened / read).toFixed(2)}×`,
    );
    const oldest = (await list()).entries.at(-1)!.rev;
    const far = await timeAsync(9, () =>
      runInSession('bench', () => review.handlers['history.diff']({ id, from: oldest, to: SAVES })),
    );
    report(
      `diff of the oldest kept revision (rev ${oldest}) against the current one, through the API: ${far.toFixed(1)} ms`,
    );
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
