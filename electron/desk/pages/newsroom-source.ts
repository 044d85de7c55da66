/**
 * The page service's source on a desk signed in to the newsroom (issue 17): the newsroom's
 * stories (stories.list, stories.get) and page plans (pages.list/get/save), read and written
 * through the connection's remote handlers (the same calls a window's requests go out as), so
 * the desk preflights, exports and publishes the newsroom's pages with the code it uses for its
 * own data folder (page-handlers.ts). An export or a publication is recorded on the server's
 * plan with pages.save's `record` (the server audits it, electron/server/store/pages.ts).
 */
import type { DeskHandlers } from '../../../shared/api';
import { DeskError, invalidInput } from '../../../shared/api/errors';
import { StoryQuerySchema } from '../../../shared/model';
import type { PagePlan } from '../../../shared/model/page';
import type { PagePlans, PageSource } from './page-handlers';

/** The server's handlers the source calls (newsroom/connection.ts builds them). */
export type NewsroomPageCalls = Pick<
  DeskHandlers,
  'stories.list' | 'stories.get' | 'pages.list' | 'pages.get' | 'pages.save'
>;

export function newsroomPageSource(remote: NewsroomPageCalls): PageSource {
  const plans: PagePlans = {
    list: () => remote['pages.list']({}),
    get: (name, date) => remote['pages.get']({ name, date }),
    save: (content, baseRev) => remote['pages.save']({ baseRev, content }),
    // On the revision just read: a plan changed meanwhile refuses the record (error.pageConflict), never overwrites.
    mark: async (name, date, patch, _by, facts = {}) => {
      const { files, openErrors, rules, added } = facts;
      const record =
        'exported' in patch && patch.exported
          ? { exported: patch.exported, files, openErrors, rules }
          : 'published' in patch && patch.published
            ? { published: patch.published, added }
            : null;
      if (!record) throw invalidInput('pages.save', 'an export or a publication to record');
      const plan = await remote['pages.get']({ name, date });
      return remote['pages.save']({ baseRev: plan.rev, content: contentOfPlan(plan), record });
    },
  };
  return {
    // In the order the newsroom's list holds them by slot; filedAmong orders them as on a desk.
    summaries: async (page) =>
      (await remote['stories.list'](StoryQuerySchema.parse({ page, sort: 'page-slot' }))).items,
    story: async (id) => {
      try {
        return await remote['stories.get']({ id });
      } catch (err) {
        // Gone, or not one the person may read: the preflight's page.story-missing says so.
        if (err instanceof DeskError && err.code === 'not-found') return null;
        throw err;
      }
    },
    plans,
  };
}

function contentOfPlan(plan: PagePlan) {
  return { name: plan.name, date: plan.date, edition: plan.edition, slots: plan.slots, jumps: plan.jumps };
}
