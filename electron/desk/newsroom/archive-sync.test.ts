/**
 * The desk's archive is the newsroom's (issue 17, archive-sync.ts) on a real PostgreSQL cluster and
 * a real newsroom server, desks on their own temp data folders talking through their handlers: a
 * past page archived on one desk is found by another desk's duplicate check without a restart;
 * archived while the server is down, it is sent when the server answers, exactly once; a desk that
 * connects later pulls thousands of entries in pages; the pull of 10,000 entries is measured.
 */
import { readdir, readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ArchiveSyncEntry } from '../../../shared/api/archive-sync-contract';
import type { Finding } from '../../../shared/checks/finding';
import { bodyFromBlocks, contentOf, newStory, type StoryContent } from '../../../shared/model';
import type { Role } from '../../../shared/review/roles';
import { startNewsroomServer, type RunningServer } from '../../server/http';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { NewsroomStories } from '../../server/store/stories';
import { startTestNewsroom, TestDesk, type TestNewsroom } from '../../server/testing';
import { archiveCursorFileOf, archiveOutboxDirOf } from './archive-sync';
import { openDesk, signedInDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

/** A past page in the plain-text form of a printed page (invented): two stories. */
function pastPage(place: string, reporter: string, extra = ''): string {
  return [
    `${place}：党员议事会议出民生实事`,
    `本报讯（记者 ${reporter}）${place}每月召开一次党员议事会，今年已为群众办成修路、通水等实事二十三件。`,
    `议事会由支部书记主持，群众代表列席，所议事项当场分工、限期办结，办理结果张榜公示。${extra}`,
    `${place}：老党员讲好“门口的故事”`,
    `${place}组织老党员走进学校和社区，讲述身边的变化，今年已开讲四十余场，听众三千余人次。`,
  ].join('\n');
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A draft whose first paragraph copies a sentence of an archived story. */
function draftCopying(sentence: string): StoryContent {
  return {
    ...contentOf(newStory('draft-x', new Date().toISOString(), '测试')),
    headline: '新稿',
    body: bodyFromBlocks([{ type: 'paragraph', text: `${sentence}另据了解，相关工作还将继续推进。` }]),
  };
}

const archiveFindings = (findings: Finding[]) => findings.filter((f) => f.rule === 'duplicate.archive');

/** The n-th of many invented archived stories, each with a sentence of its own. */
const generated = (n: number): ArchiveSyncEntry => ({
  id: `2024-01-${String((n % 28) + 1).padStart(2, '0')}/B${(n % 8) + 1}/${n}-往期稿件`,
  title: `往期稿件第${n}号`,
  date: `2024-01-${String((n % 28) + 1).padStart(2, '0')}`,
  blocks: [
    `第${n}号网格的党员志愿者今年为独居老人上门服务${n * 7}次，协调解决用水用电难题${n % 97}件。`,
    `该网格还建起“红色议事角”，编号${n}的议事记录已整理成册，供其他网格学习借鉴。`,
  ],
});

describe.skipIf(skip !== null)("a desk's archive is the newsroom's", () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let restarted: RunningServer | null = null;
  const desks: Desk[] = [];

  async function signedIn(id: string, name: string, roles: Role[]): Promise<Desk> {
    const d = await signedInDesk(nr, desks, { id, name, roles });
    await d.services.archiveSync.idle();
    return d;
  }

  /** Waits until `desk` heard of the newsroom's archive reaching `latest`, and pulled it. */
  async function pulled(desk: Desk, latest: number): Promise<void> {
    await desk.next((e) => e.type === 'archive' && e.latest >= latest, 30_000, 0);
    await desk.services.archiveSync.idle();
  }

  const entryCount = async (like: string) =>
    (
      await nr.pool.query<{ n: number }>('select count(*)::int as n from archive_entries where id like $1', [
        like,
      ])
    ).rows[0]!.n;

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_archive_sync'));
  });
  afterAll(async () => {
    for (const d of desks) await d.close();
    await restarted?.close();
    await nr?.close();
    cluster?.stop();
  });

  it("a past page archived on one desk is in another desk's duplicate check at once", async () => {
    const editor = await signedIn('lin', '林编辑', ['first-editor']);
    const reporter = await signedIn('he', '何记者', ['reporter']);
    const sentence = '议事会由支部书记主持，群众代表列席，所议事项当场分工、限期办结，办理结果张榜公示。';
    const draft = draftCopying(sentence);
    expect(archiveFindings(await reporter.call<Finding[]>('checks.archive', { content: draft }))).toEqual([]);

    const imported = await editor.call<{ added: number }>('archive.importPage', {
      name: 'b6.txt',
      data: base64(pastPage('石桥村', '林晓')),
      page: 'B6',
      date: '2025-06-18',
    });
    expect(imported.added).toBeGreaterThan(0);
    await editor.services.archiveSync.idle();
    expect(await entryCount('2025-06-18/B6/%')).toBe(imported.added);
    expect(await readdir(archiveOutboxDirOf(editor.dir))).toEqual([]);

    await pulled(reporter, imported.added);
    const found = archiveFindings(await reporter.call<Finding[]>('checks.archive', { content: draft }));
    expect(found).toHaveLength(1);
    expect(found[0]!.params).toMatchObject({
      twinHeadline: '石桥村：党员议事会议出民生实事',
      date: '2025-06-18',
    });
    // The reporter's own archive lists it (the archive screen), read offline as well.
    const list = await reporter.call<{ items: Array<{ title: string }> }>('archive.list', {
      date: '2025-06-18',
    });
    expect(list.items.map((s) => s.title)).toContain('石桥村：党员议事会议出民生实事');
    expect(list.items).toHaveLength(imported.added);
    // Put back to the newsroom? No: pulled stories are not sent again.
    expect(await readdir(archiveOutboxDirOf(reporter.dir)).catch(() => [])).toEqual([]);
    const { rows } = await nr.pool.query<{ n: number }>(
      "select count(*)::int as n from audit where action = 'archive-added' and actor_id = 'he'",
    );
    expect(rows[0]!.n).toBe(0);
    // The server-only methods are refused on the desk, with the reason.
    expect((await reporter.refused('archive.since', { seq: 0 })).key).toBe('error.archiveNewsroomOnly');
  });

  it('archived while the server is down: kept in the outbox, sent once when it answers', async () => {
    const editor = await signedIn('qian', '钱编辑', ['second-editor']);
    const reporter = await signedIn('xu', '徐记者', ['reporter']);
    const lost = editor.next((e) => e.type === 'newsroom' && e.state === 'unreachable', 30_000);
    await nr.server.close();
    await lost;

    const imported = await editor.call<{ added: number }>('archive.importPage', {
      name: 'a3.txt',
      data: base64(
        pastPage(
          '枫林社区',
          '钱程',
          '社区还为每栋居民楼配了一名党员楼长，楼里的大事小情有人管、有人问，居民遇到难事第一时间找得到人。',
        ),
      ),
      page: 'A3',
      date: '2025-07-02',
    });
    expect(imported.added).toBeGreaterThan(0);
    await editor.services.archiveSync.idle();
    const waiting = await readdir(archiveOutboxDirOf(editor.dir));
    expect(waiting).toHaveLength(1);
    const batch = JSON.parse(await readFile(`${archiveOutboxDirOf(editor.dir)}/${waiting[0]}`, 'utf8')) as {
      personId: string;
      entries: unknown[];
    };
    expect(batch.personId).toBe('qian');
    expect(batch.entries).toHaveLength(imported.added);
    expect(await entryCount('2025-07-02/A3/%')).toBe(0);

    const back = editor.next((e) => e.type === 'newsroom' && e.state === 'connected', 30_000);
    restarted = await startNewsroomServer({
      pool: nr.pool,
      accounts: nr.accounts,
      stories: new NewsroomStories(nr.pool),
      listen: { host: '127.0.0.1', port: nr.server.port },
      sweepMs: 0,
    });
    await back;
    await editor.services.archiveSync.idle();
    expect(await readdir(archiveOutboxDirOf(editor.dir))).toEqual([]);
    expect(await entryCount('2025-07-02/A3/%')).toBe(imported.added);
    const { rows } = await nr.pool.query<{ n: number }>(
      "select count(*)::int as n from audit where action = 'archive-added' and actor_id = 'qian'",
    );
    expect(rows[0]!.n).toBe(1);

    // The reporter's desk, its socket back too, hears of it (replayed if it came before) and pulls it.
    const { rows: head } = await nr.pool.query<{ seq: string }>(
      'select max(seq) as seq from archive_entries',
    );
    await pulled(reporter, Number(head[0]!.seq));
    const draft = draftCopying(
      '社区还为每栋居民楼配了一名党员楼长，楼里的大事小情有人管、有人问，居民遇到难事第一时间找得到人。',
    );
    const found = archiveFindings(await reporter.call<Finding[]>('checks.archive', { content: draft }));
    expect(found.map((f) => f.params.twinHeadline)).toEqual(['枫林社区：党员议事会议出民生实事']);
  });

  it('a batch kept when the desk quits with the server down is sent at the next sign-in of the same person', async () => {
    const password = await nr.person('yan', '严编辑', ['first-editor']);
    const first = await openDesk();
    await first.call('newsroom.connect', { server: nr.url });
    await first.call('newsroom.signIn', { login: 'yan', password });
    const server = restarted!;
    const lost = first.next((e) => e.type === 'newsroom' && e.state === 'unreachable', 30_000);
    await server.close();
    await lost;
    const imported = await first.call<{ added: number }>('archive.importPage', {
      name: 'c2.txt',
      data: base64(pastPage('松岭镇', '严冬')),
      page: 'C2',
      date: '2025-08-09',
    });
    await first.services.archiveSync.idle();
    await first.services.close();
    expect(await readdir(archiveOutboxDirOf(first.dir))).toHaveLength(1);

    restarted = await startNewsroomServer({
      pool: nr.pool,
      accounts: nr.accounts,
      stories: new NewsroomStories(nr.pool),
      listen: { host: '127.0.0.1', port: nr.server.port },
      sweepMs: 0,
    });
    const again = await openDesk(first.dir);
    desks.push(again);
    await again.call('newsroom.signIn', { login: 'yan', password });
    await again.services.archiveSync.idle();
    expect(await readdir(archiveOutboxDirOf(again.dir))).toEqual([]);
    expect(await entryCount('2025-08-09/C2/%')).toBe(imported.added);
  });

  it('a desk that connects later pulls 2,000 entries in pages; then 10,000 are measured', async () => {
    const putter = await TestDesk.signIn(nr.url, 'bulk', await nr.person('bulk', '资料员', ['reporter']));
    const all = Array.from({ length: 12_000 }, (_, i) => generated(i + 1));
    for (let i = 0; i < 2000; i += 500) await putter.call('archive.put', { entries: all.slice(i, i + 500) });
    const { rows: head } = await nr.pool.query<{ seq: string }>(
      'select max(seq) as seq from archive_entries',
    );
    const latest = Number(head[0]!.seq);

    const late = await signedIn('wu', '吴记者', ['reporter']);
    const cursor = JSON.parse(await readFile(archiveCursorFileOf(late.dir), 'utf8')) as { seq: number };
    expect(cursor.seq).toBe(latest);
    const list = await late.call<{ total: number }>('archive.list', { limit: 1 });
    expect(list.total).toBe(latest);
    const draft = draftCopying(all[1234]!.blocks[0]!);
    const found = archiveFindings(await late.call<Finding[]>('checks.archive', { content: draft }));
    expect(found.map((f) => f.params.twinHeadline)).toEqual(['往期稿件第1235号']);

    for (let i = 2000; i < 12_000; i += 500)
      await putter.call('archive.put', { entries: all.slice(i, i + 500) });
    const measured = await openDesk();
    desks.push(measured);
    await measured.call('newsroom.connect', { server: nr.url });
    const password = await nr.person('zheng', '郑记者', ['reporter']);
    const started = performance.now();
    await measured.call('newsroom.signIn', { login: 'zheng', password });
    await measured.services.archiveSync.idle();
    const ms = performance.now() - started;
    const total = (await measured.call<{ total: number }>('archive.list', { limit: 1 })).total;
    expect(total).toBe(latest + 10_000);
    console.log(
      `[archive-sync] pulled ${total} archive entries (${Math.round(total / 500)} pages of 500) into a new desk in ${Math.round(ms)} ms`,
    );
  }, 180_000);
});
