/**
 * The pages.* methods of the desk API (issue 7), on top of a source of stories and page
 * plans (the data folder's: DeskStore and PageStore; or the newsroom's, issue 17:
 * newsroom-source.ts), the desk's archive and the export. services.ts spreads these into
 * its handlers, and routes a second instance over the newsroom's source while the desk is
 * signed in; the CLI's `desk export` calls the same functions.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { DeskHandlers } from '../../../shared/api';
import type { Story, StorySummary } from '../../../shared/model';
import type { PageExportProgress, PageExportResult, PagePlan } from '../../../shared/model/page';
import { pageKey } from '../../../shared/model/page';
import { DeskError } from '../../../shared/api/errors';
import { ArchiveStore, archiveDirOf } from '../archive/archive-store';
import { isInside } from '../export/inside-folder';
import { overrideDetail } from '../../../shared/review/audit';
import type { AuditLog } from '../review/audit-log';
import type { DeskStore } from '../storage/desk-store';
import { dataLayout } from '../storage/data-layout';
import { loadCopyContext } from '../terms/copy-context';
import type { PdfRenderer } from '../export/pdf-renderer';
import { exportPage, type ExportProgress } from '../export/export-page';
import { PageStore } from './page-store';
import { preflightPage, type PagePreflight } from './preflight';
import { ownArchiveIds, publishPage } from './publish';

/** What the record of an export or a publication tells the newsroom's audit besides the record itself. */
export type RecordFacts = { files?: number; openErrors?: number; rules?: string[]; added?: number };

/** Where page plans are kept: the data folder's PageStore, or the newsroom's plans (newsroom-source.ts). */
export type PagePlans = Pick<PageStore, 'list' | 'get' | 'save'> & {
  /** Records an export or a publication on the plan (PageStore.mark); `facts` for the newsroom's audit. */
  mark(
    name: string,
    date: string,
    patch: Pick<PagePlan, 'exported'> | Pick<PagePlan, 'published'>,
    by: string,
    facts?: RecordFacts,
  ): Promise<PagePlan>;
};

/**
 * Where the page service reads its stories and keeps its plans. The data folder's
 * (`localPageSource`) or the newsroom's while the desk is signed in (newsroom-source.ts):
 * the same preflight, export and publish run over either.
 */
export type PageSource = {
  /** The stories that may be filed for `page` (all the data folder's, or the newsroom's on that page), in filed order. */
  summaries(page: string): Promise<StorySummary[]>;
  /** A story by id; null when there is none (purged, or not one the person may read). */
  story(id: string): Promise<Story | null>;
  plans: PagePlans;
};

/** The data folder's stories (DeskStore) and plans (PageStore). */
export function localPageSource(store: Pick<DeskStore, 'list' | 'get'>, dataDir: string): PageSource {
  const plans = new PageStore(dataDir);
  return {
    summaries: async () => store.list(),
    story: async (id) => (store.list().some((s) => s.id === id) ? store.get(id) : null),
    plans: {
      list: () => plans.list(),
      get: (name, date) => plans.get(name, date),
      save: (content, baseRev, by) => plans.save(content, baseRev, by),
      // The data folder's own audit trail has the export and the publication already (services.ts).
      mark: (name, date, patch, by) => plans.mark(name, date, patch, by),
    },
  };
}

export type PageDeps = {
  store: DeskStore;
  dataDir: string;
  /** The stories and plans the service works on; absent: the data folder's (`store` and its PageStore). */
  source?: PageSource;
  who: () => string;
  /** Renders proof.pdf: Electron's printToPDF in the app, headless Chromium in the CLI/host; absent: no proof. */
  renderPdf?: () => PdfRenderer | null;
  /** The review module's audit trail: overrides land on the page's record (exports: review/export-audit.ts). */
  audit: AuditLog;
  /** Whether the person at the desk may override open errors and publish (an editor role); absent: yes (the CLI). */
  canOverride?: () => boolean;
  /** The profile id of the person at the desk, for audit entries; absent: `who()`. */
  actorId?: () => string;
  /** The data folder's archive, shared with the desk's other services; absent: opened here on first use. */
  archive?: () => Promise<ArchiveStore>;
  /** Sends an approved story to layout (the review workflow's 'layout' action, audited there); absent: skipped. */
  sendToLayout?: (id: string, baseRev: number) => Promise<unknown>;
  /** Opens a folder in the file manager (Electron's shell.openPath in the app); absent: pages.openFolder says so. */
  openPath?: (folder: string) => Promise<string>;
  /**
   * Brings a photo the stories show into the data folder's photos before an export reads it (a
   * connected desk fetches one it lacks from the newsroom); absent: the photos are the folder's.
   */
  bringPhoto?: (file: string) => Promise<unknown>;
};

export type PageHandlers = Pick<
  DeskHandlers,
  | 'pages.list'
  | 'pages.get'
  | 'pages.save'
  | 'pages.preflight'
  | 'pages.export'
  | 'pages.exportProgress'
  | 'pages.openFolder'
  | 'pages.publish'
>;

/**
 * The stories filed for a page: their own page field names it, not in the trash and not
 * laid out on a page already; in their slot order (a story without a slot after those
 * with one), then in the order the desk's list holds them (the order they were filed).
 */
export function filedFor(store: Pick<DeskStore, 'list'>, page: string): StorySummary[] {
  return filedAmong(store.list(), page);
}

/** filedFor over a list of summaries held in filed order (the desk's list, or the newsroom's). */
export function filedAmong(summaries: readonly StorySummary[], page: string): StorySummary[] {
  return summaries
    .filter((s) => s.page === page && !s.deletedAt && s.status !== 'laid-out')
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.slot ?? Infinity) - (b.s.slot ?? Infinity) || a.i - b.i)
    .map(({ s }) => s);
}

const notEditor = (action: string, page: string) =>
  new DeskError(
    'invalid-input',
    action === 'publish' ? 'error.publishNotEditor' : 'error.overrideNotEditor',
    { page },
    action === 'publish'
      ? 'Only an editor (初审, 复审 or 终审) may publish a page. Nothing was published.'
      : 'Only an editor (初审, 复审 or 终审) may export a page over open errors. Nothing was exported.',
  );

export function pageService(deps: PageDeps) {
  const source = deps.source ?? localPageSource(deps.store, deps.dataDir);
  const pages = source.plans;
  let archive: Promise<ArchiveStore> | null = null;
  const archiveStore =
    deps.archive ??
    (() =>
      (archive ??= ArchiveStore.open(archiveDirOf(deps.dataDir)).catch((err: unknown) => {
        archive = null;
        throw err;
      })));
  const actorId = () => deps.actorId?.() ?? deps.who();
  /** Each page's running or last export, by page key (pages.exportProgress). */
  const running = new Map<string, PageExportProgress>();
  /** Folders this desk exported to (pages.openFolder opens only these and exports/). */
  const exportedFolders = new Set<string>();

  async function storiesOf(plan: PagePlan): Promise<Map<string, Story>> {
    const out = new Map<string, Story>();
    for (const slot of plan.slots) {
      if (!slot.storyId) continue;
      const story = await source.story(slot.storyId);
      if (story) out.set(slot.storyId, story);
    }
    return out;
  }

  async function preflight(
    name: string,
    date: string,
  ): Promise<{ plan: PagePlan; stories: Map<string, Story>; report: PagePreflight }> {
    const plan = await pages.get(name, date);
    const stories = await storiesOf(plan);
    await loadCopyContext({ dataDir: deps.dataDir });
    const filed = filedAmong(await source.summaries(plan.name), plan.name);
    const report = preflightPage({ plan, stories, archive: await archiveStore(), ownArchiveIds, filed });
    return { plan, stories, report };
  }

  async function exportTo(input: {
    name: string;
    date: string;
    out?: string;
    force?: boolean;
    reason?: string;
    zip?: boolean;
    onProgress?: (p: ExportProgress) => void;
  }): Promise<PageExportResult> {
    const t0 = performance.now();
    if (input.force && deps.canOverride && !deps.canOverride()) throw notEditor('export', input.name);
    const key = pageKey(input.name, input.date);
    if (running.get(key)?.running) {
      throw new DeskError(
        'conflict',
        'error.exportRunning',
        { page: input.name, date: input.date },
        `Page ${input.name} (${input.date}) is being exported already; wait for it to finish.`,
      );
    }
    const state: PageExportProgress = { running: true, startedAt: new Date().toISOString(), steps: [] };
    running.set(key, state);
    try {
      return await exportRun(input, state, t0);
    } finally {
      state.running = false;
    }
  }

  async function exportRun(
    input: Parameters<typeof exportTo>[0],
    state: PageExportProgress,
    t0: number,
  ): Promise<PageExportResult> {
    const { plan, stories, report } = await preflight(input.name, input.date);
    state.steps.push({ step: 'preflight', done: 0, total: 0 });
    if (deps.bringPhoto) {
      const files = new Set([...stories.values()].flatMap((s) => s.photos.map((p) => p.file)));
      // One the desk cannot bring is named by the export's own error.exportPhotoMissing.
      for (const file of files) await deps.bringPhoto(file).catch(() => undefined);
    }
    const progress: ExportProgress[] = [];
    const result = await exportPage({
      plan,
      stories,
      report,
      photosDir: dataLayout(deps.dataDir).photos,
      outDir: input.out ?? join(deps.dataDir, 'exports'),
      user: deps.who(),
      force: input.force,
      reason: input.reason,
      zip: input.zip,
      pdf: deps.renderPdf?.() ?? null,
      audit: async (entry) => {
        await deps.audit.record({
          at: entry.at,
          kind: 'override',
          storyId: null,
          page: entry.page,
          userId: actorId(),
          name: entry.by,
          rev: null,
          level: null,
          from: null,
          to: null,
          detail: overrideDetail({ ...entry, rules: Object.keys(entry.rules) }),
        });
        return 'audit/pages';
      },
      onProgress: (p) => {
        progress.push(p);
        state.steps.push(p);
        input.onProgress?.(p);
      },
    });
    exportedFolders.add(resolve(result.folder));
    // The export itself goes into the audit trail in review/export-audit.ts (page and stories).
    const at = new Date().toISOString();
    // The package is in place whatever happens here; only "publish" needs the record.
    await pages
      .mark(
        plan.name,
        plan.date,
        {
          exported: {
            at,
            by: deps.who(),
            folder: result.folder,
            overrideReason: result.override?.reason ?? null,
          },
        },
        deps.who(),
        {
          files: result.files.length,
          openErrors: report.openErrors,
          rules: [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule))],
        },
      )
      .catch((err: unknown) =>
        console.warn(`[desk] the export of ${plan.name} ${plan.date} was not recorded on its plan:`, err),
      );
    return {
      folder: result.folder,
      zip: result.zip,
      files: result.files,
      override: result.override,
      progress,
      ms: performance.now() - t0,
    };
  }

  /**
   * The `out` of a `pages.export` request (any transport): only the data folder's exports/
   * or a folder inside it (issue 16: a request must not write a package where it likes;
   * the CLI, run by the person, passes its --out to exportTo directly). Relative to exports/.
   */
  async function requestedOut(out: string | undefined): Promise<string | undefined> {
    if (out === undefined) return undefined;
    const exportsDir = join(deps.dataDir, 'exports');
    const wanted = resolve(exportsDir, out);
    const refuse = () =>
      new DeskError(
        'invalid-input',
        'error.exportOutside',
        { folder: out },
        `${out} is outside the data folder's exports/; nothing was exported.`,
      );
    if (!isInside(exportsDir, wanted)) throw refuse();
    // A link inside exports/ must not lead out of it either.
    await mkdir(exportsDir, { recursive: true });
    const realExports = await realpath(exportsDir);
    const realWanted = await realpath(wanted).catch(() => null);
    if (realWanted !== null && !isInside(realExports, realWanted)) throw refuse();
    return wanted;
  }

  /** Opens a package folder, only one under exports/ or one this desk exported to. */
  async function openFolder(folder: string): Promise<{ opened: boolean; folder: string }> {
    const refuse = () =>
      new DeskError(
        'invalid-input',
        'error.folderNotExport',
        { folder },
        `${folder} is not an export package folder of this desk; nothing was opened.`,
      );
    const wanted = resolve(folder);
    const real = await realpath(wanted).catch(() => null);
    if (!real || !(await stat(real)).isDirectory()) throw refuse();
    const exportsDir = await realpath(join(deps.dataDir, 'exports')).catch(() => null);
    const allowed =
      (exportsDir !== null && isInside(exportsDir, real)) ||
      exportedFolders.has(wanted) ||
      exportedFolders.has(real);
    if (!allowed) throw refuse();
    if (!deps.openPath) return { opened: false, folder: real };
    const failure = await deps.openPath(real);
    if (failure) {
      throw new DeskError(
        'internal',
        'error.openFolderFailed',
        { folder: real },
        `${real} could not be opened: ${failure}`,
      );
    }
    return { opened: true, folder: real };
  }

  async function publish(name: string, date: string) {
    if (deps.canOverride && !deps.canOverride()) throw notEditor('publish', name);
    const plan = await pages.get(name, date);
    return publishPage({
      plan,
      stories: await storiesOf(plan),
      archive: await archiveStore(),
      who: deps.who(),
      sendToLayout: deps.sendToLayout,
      markPublished: (published, added) => pages.mark(name, date, { published }, deps.who(), { added }),
      audit: (detail, at) =>
        deps.audit.record({
          at,
          kind: 'layout',
          storyId: null,
          page: name,
          userId: actorId(),
          name: deps.who(),
          rev: plan.rev,
          level: null,
          from: 'exported',
          to: 'published',
          detail,
        }),
    });
  }

  const handlers: PageHandlers = {
    'pages.list': async () => pages.list(),
    'pages.get': async ({ name, date }) => pages.get(name, date),
    // Only the plan's content: an export or publication is recorded by pages.export and pages.publish themselves.
    'pages.save': async ({ baseRev, content }) => pages.save(content, baseRev, deps.who()),
    'pages.preflight': async ({ name, date }) => {
      const { report } = await preflight(name, date);
      // An export is likely next: have the proof's browser and fonts ready for it.
      if (report.hardBlocks.length === 0) deps.renderPdf?.()?.warm?.();
      return report;
    },
    'pages.export': async (input) => exportTo({ ...input, out: await requestedOut(input.out) }),
    'pages.exportProgress': async ({ name, date }) =>
      running.get(pageKey(name, date)) ?? { running: false, startedAt: null, steps: [] },
    'pages.openFolder': async ({ folder }) => openFolder(folder),
    'pages.publish': async ({ name, date }) => publish(name, date),
  };
  return { pages, preflight, exportTo, publish, handlers };
}
