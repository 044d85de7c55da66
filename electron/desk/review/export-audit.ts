/**
 * Exports in the audit trail (issue 6: "every status change, signature, lock
 * take-over, override and export"). The export service records an override on the
 * page only (electron/desk/pages/page-handlers.ts); this wraps `pages.export` so a
 * finished export is recorded on the page and on each story it carried (with the
 * revision that went out), and an override is repeated on each story's own trail,
 * where an inspector looking at one story will look for it.
 */
import type { DeskHandlers } from '../../../shared/api';
import type { PagePlan } from '../../../shared/model/page';
import type { Story } from '../../../shared/model';
import { exportDetail, overrideDetail } from '../../../shared/review/audit';
import type { AuditLog } from './audit-log';

type ExportHandler = DeskHandlers['pages.export'];

export type ExportAuditDeps = {
  audit: AuditLog;
  planOf: (name: string, date: string) => Promise<PagePlan>;
  story: (id: string) => Promise<Story>;
  /** The person exporting: profile id ('' when nobody is picked) and recorded name. */
  actor: () => { id: string; name: string };
  now: () => Date;
};

export function auditedExport(exportPage: ExportHandler, deps: ExportAuditDeps): ExportHandler {
  return async (input) => {
    const result = await exportPage(input);
    const plan = await deps.planOf(input.name, input.date);
    const stories: Array<{ id: string; rev: number | null }> = [];
    for (const slot of plan.slots) {
      if (!slot.storyId) continue;
      try {
        const story = await deps.story(slot.storyId);
        stories.push({ id: story.id, rev: story.contentRev ?? story.rev });
      } catch {
        // A slot naming a story that is gone: the export skipped it too.
      }
    }
    const { id, name } = deps.actor();
    const base = {
      at: deps.now().toISOString(),
      storyId: null,
      page: input.name,
      userId: id,
      name,
      rev: null,
      level: null,
      from: null,
      to: null,
    };
    const where = result.zip ?? result.folder;
    // The override came first (the gate), then the package: each story's trail reads in that order.
    if (result.override) {
      const o = result.override;
      await deps.audit.recordForPage(
        {
          ...base,
          kind: 'override',
          at: o.at,
          detail: overrideDetail({
            page: input.name,
            date: input.date,
            openErrors: o.openErrors,
            reason: o.reason,
          }),
        },
        stories,
        { pageLine: false },
      );
    }
    await deps.audit.recordForPage(
      {
        ...base,
        kind: 'export',
        detail: exportDetail({ page: input.name, date: input.date, where, files: result.files.length }),
      },
      stories,
    );
    return result;
  };
}
