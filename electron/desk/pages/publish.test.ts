// Publishing a page (pages.publish, issues 7 and 8): only an editor, only an exported
// page; its stories go into the archive (and so the duplicate index) and to layout, the
// page's audit trail says so, a second call changes nothing; a published story is never
// its own archive twin. And pages.openFolder opens only export package folders.
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ArchiveStore, archiveDirOf } from '../archive/archive-store';
import { openDeskServices, type DeskServices } from '../services';
import { tempDataDir } from '../storage/fixtures/test-data';
import { DATE, PAGE, seedApprovedPage } from '../export/testing/approved-page';
import { pageService } from './page-handlers';

let dir: string;
let cleanup: () => Promise<void>;
let services: DeskServices;
let editor: boolean;
let archive: Promise<ArchiveStore>;
const sendToLayout = vi.fn(async (_id: string, _rev: number) => undefined);
const openPath = vi.fn(async (_folder: string) => '');

function service(opts: { openPath?: boolean } = {}) {
  return pageService({
    store: services.store,
    dataDir: dir,
    who: () => '赵终审',
    actorId: () => 'zhao-qiang',
    canOverride: () => editor,
    audit: services.review.audit,
    archive: () => archive,
    sendToLayout,
    openPath: opts.openPath ? openPath : undefined,
  });
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir('publish'));
  services = await openDeskServices({ dataDir: dir, transport: 'http', demo: false });
  await seedApprovedPage(services.store, dir);
  archive = ArchiveStore.open(archiveDirOf(dir));
  editor = true;
  sendToLayout.mockClear();
  openPath.mockClear();
});

afterEach(async () => {
  await services.close();
  await cleanup();
});

describe('pages.publish', () => {
  it('refuses a page that was never exported, and anyone who is not an editor', async () => {
    const pages = service();
    await expect(pages.handlers['pages.publish']({ name: PAGE, date: DATE })).rejects.toMatchObject({
      key: 'error.publishNotExported',
    });
    editor = false;
    await expect(pages.handlers['pages.publish']({ name: PAGE, date: DATE })).rejects.toMatchObject({
      key: 'error.publishNotEditor',
    });
    expect((await archive).index.storyCount).toBe(0);
  });

  it('archives the exported page once, sends its stories to layout and records it', async () => {
    const pages = service();
    const exported = await pages.handlers['pages.export']({
      name: PAGE,
      date: DATE,
      out: join(dir, 'exports', 'out'),
    });
    const plan = await pages.handlers['pages.get']({ name: PAGE, date: DATE });
    expect(plan.exported).toMatchObject({ by: '赵终审', folder: exported.folder, overrideReason: null });

    const first = await pages.handlers['pages.publish']({ name: PAGE, date: DATE });
    const ids = plan.slots.map((s) => `${DATE}/${PAGE}/${s.storyId}`);
    expect(first).toMatchObject({ already: false, added: plan.slots.length, published: { archiveIds: ids } });
    expect((await archive).index.stories.map((s) => s.id)).toEqual(ids);
    expect(sendToLayout.mock.calls.map(([id]) => id)).toEqual(plan.slots.map((s) => s.storyId));
    const audit = await services.review.audit.forPage(PAGE);
    expect(
      audit.filter((e) => e.kind === 'layout' && e.detail.startsWith(`${PAGE} 版 ${DATE} 发布`)),
    ).toHaveLength(1);
    expect((await pages.handlers['pages.list']({}))[0]).toMatchObject({ publishedAt: first.published.at });

    const again = await pages.handlers['pages.publish']({ name: PAGE, date: DATE });
    expect(again).toEqual({ already: true, added: 0, published: first.published });
    expect((await archive).index.storyCount).toBe(plan.slots.length);
    expect(sendToLayout).toHaveBeenCalledTimes(plan.slots.length);

    // Its stories are in the duplicate index now, but never their own twins there.
    const report = await pages.handlers['pages.preflight']({ name: PAGE, date: DATE });
    expect(report.findings.filter((f) => f.rule === 'duplicate.archive')).toEqual([]);
  });
});

describe('pages.openFolder', () => {
  it('opens the package folder it exported, in the app only, and nothing else', async () => {
    const exported = await service().handlers['pages.export']({ name: PAGE, date: DATE });
    expect(exported.folder.startsWith(join(dir, 'exports'))).toBe(true);
    await expect(service().handlers['pages.openFolder']({ folder: exported.folder })).resolves.toMatchObject({
      opened: false,
    });
    const app = service({ openPath: true });
    await expect(app.handlers['pages.openFolder']({ folder: exported.folder })).resolves.toMatchObject({
      opened: true,
    });
    expect(openPath).toHaveBeenCalledTimes(1);
    for (const folder of [dir, join(dir, 'stories'), join(dir, 'exports', '..', 'pages'), '/etc']) {
      await expect(app.handlers['pages.openFolder']({ folder })).rejects.toMatchObject({
        key: 'error.folderNotExport',
      });
    }
    expect(openPath).toHaveBeenCalledTimes(1);
  });
});
