/**
 * The newsroom's archive on the server (issue 17) over its HTTP API on a real PostgreSQL cluster:
 * archive.put idempotent by id, archive.since in pages, the `archive` event to every signed-in
 * person (a reporter too), one audit entry per put that added something, bad entries refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  ArchivePutResult,
  ArchiveSincePage,
  ArchiveSyncEntry,
} from '../../shared/api/archive-sync-contract';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyAudit } from './store/audit-chain';
import { post, refusal, startTestNewsroom, TestDesk, type TestNewsroom } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const entry = (n: number, date = '2025-03-14'): ArchiveSyncEntry => ({
  id: `${date}/B6/${String(n).padStart(2, '0')}-稿件${n}`,
  title: `第${n}篇：村里的互助小组`,
  date,
  blocks: [`柳湾村第${n}个互助小组成立后，党员每周上门走访一次。`, ''],
  details: {
    region: null,
    byline: { credits: [{ kind: 'person', role: '记者', names: ['周小河'] }], position: 'top' },
    dateline: '',
  },
});

describe.skipIf(skip !== null)("the newsroom's archive on the server", () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let editor: TestDesk;
  let reporter: TestDesk;

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_archive_routes'));
    editor = await TestDesk.signIn(nr.url, 'bian', await nr.person('bian', '卞编辑', ['first-editor']));
    reporter = await TestDesk.signIn(nr.url, 'zhou', await nr.person('zhou', '周记者', ['reporter']));
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('puts entries once by id, numbers them, and pulls them back in pages', async () => {
    const events = await reporter.events();
    const first = await editor.call<ArchivePutResult>('archive.put', {
      entries: [entry(1), entry(2), entry(3)],
      desk: '卞编辑的台式机',
    });
    expect(first).toEqual({ added: 3, known: 0, latest: 3 });
    // The reporter, who owns none of it, is told at once.
    const pushed = await events.next((e) => e.type === 'archive');
    expect(pushed.event).toMatchObject({ type: 'archive', latest: 3 });

    // Sent again (an answer lost on the way): nothing added twice, no second record.
    const again = await reporter.call<ArchivePutResult>('archive.put', { entries: [entry(2), entry(4)] });
    expect(again).toEqual({ added: 1, known: 1, latest: 4 });
    const same = await editor.call<ArchivePutResult>('archive.put', { entries: [entry(1)] });
    expect(same).toEqual({ added: 0, known: 1, latest: 4 });
    const { rows } = await nr.pool.query<{ action: string; detail: { count: number } }>(
      "select action, detail from audit where action = 'archive-added' order by seq",
    );
    expect(rows.map((r) => r.detail.count)).toEqual([3, 1]);
    const c = await nr.pool.connect();
    try {
      expect((await verifyAudit(c)).firstProblem).toBeNull();
    } finally {
      c.release();
    }

    const page1 = await reporter.call<ArchiveSincePage>('archive.since', { seq: 0, limit: 3 });
    expect(page1.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page1).toMatchObject({ seq: 3, more: true, latest: 4 });
    expect(page1.entries[0]).toMatchObject({
      ...entry(1),
      addedBy: 'bian',
      desk: '卞编辑的台式机',
    });
    const page2 = await reporter.call<ArchiveSincePage>('archive.since', { seq: page1.seq, limit: 3 });
    expect(page2.entries.map((e) => [e.seq, e.id, e.addedBy])).toEqual([[4, entry(4).id, 'zhou']]);
    expect(page2).toMatchObject({ seq: 4, more: false });
    const none = await reporter.call<ArchiveSincePage>('archive.since', { seq: 4 });
    expect(none).toEqual({ entries: [], seq: 4, more: false, latest: 4 });
    events.close();
  });

  it('refuses bad entries with the reason and adds none of the put', async () => {
    const before = await nr.pool.query<{ n: number }>('select count(*)::int as n from archive_entries');
    const cases: Array<[unknown, RegExp]> = [
      [{ entries: [] }, /entries/],
      [{ entries: [{ ...entry(20), id: '' }] }, /entries\.0\.id/],
      [{ entries: [entry(21), { ...entry(22), date: '14.03.2025' }] }, /entries\.1\.date: not a date/],
      [
        { entries: [{ ...entry(23), blocks: ['字'.repeat(120_000), '字'.repeat(90_000)] }] },
        /200000 characters/,
      ],
      [{ entries: [{ ...entry(24), extra: 1 }] }, /entries\.0/],
      [{ entries: Array.from({ length: 501 }, (_, i) => entry(100 + i)) }, /entries/],
      [{ entries: [{ ...entry(25), details: { region: null } }] }, /entries\.0\.details/],
    ];
    for (const [input, why] of cases) {
      const shape = await refusal(editor.call('archive.put', input));
      expect(shape.key).toBe('error.invalidInput');
      expect(shape.detail).toMatch(why);
    }
    const after = await nr.pool.query<{ n: number }>('select count(*)::int as n from archive_entries');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect((await refusal(editor.call('archive.since', { seq: -1 }))).key).toBe('error.invalidInput');
    expect((await refusal(editor.call('archive.since', { seq: 0, limit: 5000 }))).key).toBe(
      'error.invalidInput',
    );
    // Nobody signed in: refused before the entries are read.
    const anonymous = await post(nr.url, 'call/archive.put', { entries: [entry(30)] });
    expect(anonymous.status).toBe(401);
  });
});
