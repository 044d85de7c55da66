// The 版面 screen on a desk signed in to the newsroom (issue 17), on a real PostgreSQL cluster and
// a real newsroom server, each desk on its own data folder and talking only through its desk
// handlers (what every transport calls): an editor plans a page on the server, preflights it over
// the newsroom's stories (a passage two reporters share is found), is refused the export over an
// open error, exports with an override (the package on this desk's disk, the record and the audit
// on the server), publishes (the stories laid out by the server's workflow, the desk's archive
// holding them) and another desk sees the plan published.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { StoredPhoto } from '../../../shared/api/types';
import type { Finding } from '../../../shared/checks/finding';
import { bodyFromBlocks, contentOf, type Photo, type Story } from '../../../shared/model';
import type {
  PageExportResult,
  PageListItem,
  PagePlan,
  PagePlanContent,
  PagePublishResult,
  PreflightReport,
} from '../../../shared/model/page';
import type { AuditEntry } from '../../../shared/review/audit';
import type { Role } from '../../../shared/review/roles';
import { ArchiveStore, archiveDirOf } from '../archive/archive-store';
import { signedInDesk, type Desk } from '../newsroom/test-desks';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { verifyNewsroom } from '../../server/store/audit-verify';
import { testPng } from '../../server/test-photos';
import { refusal, startTestNewsroom, TestDesk, type TestNewsroom } from '../../server/testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const PAGE = 'B6';
const DATE = '2026-12-07';
/** A passage both reporters filed (the second copied it from the first). */
const SHARED = '街道党工委把党员先锋岗设在了小区门口的便民服务站里，每天早晚各有两名党员轮值接待居民';

describe.skipIf(skip !== null)('the pages screen on a desk signed in to the newsroom', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const desks: Desk[] = [];

  const signedIn = (id: string, name: string, roles: Role[]): Promise<Desk> =>
    signedInDesk(nr, desks, { id, name, roles });

  async function filed(
    reporter: Desk,
    headline: string,
    byline: string,
    paragraphs: string[],
    photos: Photo[] = [],
  ) {
    const draft = await reporter.call<Story>('stories.create', { page: PAGE });
    await reporter.call('locks.acquire', { id: draft.id });
    const saved = await reporter.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: {
        ...contentOf(draft),
        headline,
        byline: { credits: [{ kind: 'person', role: '记者', names: [byline] }], position: 'top' },
        body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
        photos,
      },
    });
    await reporter.call('locks.release', { id: draft.id });
    return reporter.call<Story>('review.act', { id: saved.id, action: 'submit', baseRev: saved.rev });
  }

  async function signedBy(editor: Desk, id: string): Promise<Story> {
    const read = await editor.call<Story>('stories.get', { id });
    return editor.call<Story>('review.act', { id, action: 'sign', baseRev: read.rev });
  }

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_pages'));
  });
  afterAll(async () => {
    for (const d of desks) await d.close();
    await nr?.close();
    cluster?.stop();
  });

  it('plans, preflights, exports with an override and publishes a newsroom page from a desk', async () => {
    const zhou = await signedIn('zhou', '周记者', ['reporter']);
    const sun = await signedIn('sun', '孙记者', ['reporter']);
    const li = await signedIn('li', '李初审', ['first-editor']);
    const wang = await signedIn('wang', '王复审', ['second-editor']);
    const zhao = await signedIn('zhao', '赵终审', ['final-editor']);

    // An ASCII comma in Chinese text is a copy error: open, so the export needs an override.
    // The lead's photo is added on the reporter's desk: the editor's desk has never held it.
    const png = testPng('小区门口的先锋岗', 6000);
    const photo = await zhou.call<StoredPhoto>('photos.import', {
      name: '先锋岗.png',
      data: png.toString('base64'),
    });
    const lead = await filed(
      zhou,
      '党员先锋岗设到小区门口',
      '周记者',
      [`${SHARED}。`, '居民反映的停车难问题,三天内就有了答复，新划的四十个车位已经启用。'],
      [
        {
          id: 'p-lead',
          file: photo.file,
          caption: '图为小区门口的党员先锋岗',
          creditName: '周记者',
          creditKind: '摄',
        },
      ],
    );
    const second = await filed(sun, '便民服务站里的“红马甲”', '孙记者', [
      '清晨七点，服务站的灯就亮了。',
      `${SHARED}，这已经坚持了两年。`,
    ]);
    let stories = [lead, second];
    for (const editor of [li, wang, zhao])
      stories = await Promise.all(stories.map((s) => signedBy(editor, s.id)));
    expect(stories.map((s) => s.status)).toEqual(['approved', 'approved']);

    // The plan is the newsroom's: on the server, not in the editor's data folder.
    const content: PagePlanContent = {
      name: PAGE,
      date: DATE,
      edition: '党建周刊',
      slots: [
        { role: 'lead', storyId: lead.id, budget: 2000 },
        { role: 'secondary', storyId: second.id, budget: 1500 },
      ],
      jumps: [],
    };
    const plan = await zhao.call<PagePlan>('pages.save', { baseRev: null, content });
    expect(plan).toMatchObject({ rev: 1, updatedBy: '赵终审', exported: null, published: null });
    expect(existsSync(join(zhao.dir, 'pages'))).toBe(false);
    const rows = await nr.pool.query('select revision from page_plans where name = $1 and date = $2', [
      PAGE,
      DATE,
    ]);
    expect(rows.rows).toEqual([{ revision: 1 }]);

    // A window cannot record an export itself: the desk passes on only the plan's content.
    const faked = await zhao.call<PagePlan>('pages.save', {
      baseRev: 1,
      content,
      record: {
        exported: { at: new Date().toISOString(), by: '赵终审', folder: '/tmp', overrideReason: null },
      },
    });
    expect(faked).toMatchObject({ rev: 2, exported: null });
    expect((await zhao.refused('pages.publish', { name: PAGE, date: DATE })).key).toBe(
      'error.publishNotExported',
    );

    // The preflight reads the newsroom's stories: their text, their signatures, the shared passage.
    const report = await zhao.call<PreflightReport<Finding>>('pages.preflight', { name: PAGE, date: DATE });
    expect(zhao.services.store.list()).toEqual([]);
    expect(report.stories.map((s) => [s.storyId, s.status, s.signatures.map((g) => g.who)])).toEqual([
      [lead.id, 'approved', ['李初审', '王复审', '赵终审']],
      [second.id, 'approved', ['李初审', '王复审', '赵终审']],
    ]);
    expect(report.hardBlocks).toEqual([]);
    const twins = report.findings.filter((f) => f.rule.startsWith('duplicate.'));
    expect(twins.map((f) => f.locations.map((l) => l.story).sort())).toEqual([[lead.id, second.id].sort()]);
    expect(report.findings.some((f) => f.rule.startsWith('page.signatures'))).toBe(false);
    expect(report.findings.some((f) => f.severity === 'error' && f.rule.startsWith('punct.'))).toBe(true);
    expect(report.openErrors).toBeGreaterThan(0);

    // Open errors refuse the export; a reporter may not override them; nothing is written.
    expect((await zhao.refused('pages.export', { name: PAGE, date: DATE })).key).toBe('error.exportBlocked');
    const reporterOverride = await zhou.refused('pages.export', {
      name: PAGE,
      date: DATE,
      force: true,
      reason: '记者想越过',
    });
    expect(reporterOverride.key).toBe('error.overrideNotEditor');
    expect(existsSync(join(zhao.dir, 'exports', `${PAGE}-${DATE}`))).toBe(false);
    expect(existsSync(join(zhou.dir, 'exports', `${PAGE}-${DATE}`))).toBe(false);

    // The editor's override: the package on this desk's disk, the record on the server's plan.
    const reason = '逗号为读者来信原文，终审同意照登';
    const result = await zhao.call<PageExportResult>('pages.export', {
      name: PAGE,
      date: DATE,
      force: true,
      reason,
    });
    expect(result.folder).toBe(join(zhao.dir, 'exports', `${PAGE}-${DATE}`));
    expect(result.override).toMatchObject({ by: '赵终审', reason });
    const files = await readdir(result.folder);
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'preflight.json', 'images']));
    // The photo came from the newsroom into this desk for the package, byte for byte.
    const images = await readdir(join(result.folder, 'images'));
    expect(images).toHaveLength(1);
    expect((await readFile(join(result.folder, 'images', images[0]!))).equals(png)).toBe(true);
    const manifest = JSON.parse(await readFile(join(result.folder, 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest)).toContain(lead.headline);
    expect(manifest.override.reason).toBe(reason);
    const progress = await zhao.call<{ running: boolean; steps: unknown[] }>('pages.exportProgress', {
      name: PAGE,
      date: DATE,
    });
    expect(progress.running).toBe(false);
    expect(progress.steps.length).toBeGreaterThan(0);
    expect(await zhao.call('pages.openFolder', { folder: result.folder })).toEqual({
      opened: false,
      folder: result.folder,
    });
    const exported = await wang.call<PagePlan>('pages.get', { name: PAGE, date: DATE });
    expect(exported.rev).toBe(3);
    expect(exported.exported).toMatchObject({ by: '赵终审', folder: result.folder, overrideReason: reason });
    const exportAudit = await nr.pool.query<{ actor_id: string; detail: Record<string, unknown> }>(
      `select actor_id, detail from audit where action = 'page-exported'`,
    );
    expect(exportAudit.rows).toEqual([
      {
        actor_id: 'zhao',
        detail: {
          page: PAGE,
          date: DATE,
          revision: 3,
          stories: [lead.id, second.id],
          folder: result.folder,
          overrideReason: reason,
          files: result.files.length,
          openErrors: report.openErrors,
          rules: expect.arrayContaining(['punct.halfwidth']) as string[],
        },
      },
    ]);

    // Publishing: each story to layout through the server's workflow; the desk's archive holds them.
    const reporterPublish = await sun.refused('pages.publish', { name: PAGE, date: DATE });
    expect(reporterPublish.key).toBe('error.publishNotEditor');
    const published = await zhao.call<PagePublishResult>('pages.publish', { name: PAGE, date: DATE });
    expect(published).toMatchObject({ added: 2, already: false });
    const archiveIds = [lead.id, second.id].map((id) => `${DATE}/${PAGE}/${id}`);
    expect(published.published.archiveIds).toEqual(archiveIds);
    for (const id of [lead.id, second.id])
      expect((await wang.call<Story>('stories.get', { id })).status).toBe('laid-out');
    const layout = await nr.pool.query<{ story_id: string; actor_id: string }>(
      `select story_id, actor_id from audit where action = 'layout' order by seq`,
    );
    expect(layout.rows).toEqual([
      { story_id: lead.id, actor_id: 'zhao' },
      { story_id: second.id, actor_id: 'zhao' },
    ]);
    const archive = await ArchiveStore.open(archiveDirOf(zhao.dir));
    expect(archive.index.stories.map((s) => s.id).sort()).toEqual([...archiveIds].sort());

    // Another desk sees the plan published; a second publication changes nothing.
    const seen = await wang.call<PagePlan>('pages.get', { name: PAGE, date: DATE });
    expect(seen.published).toMatchObject({ by: '赵终审', archiveIds });
    const listed = await li.call<PageListItem[]>('pages.list');
    expect(listed).toEqual([
      expect.objectContaining({ name: PAGE, date: DATE, rev: 4, publishedAt: seen.published!.at }),
    ]);
    expect(await zhao.call('pages.publish', { name: PAGE, date: DATE })).toMatchObject({
      already: true,
      added: 0,
    });
    const publishAudit = await nr.pool.query(`select detail from audit where action = 'page-published'`);
    expect(publishAudit.rows).toEqual([
      {
        detail: { page: PAGE, date: DATE, revision: 4, stories: [lead.id, second.id], archiveIds, added: 2 },
      },
    ]);

    // The page's record (审稿记录 on the 版面 screen) and each story's show the override, the export and the publication.
    const pageTrail = await li.call<AuditEntry[]>('review.audit', { page: PAGE });
    const pageEvents = pageTrail.filter((e) => e.storyId === null);
    expect(pageEvents.map((e) => [e.kind, e.userId, e.page, e.from, e.to])).toEqual([
      ['override', 'zhao', PAGE, null, null],
      ['export', 'zhao', PAGE, null, null],
      ['layout', 'zhao', PAGE, 'exported', 'published'],
    ]);
    expect(pageEvents[0]!.detail).toContain(reason);
    expect(pageEvents[0]!.detail).toContain(`${report.openErrors} 个未解决错误`);
    expect(pageEvents[1]!.detail).toContain(result.folder);
    expect(pageEvents[2]!.detail).toContain('新增 2 篇');
    const storyTrail = await zhou.call<AuditEntry[]>('review.audit', { id: lead.id });
    expect(storyTrail.map((e) => e.kind)).toEqual([
      'create',
      'submit',
      'sign',
      'sign',
      'sign',
      'override',
      'export',
      'layout',
      'layout',
    ]);
    const c = await nr.pool.connect();
    try {
      expect((await verifyNewsroom(c)).firstProblem).toBeNull();
    } finally {
      c.release();
    }
  });

  it('the server keeps a record only for an editor, on the current revision, and a publication only after an export', async () => {
    const editor = await TestDesk.signIn(nr.url, 'qian', await nr.person('qian', '钱初审', ['first-editor']));
    const reporter = await TestDesk.signIn(nr.url, 'feng', await nr.person('feng', '冯记者', ['reporter']));
    const content: PagePlanContent = { name: 'B7', date: DATE, edition: '', slots: [], jumps: [] };
    const at = new Date().toISOString();
    const exported = { at, by: '钱初审', folder: '/exports/B7', overrideReason: null };
    const plan = await editor.call<PagePlan>('pages.save', { baseRev: null, content });
    const published = { published: { at, by: '钱初审', archiveIds: [] } };
    expect(
      (await refusal(editor.call('pages.save', { baseRev: plan.rev, content, record: published }))).key,
    ).toBe('error.publishNotExported');
    expect(
      (await refusal(reporter.call('pages.save', { baseRev: plan.rev, content, record: { exported } }))).key,
    ).toBe('error.pageEditorOnly');
    expect(
      (await refusal(editor.call('pages.save', { baseRev: plan.rev + 1, content, record: { exported } })))
        .key,
    ).toBe('error.pageConflict');
    // A record with anything else in it is not a record.
    expect(
      (
        await refusal(
          editor.call('pages.save', { baseRev: plan.rev, content, record: { exported, published } }),
        )
      ).key,
    ).toBe('error.invalidInput');
    const marked = await editor.call<PagePlan>('pages.save', {
      baseRev: plan.rev,
      content,
      record: { exported },
    });
    expect(marked).toMatchObject({ rev: plan.rev + 1, exported, published: null });
    // A later save of the content keeps the record.
    const edited = await editor.call<PagePlan>('pages.save', {
      baseRev: marked.rev,
      content: { ...content, edition: '党建周刊' },
    });
    expect(edited).toMatchObject({ edition: '党建周刊', exported });
  });
});
