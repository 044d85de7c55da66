/**
 * The pages.* methods of the desk API (issue 7), on top of the story store, the page
 * plans (PageStore), the archive and the export. services.ts spreads these into its
 * handlers; the CLI's `desk export` calls the same functions.
 */
import { join } from 'node:path';

import type { DeskHandlers } from '../../../shared/api';
import type { Story } from '../../../shared/model';
import type { PageExportResult, PagePlan } from '../../../shared/model/page';
import { DeskError } from '../../../shared/api/errors';
import { ArchiveStore, archiveDirOf } from '../archive/archive-store';
import { recordExportOverrideInAuditTrail } from '../export/audit';
import type { AuditLog } from '../review/audit-log';
import type { DeskStore } from '../storage/desk-store';
import { dataLayout } from '../storage/data-layout';
import { loadCopyContext } from '../terms/copy-context';
import type { PdfRenderer } from '../export/chromium-pdf';
import { exportPage, type ExportProgress } from '../export/export-page';
import { PageStore } from './page-store';
import { preflightPage, type PagePreflight } from './preflight';

export type PageDeps = {
  store: DeskStore;
  dataDir: string;
  who: () => string;
  /** Renders proof.pdf: Electron's printToPDF in the app, headless Chromium in the CLI/host; absent: no proof. */
  renderPdf?: () => PdfRenderer | null;
  /** The review module's audit trail; absent: overrides go to audit/export-overrides.ndjson. */
  audit?: AuditLog;
  /** Whether the person at the desk may override open errors (an editor role); absent: yes (the CLI). */
  canOverride?: () => boolean;
};

export type PageHandlers = Pick<
  DeskHandlers,
  'pages.list' | 'pages.get' | 'pages.save' | 'pages.preflight' | 'pages.export'
>;

export function pageService(deps: PageDeps) {
  const pages = new PageStore(deps.dataDir);
  let archive: Promise<ArchiveStore> | null = null;
  const archiveStore = () =>
    (archive ??= ArchiveStore.open(archiveDirOf(deps.dataDir)).catch((err: unknown) => {
      archive = null;
      throw err;
    }));

  async function storiesOf(plan: PagePlan): Promise<Map<string, Story>> {
    const out = new Map<string, Story>();
    const known = new Set(deps.store.list().map((s) => s.id));
    for (const slot of plan.slots) {
      if (!slot.storyId || !known.has(slot.storyId)) continue;
      out.set(slot.storyId, await deps.store.get(slot.storyId));
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
    const report = preflightPage({ plan, stories, archive: await archiveStore() });
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
    if (input.force && deps.canOverride && !deps.canOverride()) {
      throw new DeskError(
        'invalid-input',
        'error.overrideNotEditor',
        { page: input.name },
        'Only an editor (初审, 复审 or 终审) may export a page over open errors. Nothing was exported.',
      );
    }
    const { plan, stories, report } = await preflight(input.name, input.date);
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
        if (!deps.audit) return recordExportOverrideInAuditTrail(deps.dataDir, entry);
        await deps.audit.record({
          at: entry.at,
          kind: 'override',
          storyId: null,
          page: entry.page,
          userId: entry.by,
          name: entry.by,
          rev: null,
          level: null,
          from: null,
          to: null,
          detail: `export ${entry.page} ${entry.date} over ${entry.openErrors} open error(s) (${Object.keys(entry.rules).join(', ')}): ${entry.reason}`,
        });
        return 'audit/pages';
      },
      onProgress: (p) => {
        progress.push(p);
        input.onProgress?.(p);
      },
    });
    return {
      folder: result.folder,
      zip: result.zip,
      files: result.files,
      override: result.override,
      progress,
      ms: performance.now() - t0,
    };
  }

  const handlers: PageHandlers = {
    'pages.list': async () => pages.list(),
    'pages.get': async ({ name, date }) => pages.get(name, date),
    'pages.save': async ({ baseRev, content }) => pages.save(content, baseRev, deps.who()),
    'pages.preflight': async ({ name, date }) => (await preflight(name, date)).report,
    'pages.export': async (input) => exportTo(input),
  };
  return { pages, preflight, exportTo, handlers };
}
