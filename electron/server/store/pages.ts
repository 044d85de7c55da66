/**
 * Page plans on the newsroom server (issue 17): one row per page and date in page_plans, with the
 * desk's rules for a save (electron/desk/pages/page-store.ts): a plan is created with baseRev null
 * and replaced with the revision it was based on; a stale one is refused (error.pageConflict),
 * never a lost update; a story fills one slot of a page at most. The save locks the plan's row, so
 * two simultaneous saves on one revision queue and exactly one wins. Every save is an audit entry.
 *
 * Everyone signed in reads the plans (a plan names story ids, not their text); planning a page is
 * an editor's or an administrator's work.
 *
 * A desk signed in to the newsroom preflights, exports and publishes a page itself (the package is
 * written on that desk) and records the export or the publication on the plan here: a save with a
 * `record` of the revision it read, which changes only that record (`exported`, `published`), makes
 * a new revision (so every desk sees it) and is its own audit entry (`page-exported`,
 * `page-published`). A publication needs an export recorded first.
 */
import type pg from 'pg';

import { DeskError, invalidInput, type DeskParsedInput } from '../../../shared/api';
import {
  PagePlanContentSchema,
  PageExportRecordSchema,
  PagePublishRecordSchema,
  type PageListItem,
  type PagePlan,
  type PagePlanContent,
} from '../../../shared/model/page';
import { hasRole, isEditor } from '../../../shared/review/roles';
import { appendAudit } from './audit-chain';
import type { Actor } from './stories';
import { inTransaction } from './transaction';

type PlanRow = {
  name: string;
  date: string;
  revision: number;
  content: PagePlanContent;
  updated_at: Date;
  updated_by_name: string;
  exported: unknown;
  published: unknown;
};

const PLAN_SELECT = `
  select g.name, g.date, g.revision, g.content, g.updated_at, p.name as updated_by_name, g.exported, g.published
    from page_plans g join people p on p.id = g.updated_by`;

function toPlan(r: PlanRow): PagePlan {
  const exported = PageExportRecordSchema.safeParse(r.exported);
  const published = PagePublishRecordSchema.safeParse(r.published);
  return {
    ...r.content,
    name: r.name,
    date: r.date,
    schema: 1,
    rev: r.revision,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by_name,
    exported: exported.success ? exported.data : null,
    published: published.success ? published.data : null,
  };
}

/** The export or the publication a desk records on a plan (pages.save's `record`), with its facts for the audit. */
export type PlanRecord = NonNullable<DeskParsedInput<'pages.save'>['record']>;

const pageNotFound = (name: string, date: string) =>
  new DeskError(
    'not-found',
    'error.pageNotFound',
    { page: name, date },
    `There is no plan for page ${name} of ${date}.`,
  );

export class NewsroomPages {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, options: { now?: () => Date } = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
  }

  /** Every plan, newest date first (then by page name), as the desktop lists them. */
  async list(): Promise<PageListItem[]> {
    const { rows } = await this.#pool.query<PlanRow>(`${PLAN_SELECT} order by g.date desc, g.name`);
    return rows.map((r) => {
      const plan = toPlan(r);
      return {
        name: plan.name,
        date: plan.date,
        edition: plan.edition,
        slots: plan.slots.length,
        filled: plan.slots.filter((s) => s.storyId).length,
        rev: plan.rev,
        updatedAt: plan.updatedAt,
        exportedAt: plan.exported?.at ?? null,
        publishedAt: plan.published?.at ?? null,
      };
    });
  }

  async get(name: string, date: string): Promise<PagePlan> {
    const { rows } = await this.#pool.query<PlanRow>(`${PLAN_SELECT} where g.name = $1 and g.date = $2`, [
      name,
      date,
    ]);
    if (!rows[0]) throw pageNotFound(name, date);
    return toPlan(rows[0]);
  }

  /**
   * Creates (baseRev null) or replaces (baseRev = the current revision) a plan; with a `record`,
   * records an export or a publication on that revision of the plan (its content stays).
   */
  async save(
    actor: Actor,
    content: PagePlanContent,
    baseRev: number | null,
    record?: PlanRecord,
  ): Promise<PagePlan> {
    const { person } = actor;
    const parsed = PagePlanContentSchema.safeParse(content);
    if (!parsed.success) throw invalidInput('pages.save', parsed.error.message);
    const plan = parsed.data;
    if (!isEditor(person) && !hasRole(person, 'admin'))
      throw new DeskError(
        'invalid-input',
        'error.pageEditorOnly',
        { name: person.name, page: plan.name },
        `${person.name} is neither an editor nor an administrator, so cannot plan page ${plan.name}. The plan was not changed.`,
      );
    const ids = plan.slots.flatMap((s) => (s.storyId ? [s.storyId] : []));
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined)
      throw new DeskError(
        'invalid-input',
        'error.pageStoryTwice',
        { id: twice, page: plan.name },
        `Story ${twice} is in two slots of page ${plan.name}: a story can fill only one slot of a page. The plan was not changed.`,
      );
    const { name, date, ...rest } = plan;
    if (record) return this.#record(actor, name, date, baseRev, record);
    await inTransaction(this.#pool, async (c) => {
      const at = this.#now();
      const { rows } = await c.query<{ revision: number }>(
        'select revision from page_plans where name = $1 and date = $2 for update',
        [name, date],
      );
      const current = rows[0]?.revision ?? null;
      let revision: number;
      if (current === null && baseRev === null) {
        // Two first saves at once: the primary key lets one in; the other is stale as any save.
        const made = await c.query(
          `insert into page_plans (name, date, revision, content, updated_at, updated_by)
           values ($1, $2, 1, $3, $4, $5) on conflict do nothing`,
          [name, date, JSON.stringify(rest), at, person.id],
        );
        if (!made.rowCount) throw conflict(name, date, baseRev, 1);
        revision = 1;
      } else {
        if (current !== baseRev) throw conflict(name, date, baseRev, current);
        revision = current! + 1;
        await c.query(
          `update page_plans set revision = $3, content = $4, updated_at = $5, updated_by = $6
            where name = $1 and date = $2`,
          [name, date, revision, JSON.stringify(rest), at, person.id],
        );
      }
      await appendAudit(c, {
        actorId: person.id,
        action: 'page-saved',
        detail: { page: name, date, revision, stories: ids },
      });
    });
    return this.get(name, date);
  }

  async #record(
    actor: Actor,
    name: string,
    date: string,
    baseRev: number | null,
    record: PlanRecord,
  ): Promise<PagePlan> {
    const { person } = actor;
    await inTransaction(this.#pool, async (c) => {
      const { rows } = await c.query<{ revision: number; exported: unknown; content: PagePlanContent }>(
        'select revision, exported, content from page_plans where name = $1 and date = $2 for update',
        [name, date],
      );
      const row = rows[0];
      if (!row) throw pageNotFound(name, date);
      if (row.revision !== baseRev) throw conflict(name, date, baseRev, row.revision);
      const revision = row.revision + 1;
      const stories = (row.content.slots ?? []).flatMap((s) => (s.storyId ? [s.storyId] : []));
      if ('published' in record) {
        if (!PageExportRecordSchema.safeParse(row.exported).success)
          throw new DeskError(
            'conflict',
            'error.publishNotExported',
            { page: name, date },
            `Page ${name} (${date}) has not been exported yet; export it first. Nothing was published.`,
          );
        await c.query(
          `update page_plans set revision = $3, published = $4, updated_at = $5, updated_by = $6
            where name = $1 and date = $2`,
          [name, date, revision, JSON.stringify(record.published), this.#now(), person.id],
        );
        await appendAudit(c, {
          actorId: person.id,
          action: 'page-published',
          detail: {
            page: name,
            date,
            revision,
            stories,
            archiveIds: record.published.archiveIds,
            added: record.added ?? null,
          },
        });
        return;
      }
      await c.query(
        `update page_plans set revision = $3, exported = $4, updated_at = $5, updated_by = $6
          where name = $1 and date = $2`,
        [name, date, revision, JSON.stringify(record.exported), this.#now(), person.id],
      );
      await appendAudit(c, {
        actorId: person.id,
        action: 'page-exported',
        detail: {
          page: name,
          date,
          revision,
          stories,
          folder: record.exported.folder,
          overrideReason: record.exported.overrideReason,
          files: record.files ?? null,
          openErrors: record.openErrors ?? null,
          rules: record.rules ?? [],
        },
      });
    });
    return this.get(name, date);
  }
}

function conflict(name: string, date: string, baseRev: number | null, rev: number | null): DeskError {
  return new DeskError(
    'conflict',
    'error.pageConflict',
    { page: name, date, rev: rev ?? 0 },
    `The plan of page ${name} (${date}) changed since revision ${baseRev ?? 'none'} (now ${rev ?? 'none'}). ` +
      'Nothing was saved over it: reload the plan and apply your change again.',
  );
}
