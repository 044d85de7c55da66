/**
 * Storage benchmark: the cost of saving one story when 15,000 are stored, against a
 * baseline measured in the same run that keeps every story in ONE lowdb JSON file
 * (lowdb's stock JSONFile adapter), as a naive desk would (architecture.md, Storage:
 * "15,000 stories must not make a save slower"). Goal: save p95 ≤ 15 ms (fsync
 * included) and ≥ 20× faster than the baseline. It reports figures; it never throws
 * on a slow one.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

import { bodyFromBlocks, contentOf, newStory, type LexicalState, type Story } from '../../../shared/model';
import { DeskStore } from '../../desk/storage/desk-store';

const STORIES = 15_000;
const SAVES = 200;
const BASELINE_SAVES = 8;
const GOAL_P95_MS = 15;
const GOAL_RATIO = 20;

/** Common characters of 党建 copy, so bodies look (and encode) like the real thing. */
const CHARS =
  '党建引领基层治理组织群众服务乡村振兴干部队伍建设支部书记学习教育主题活动推进工作落实责任发展经济社会民生改革创新' +
  '全面从严治党思想政治作风纪律制度监督考核标准规范阵地平台志愿者党员先锋模范带头作用村社区企业机关学校医院';

/** A deterministic pseudo-random generator, so every run stores the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A body of about 2,000 Chinese characters in ten paragraphs. */
function makeBody(seed: number): LexicalState {
  const next = random(seed);
  const paragraph = (): string => {
    let text = '';
    while (text.length < 195) text += CHARS[Math.floor(next() * CHARS.length)]!;
    return `${text}。`;
  };
  return bodyFromBlocks([
    { type: 'subhead', text: paragraph().slice(0, 12) },
    ...Array.from({ length: 10 }, () => ({ type: 'paragraph' as const, text: paragraph() })),
  ]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function stats(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** Runs the benchmark in a temp folder and prints its figures through `report`. */
export async function benchStorage(report: (line: string) => void): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'desk-bench-storage-'));
  try {
    // Fifty distinct bodies shared by all stories: the files are full size, memory is not.
    const bodies = Array.from({ length: 50 }, (_, i) => makeBody(i + 1));
    const stories: Story[] = Array.from({ length: STORIES }, (_, i) =>
      newStory(
        `bench-${String(i).padStart(6, '0')}`,
        new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        '祁晓燕',
        {
          headline: `第${i}篇 基层党建工作综述`,
          kicker: '党建引领',
          body: bodies[i % bodies.length]!,
        },
      ),
    );

    // Seed the story files directly (no fsync: seeding is not what is measured), then
    // let the store build its index from them, as it would for a copied-in folder.
    const dataDir = join(root, 'desk');
    await mkdir(join(dataDir, 'stories'), { recursive: true });
    let t = performance.now();
    for (let i = 0; i < stories.length; i += 200) {
      await Promise.all(
        stories
          .slice(i, i + 200)
          .map((s) => writeFile(join(dataDir, 'stories', `${s.id}.json`), JSON.stringify(s))),
      );
    }
    report(`seeded ${STORIES} story files: ${ms(performance.now() - t)}`);

    t = performance.now();
    let store = await DeskStore.open({ dataDir, user: 'bench' });
    report(`first open, index rebuilt from ${store.storyCount} story files: ${ms(performance.now() - t)}`);
    await store.close();

    t = performance.now();
    store = await DeskStore.open({ dataDir, user: 'bench' });
    report(`open with the index present: ${ms(performance.now() - t)}`);
    t = performance.now();
    const verified = await store.verification;
    report(
      `background check of every story file: ${ms(performance.now() - t)} (${verified.checked} checked)`,
    );

    // Saves of one story, fsync included: an editor autosaving.
    const target = stories[STORIES >> 1]!;
    let current = await store.get(target.id);
    const times: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const content = { ...contentOf(current), headline: `${target.headline}（第${i}次修改）` };
      const t0 = performance.now();
      current = await store.save(current.id, current.rev, content, '祁晓燕');
      times.push(performance.now() - t0);
    }
    await store.close();
    const ours = stats(times);
    report(
      `save one story, per-story files + journaled index (${SAVES} saves): p50 ${ms(ours.p50)}, p95 ${ms(ours.p95)}`,
    );

    // Baseline: every story in one lowdb document, rewritten whole on each save.
    // (steno does not fsync, so this baseline is, if anything, flattered.)
    const bigFile = join(root, 'all-stories.json');
    const db = new Low<{ stories: Story[] }>(new JSONFile(bigFile), { stories });
    t = performance.now();
    await db.write();
    report(`baseline: one lowdb file with ${STORIES} stories, first write: ${ms(performance.now() - t)}`);
    const baseTimes: number[] = [];
    for (let i = 0; i < BASELINE_SAVES; i++) {
      const index = STORIES >> 1;
      const t0 = performance.now();
      db.data.stories[index] = { ...db.data.stories[index]!, headline: `${target.headline}（第${i}次修改）` };
      await db.write();
      baseTimes.push(performance.now() - t0);
    }
    const base = stats(baseTimes);
    report(
      `baseline save (${BASELINE_SAVES} saves, whole file rewritten): p50 ${ms(base.p50)}, p95 ${ms(base.p95)}`,
    );

    const ratio = base.p50 / ours.p50;
    const ratio95 = base.p95 / ours.p95;
    const meets = ours.p95 <= GOAL_P95_MS && ratio >= GOAL_RATIO;
    report(
      `ratio: ${ratio.toFixed(0)}× faster at p50, ${ratio95.toFixed(0)}× at p95 ` +
        `(goal p95 ≤ ${GOAL_P95_MS} ms and ≥ ${GOAL_RATIO}×: ${meets ? 'met' : 'NOT met'})`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
