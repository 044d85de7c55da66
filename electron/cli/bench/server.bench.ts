/**
 * The newsroom server (issue 17): 50 desks, one session each in this process, each saving its
 * story every 2 s over the loopback HTTP API, and 5 editors' desks listening on the event socket.
 * The 5 editors also sign (初审) a submitted story every 2 s with their own Ed25519 key: the
 * challenge, the signature made on "their desktop" and review.act. Figures: the save round trip
 * (p50/p95; goal p95 ≤ 30 ms), the ratio of that p95 to an idle baseline (one desk saving alone),
 * the time from a save's request until an editor's socket has its event (p95; goal ≤ 300 ms) and
 * the sign-off round trip. The server and a throw-away PostgreSQL cluster run on this machine.
 * Prints figures; never fails on time.
 *
 * Then the story list of 15,000 stories (goal: first screen ≤ 1 s).
 */
import { bodyFromBlocks, contentOf, type Story } from '../../../shared/model';
import type { SignoffChallenge } from '../../../shared/review/review-contract';
import { FAST_SCRYPT } from '../../server/testing';
import {
  generatePersonKey,
  signChallenge,
  signKeyRegistration,
  type UnlockedKey,
} from '../../server/keys/person-key';
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
const BASELINE_SAVES = 30;

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

    // The idle baseline: one desk saving alone, nobody listening.
    const baseline: number[] = [];
    let alone = stories[0]!;
    for (let i = 0; i < BASELINE_SAVES; i++) {
      const t0 = performance.now();
      alone = await desks[0]!.call<Story>('stories.save', {
        id: alone.id,
        baseRev: alone.rev,
        content: { ...contentOf(alone), headline: `基线${i}` },
      });
      baseline.push(performance.now() - t0);
    }
    stories[0] = alone;

    // What the editors sign: stories of a reporter, submitted through the workflow.
    const reporter = await TestDesk.signIn(
      nr.url,
      'reporter',
      await nr.person('reporter', '记者', ['reporter']),
    );
    const toSign: Story[] = [];
    for (let k = 0; k < EDITORS * ROUNDS; k++) {
      const draft = await reporter.call<Story>('stories.create', {});
      const saved = await reporter.call<Story>('stories.save', {
        id: draft.id,
        baseRev: draft.rev,
        content: {
          ...contentOf(draft),
          headline: `待签第${k}篇`,
          byline: { credits: [{ kind: 'person', role: '记者', names: ['记者'] }], position: 'top' },
          body: bodyFromBlocks(variedBlocks(k, 1500).map((text) => ({ type: 'paragraph' as const, text }))),
        },
      });
      toSign.push(
        await reporter.call<Story>('review.act', { id: saved.id, action: 'submit', baseRev: saved.rev }),
      );
    }
    const editors: Array<{ desk: TestDesk; key: UnlockedKey }> = [];
    for (let e = 0; e < EDITORS; e++) {
      const id = `watcher${e}`;
      const password = await nr.person(id, `值班编辑${e}`, ['first-editor', 'second-editor']);
      const desk = await TestDesk.signIn(nr.url, id, password);
      const { unlocked } = await generatePersonKey(password, FAST_SCRYPT);
      await desk.call('keys.register', {
        publicKey: unlocked.publicKey,
        proof: signKeyRegistration(unlocked, id),
      });
      editors.push({ desk, key: unlocked });
      sockets.push(await desk.events());
    }
    const signs: number[] = [];
    let signed = 0;
    const signing = editors.map(async ({ desk, key }, e) => {
      await sleep((PERIOD_MS * e) / EDITORS);
      for (let round = 0; round < ROUNDS; round++) {
        const next = performance.now() + PERIOD_MS;
        const story = toSign[round * EDITORS + e]!;
        const t0 = performance.now();
        const ch = await desk.call<SignoffChallenge>('review.challenge', {
          id: story.id,
          action: 'sign',
          baseRev: story.rev,
        });
        const signature = signChallenge(key, ch.text, {
          storyId: story.id,
          revision: story.rev,
          content: contentOf(story),
        });
        const after = await desk.call<Story>('review.act', {
          id: story.id,
          action: 'sign',
          baseRev: story.rev,
          signoff: { nonce: ch.nonce, signature },
        });
        signs.push(performance.now() - t0);
        if (after.status === 'first-passed') signed++;
        await sleep(Math.max(0, next - performance.now()));
      }
    });

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
    await Promise.all(signing);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    report(
      `${DESKS} desks saving every ${PERIOD_MS / 1000} s, ${saves.length} saves of ~2,000-character stories; ` +
        `${EDITORS} editors signing every ${PERIOD_MS / 1000} s, ${signed} of ${signs.length} sign-offs recorded`,
    );
    const idle = percentile(baseline, 95);
    report(
      `save round trip: p50 ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))} (goal p95 ≤ 30 ms), max ${ms(Math.max(...saves))}; ` +
        `idle baseline p95 ${ms(idle)} (one desk alone), ratio ${(percentile(saves, 95) / idle).toFixed(2)}×`,
    );
    report(
      `change seen by ${EDITORS} editors' sockets: p50 ${ms(percentile(seen, 50))}, p95 ${ms(percentile(seen, 95))} (goal p95 ≤ 300 ms)`,
    );
    report(
      `sign-off round trip (challenge, signature, review.act): p50 ${ms(percentile(signs, 50))}, p95 ${ms(percentile(signs, 95))}`,
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
    await (await import('./archive-sync.bench')).benchArchivePull(report, nr);
  } finally {
    for (const s of sockets) s.close();
    await nr.close();
    cluster.stop();
  }
}
