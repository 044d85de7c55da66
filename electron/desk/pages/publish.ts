/**
 * Publishing a page (issues 7 and 8): after its export, the page's stories go into the
 * data folder's archive (and so into the duplicate index the checks compare drafts
 * with) and, where still approved, to layout (laid-out) through the review workflow.
 * Idempotent: a page already published is reported as such, stories already in the
 * archive are not added twice, and a publication cut short (a crash, a refused layout
 * step) is finished by calling again. Only the plan's `published` record says "done".
 */
import { publishDetail } from '../../../shared/review/audit';
import { DeskError } from '../../../shared/api/errors';
import { archiveStoryId } from '../../../shared/archive-search/archive-id';
import type { Story } from '../../../shared/model';
import type { PagePlan, PagePublishRecord, PagePublishResult } from '../../../shared/model/page';
import { archiveEntryOf, type ArchiveStore } from '../archive/archive-store';

/** The archive id of a desk story published on a page: "2026-11-22/B6/<story id>". */
export function publishedArchiveId(plan: Pick<PagePlan, 'name' | 'date'>, storyId: string): string {
  return archiveStoryId(plan.date, plan.name, storyId);
}

/** The archive ids of a desk story's own published copies, so a check never calls them its twin. */
export function ownArchiveIds(archive: ArchiveStore, storyId: string): string[] {
  const suffix = `/${storyId}`;
  return archive.index.stories.filter((s) => s.id.endsWith(suffix)).map((s) => s.id);
}

export type PublishInput = {
  plan: PagePlan;
  /** The plan's stories by id (missing or trashed ones absent). */
  stories: ReadonlyMap<string, Story>;
  archive: ArchiveStore;
  who: string;
  sendToLayout?: (id: string, baseRev: number) => Promise<unknown>;
  /** Records the publication on the plan; `added`: how many stories this call put into the archive. */
  markPublished: (record: PagePublishRecord, added: number) => Promise<unknown>;
  /** Records the publication in the page's audit trail. */
  audit?: (detail: string, at: string) => Promise<void>;
  now?: Date;
};

export async function publishPage(input: PublishInput): Promise<PagePublishResult> {
  const { plan } = input;
  if (plan.published) return { published: plan.published, added: 0, already: true };
  if (!plan.exported) {
    throw new DeskError(
      'conflict',
      'error.publishNotExported',
      { page: plan.name, date: plan.date },
      `Page ${plan.name} (${plan.date}) has not been exported yet; export it first. Nothing was published.`,
    );
  }
  const placed = plan.slots.flatMap((slot) => {
    const story = slot.storyId ? input.stories.get(slot.storyId) : undefined;
    return story && !story.deletedAt ? [story] : [];
  });
  const known = new Set(input.archive.index.stories.map((s) => s.id));
  const ids = placed.map((story) => publishedArchiveId(plan, story.id));
  const fresh = placed
    .filter((story) => !known.has(publishedArchiveId(plan, story.id)))
    .map((story) => archiveEntryOf(publishedArchiveId(plan, story.id), story, plan.date));
  await input.archive.add(fresh);
  for (const story of placed) {
    if (story.status === 'approved') await input.sendToLayout?.(story.id, story.rev);
  }
  const at = (input.now ?? new Date()).toISOString();
  const published: PagePublishRecord = { at, by: input.who, archiveIds: ids };
  await input.markPublished(published, fresh.length);
  await input.audit?.(
    publishDetail({ page: plan.name, date: plan.date, stories: placed.length, added: fresh.length }),
    at,
  );
  return { published, added: fresh.length, already: false };
}
