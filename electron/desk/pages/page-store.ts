/**
 * Page plans in the data folder: one durable JSON document per page,
 * pages/<name>-<date>.json (architecture.md, Storage: never one big file). Saves are
 * serialised, carry the revision they were based on (a stale one is refused, never a
 * lost update) and are written with writeFileDurable. A damaged file is never
 * overwritten: reading it fails with DamagedFileError naming the file.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DeskError, invalidInput } from '../../../shared/api/errors';
import {
  PagePlanContentSchema,
  PagePlanSchema,
  pageKey,
  type PagePlan,
  type PageListItem,
  type PagePlanContent,
} from '../../../shared/model/page';
import { isTempFileName, readJsonFile, writeFileDurable } from '../storage/durable-file';
import { SerialQueue } from '../storage/serial-queue';

export const PAGES_DIR = 'pages';
const PAGE_FILE = /^([A-Z]\d{1,2})-(\d{4}-\d{2}-\d{2})\.json$/;

export class PageStore {
  readonly dir: string;
  readonly #queue = new SerialQueue();

  constructor(dataDir: string) {
    this.dir = join(dataDir, PAGES_DIR);
  }

  #path(name: string, date: string): string {
    return join(this.dir, `${pageKey(name, date)}.json`);
  }

  /** Every page plan, newest date first. */
  async list(): Promise<PageListItem[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const items: PageListItem[] = [];
    for (const file of names) {
      if (isTempFileName(file) || !PAGE_FILE.test(file)) continue;
      const plan = await readJsonFile(join(this.dir, file), PagePlanSchema).catch(() => null);
      if (!plan) continue;
      items.push({
        name: plan.name,
        date: plan.date,
        edition: plan.edition,
        slots: plan.slots.length,
        filled: plan.slots.filter((s) => s.storyId).length,
        rev: plan.rev,
        updatedAt: plan.updatedAt,
        exportedAt: plan.exported?.at ?? null,
        publishedAt: plan.published?.at ?? null,
      });
    }
    return items.sort((a, b) =>
      a.date === b.date ? a.name.localeCompare(b.name) : a.date < b.date ? 1 : -1,
    );
  }

  /** @throws DeskError 'not-found' when there is no plan for the page and date. */
  async get(name: string, date: string): Promise<PagePlan> {
    const plan = await readJsonFile(this.#path(name, date), PagePlanSchema);
    if (!plan) {
      throw new DeskError(
        'not-found',
        'error.pageNotFound',
        { page: name, date },
        `There is no plan for page ${name} of ${date}.`,
      );
    }
    return plan;
  }

  /**
   * Creates (baseRev null) or replaces (baseRev = the current rev) a plan.
   * @throws DeskError 'conflict' when the plan changed since baseRev or already exists.
   */
  save(content: PagePlanContent, baseRev: number | null, by: string, now = new Date()): Promise<PagePlan> {
    const parsed = PagePlanContentSchema.safeParse(content);
    if (!parsed.success) return Promise.reject(invalidInput('pages.save', parsed.error.message));
    const ids = parsed.data.slots.flatMap((s) => (s.storyId ? [s.storyId] : []));
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) {
      return Promise.reject(
        new DeskError(
          'invalid-input',
          'error.pageStoryTwice',
          { id: twice, page: parsed.data.name },
          `Story ${twice} is in two slots of page ${parsed.data.name}: a story can fill only one slot of a page. The plan was not changed.`,
        ),
      );
    }
    return this.#queue.run(async () => {
      const { name, date } = parsed.data;
      const current = await readJsonFile(this.#path(name, date), PagePlanSchema);
      if ((current?.rev ?? null) !== baseRev) {
        throw new DeskError(
          'conflict',
          'error.pageConflict',
          { page: name, date, rev: current?.rev ?? 0 },
          `The plan of page ${name} (${date}) changed since revision ${baseRev ?? 'none'} (now ${current?.rev ?? 'none'}). ` +
            'Nothing was saved over it: reload the plan and apply your change again.',
        );
      }
      const plan: PagePlan = {
        ...parsed.data,
        schema: 1,
        rev: (current?.rev ?? 0) + 1,
        updatedAt: now.toISOString(),
        updatedBy: by,
        exported: current?.exported ?? null,
        published: current?.published ?? null,
      };
      await mkdir(this.dir, { recursive: true });
      await writeFileDurable(this.#path(name, date), `${JSON.stringify(plan, null, 2)}\n`);
      return plan;
    });
  }

  /**
   * Records an export or a publication on the plan (a new revision, so a copy elsewhere
   * sees the change); the content stays as it is.
   * @throws DeskError 'not-found' when there is no plan.
   */
  mark(
    name: string,
    date: string,
    patch: Pick<PagePlan, 'exported'> | Pick<PagePlan, 'published'>,
    by: string,
    now = new Date(),
  ): Promise<PagePlan> {
    return this.#queue.run(async () => {
      const current = await this.get(name, date);
      const plan: PagePlan = {
        ...current,
        ...patch,
        rev: current.rev + 1,
        updatedAt: now.toISOString(),
        updatedBy: by,
      };
      await writeFileDurable(this.#path(name, date), `${JSON.stringify(plan, null, 2)}\n`);
      return plan;
    });
  }
}
