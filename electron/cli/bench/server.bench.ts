/**
 * The newsroom server (issue 17): 50 desks, one session each in this process, each saving its
 * story every 2 s over the loopback HTTP API, and 5 editors' desks listening on the event socket.
 * Figures: the save round trip (p50/p95; goal p95 ≤ 30 ms) and the time from a save's request
 * until an editor's socket has its event (p95; goal ≤ 300 ms). The server and a throw-away
 * PostgreSQL cluster run on this machine. Prints figures; never fails on time.
 *
 * Then the story list of 15,000 stories (goal: first screen ≤ 1 s).
 *
 * Not yet: the 5 editors signing (review.act is store/review.ts's).
 */
import { bodyFromBlocks, contentOf, type Story } from '../../../shared/model';
import { pgSkipReason, startPgCluster } from '../../server/pg-cluster';
import { listFields } from '../../server/store/stories';
import { startTestNewsroom, TestDesk, type EventSocket } from '../../server/testing';
import { variedBlocks } from './corpus';
import type { Report } from './registry';

const DESKS = 50;
const EDITORS = 5;
const PERIOD_MS = 2_000;
const ROUNDS = 10;
const LISTED = 15_000;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchServer(report: Report): Promise<void> {
  const skip = pgSkipReason();
  if (skip) return report(`skipped: ${skip}`);
  const cluster = startPgCluster();
  const nr = await startTestNewsroom(cluster.createDatabase('bench'));
  const sockets: EventSocket[] = [];
  try {
    const desks: TestDesk[] = [];
    const stories: Story[] = [];
    for (let i = 0; i < DESKS; i++) {
      const id = `desk${i}`;
      const password = await nr.person(id, `编辑${i}`, ['first-editor']);
      const desk = await TestDesk.signIn(nr.url, id, password);
      const story = await desk.call<Story>('stories.create', {});
      const body = bodyFromBlocks(
        variedBlocks(i, 2000).map((text) => ({ type: 'paragraph' as const, text })),
      );
      stories.push(
        await desk.call<Story>('stories.save', {
          id: story.id,
          baseRev: 1,
          content: { ...contentOf(story), body },
        }),
      );
      desks.push(desk);
    }
    // Past the draft stage, so every editor sees every story (a draft is its writer's alone).
    await nr.pool.query(`update stories set status = 'submitted'`);
    for (let e = 0; e < EDITORS; e++) {
      const id = `watcher${e}`;
      const desk = await TestDesk.signIn(nr.url, id, await nr.person(id, `值班编辑${e}`, ['second-editor']));
      sockets.push(await desk.events());
    }

    const saves: number[] = [];
    const seen: number[] = [];
    const pending: Promise<void>[] = [];
    await Promise.all(
      desks.map(async (desk, i) => {
        await sleep((PERIOD_MS * i) / DESKS);
        let story = stories[i]!;
        for (let round = 0; round < ROUNDS; round++) {
          const next = performance.now() + PERIOD_MS;
          const headline = `第${round}次保存`;
          const from = sockets.map((s) => s.received.length);
          const t0 = performance.now();
          story = await desk.call<Story>('stories.save', {
            id: story.id,
            baseRev: story.rev,
            content: { ...contentOf(story), headline },
          });
          saves.push(performance.now() - t0);
          const rev = story.rev;
          const id = story.id;
          pending.push(
            ...sockets.map(async (s, k) => {
              const got = await s.next(
                (e) => e.type === 'story' && e.storyId === id && e.revision === rev,
                from[k],
              );
              seen.push(got.at - t0);
            }),
          );
          await sleep(Math.max(0, next - performance.now()));
        }
      }),
    );
    await Promise.all(pending);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    report(
      `${DESKS} desks saving every ${PERIOD_MS / 1000} s, ${saves.length} saves of ~2,000-character stories`,
    );
    report(
      `save round trip: p50 ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))} (goal p95 ≤ 30 ms), max ${ms(Math.max(...saves))}`,
    );
    report(
      `change seen by ${EDITORS} editors' sockets: p50 ${ms(percentile(seen, 50))}, p95 ${ms(percentile(seen, 95))} (goal p95 ≤ 300 ms)`,
    );

    // The story list of a newsroom with 15,000 stories, as an editor's desk asks for its first screen.
    const template = contentOf(stories[0]!);
    await nr.pool.query(
      `insert into stories (id, owner_id, revision, status, summary)
         select 'bench-' || lpad(g::text, 6, '0'), 'desk0', 1, 'submitted',
                jsonb_set($2::jsonb, '{headline}', to_jsonb('第' || g || '篇'))
           from generate_series(1, $1) g`,
      [LISTED, JSON.stringify(listFields(stories[0]!))],
    );
    await nr.pool.query(
      `insert into story_revisions (story_id, revision, content, content_hash, saved_by)
         select 'bench-' || lpad(g::text, 6, '0'), 1, jsonb_set($2::jsonb, '{headline}', to_jsonb('第' || g || '篇')),
                'bench', 'desk0'
           from generate_series(1, $1) g`,
      [LISTED, JSON.stringify(template)],
    );
    const lists: number[] = [];
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      total = (await desks[1]!.call<{ total: number }>('stories.list', {})).total;
      lists.push(performance.now() - t0);
    }
    report(
      `story list of ${total} stories: ${ms(Math.min(...lists))} best of 3, ${ms(Math.max(...lists))} worst (goal first screen ≤ 1 s)`,
    );
  } finally {
    for (const s of sockets) s.close();
    await nr.close();
    cluster.stop();
  }
}
