/**
 * `desk page plan --data DIR --page B6 --date D [--edition …] [STORY-ID…]` makes (or
 * remakes) the plan of a page: the stories named, or without ids the stories filed for
 * that page in their slot order, in the page's slots (the 版面 screen's starting slots,
 * one more 简讯 slot per story beyond them). `desk page show … [--json]` prints the plan
 * and its preflight. Both go through the same contract methods as the 版面 screen
 * (pages.get, pages.save, pages.preflight) and the same dispatch gate, so the rules,
 * validation and messages are the screen's; the page report's words are shared with it.
 * Exit status: plan 0 saved; show 0 ready to export, 1 open errors or blocked; 2 bad usage.
 */
import type { DeskInput, DeskMethod, DeskOutput } from '../../../shared/api';
import { DeskError } from '../../../shared/api';
import { isWorkflowFinding } from '../../../shared/checks/error-rate';
import type { Finding } from '../../../shared/checks/finding';
import {
  ADDED_SLOT_ROLE,
  DEFAULT_BUDGETS,
  DEFAULT_EDITION,
  startingSlots,
  type PagePlan,
  type PagePlanContent,
  type PreflightReport,
} from '../../../shared/model';
import { dispatch } from '../../desk/dispatch';
import { filedFor } from '../../desk/pages/page-handlers';
import { openDeskServices, type DeskServices } from '../../desk/services';
import { findingText, statusText, t } from '../i18n';
import { UsageError, dataDirOf, dateOption, pageOption } from '../usage';

type Report = PreflightReport<Finding>;

/** One call through the dispatch gate (schema, limits), as every transport makes it. */
async function call<M extends DeskMethod>(
  services: DeskServices,
  method: M,
  input: DeskInput<M>,
): Promise<DeskOutput<M>> {
  const r = await dispatch(services.handlers, method, input);
  if (!r.ok) throw DeskError.from(r.error);
  return r.result as DeskOutput<M>;
}

async function currentPlan(services: DeskServices, name: string, date: string): Promise<PagePlan | null> {
  try {
    return await call(services, 'pages.get', { name, date });
  } catch (err) {
    if (err instanceof DeskError && err.key === 'error.pageNotFound') return null;
    throw err;
  }
}

/**
 * The plan's content with `storyIds` in its slots in order: the current plan's slots (else
 * the starting ones), one more slot per story beyond them; slots left over stay empty, and
 * jump links of stories no longer on the page go.
 */
export function planContent(
  current: PagePlan | null,
  name: string,
  date: string,
  edition: string | undefined,
  storyIds: readonly string[],
): PagePlanContent {
  const slots = (current?.slots ?? startingSlots()).map((s, i) => ({ ...s, storyId: storyIds[i] ?? null }));
  for (let i = slots.length; i < storyIds.length; i++)
    slots.push({ role: ADDED_SLOT_ROLE, storyId: storyIds[i]!, budget: DEFAULT_BUDGETS[ADDED_SLOT_ROLE] });
  const placed = new Set(storyIds);
  return {
    name,
    date,
    edition: edition ?? current?.edition ?? DEFAULT_EDITION,
    slots,
    jumps: (current?.jumps ?? []).filter((j) => placed.has(j.storyId)),
  };
}

/** A finding of a page's preflight as one line: severity, rule, message, and the slot and text it is in. */
export function findingLine(report: Report): (f: Finding) => string {
  const slotOf = new Map(report.stories.flatMap((s) => (s.storyId ? [[s.storyId, s.slot] as const] : [])));
  return (f: Finding) => {
    const here = f.locations[0];
    const slot = here ? slotOf.get(here.story) : undefined;
    const where =
      here?.text && slot !== undefined
        ? t('cli.page.where', {
            slot,
            text: here.text.length > 24 ? `${here.text.slice(0, 24)}……` : here.text,
          })
        : '';
    return t('cli.page.finding', {
      severity: t(`cli.severity.${f.severity}`),
      rule: f.rule,
      message: findingText(f),
      where,
    });
  };
}

function printReport(plan: PagePlan, report: Report, data: string): void {
  const head = t('pages.head', { name: plan.name, date: plan.date });
  console.log(`${head}  ${t('pages.head.rev', { rev: plan.rev, by: plan.updatedBy, at: plan.updatedAt })}`);
  console.log(t('cli.page.edition.line', { edition: plan.edition }));
  for (const row of report.stories) {
    const story = row.storyId
      ? t('cli.page.slotStory', {
          headline: row.headline,
          id: row.storyId,
          status: row.status ? statusText(row.status) : '',
        })
      : t('pages.plan.noStory');
    const count = !row.storyId
      ? ''
      : row.budget === null
        ? t('pages.plan.countOnly', { count: row.count })
        : t('pages.plan.count', { count: row.count, budget: row.budget });
    console.log(
      t('cli.page.slot', { slot: row.slot, role: t(`pages.role.${row.role}`), story, count }).trimEnd(),
    );
  }
  console.log('');
  console.log(t('cli.page.findings'));
  console.log(t('pages.preflight.totals', report.totals));
  const rate = report.errorRate;
  console.log(
    `${t('pages.preflight.rate', {
      rate: rate.perTenThousand.toFixed(2),
      weighted: rate.weighted,
      characters: rate.characters,
    })} ${rate.pass ? t('pages.preflight.ratePass') : t('pages.preflight.rateFail')}`,
  );
  console.log(t('pages.preflight.rateCounts'));
  console.log(t('pages.preflight.workflow', report.workflow));
  const line = findingLine(report);
  const workflow = report.findings.filter(isWorkflowFinding);
  const text = report.findings.filter((f) => !isWorkflowFinding(f));
  if (workflow.length) console.log(`${t('cli.page.workflowHead')}\n${workflow.map(line).join('\n')}`);
  if (text.length) console.log(`${t('cli.page.textHead')}\n${text.map(line).join('\n')}`);
  if (report.hardBlocks.length) {
    console.log(t('pages.preflight.hard'));
    for (const f of report.findings.filter(
      (x) => x.rule === 'page.story-missing' || x.rule === 'page.not-approved',
    ))
      console.log(`  ${findingText(f)}`);
  } else if (report.openErrors > 0) {
    console.log(t('cli.page.needsOverride', { count: report.openErrors }));
  } else {
    console.log(t('cli.page.ready', { data, page: plan.name, date: plan.date }));
  }
}

export async function runPage(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [action, ...ids] = positionals;
  if (action !== 'plan' && action !== 'show') throw new UsageError(t('cli.page.action'));
  const name = pageOption(values, true);
  const date = dateOption(values);
  const edition = typeof values.edition === 'string' ? values.edition.trim() : undefined;
  if (edition !== undefined && [...edition].length > 60) throw new UsageError(t('cli.page.edition'));
  if (action === 'show' && ids.length) throw new UsageError(t('cli.page.idsOnShow'));

  const data = dataDirOf(values);
  // No proof renderer: the preflight must not start a browser to warm it for an export.
  const services = await openDeskServices({
    dataDir: data,
    transport: 'http',
    demo: false,
    renderPdf: () => null,
  });
  try {
    let plan: PagePlan;
    if (action === 'plan') {
      const known = new Map(services.store.list().map((s) => [s.id, s]));
      for (const id of ids) {
        const story = known.get(id);
        if (!story)
          throw new DeskError(
            'not-found',
            'cli.page.unknownStory',
            { id },
            t('cli.page.unknownStory', { id }),
          );
        if (story.deletedAt)
          throw new DeskError(
            'invalid-input',
            'cli.page.trashedStory',
            { id },
            t('cli.page.trashedStory', { id }),
          );
      }
      const storyIds = ids.length ? ids : filedFor(services.store, name).map((s) => s.id);
      if (storyIds.length === 0)
        throw new DeskError(
          'not-found',
          'cli.page.noStories',
          { page: name },
          t('cli.page.noStories', { page: name }),
        );
      const current = await currentPlan(services, name, date);
      plan = await call(services, 'pages.save', {
        baseRev: current?.rev ?? null,
        content: planContent(current, name, date, edition, storyIds),
      });
    } else {
      plan = await call(services, 'pages.get', { name, date });
    }
    const report = (await call(services, 'pages.preflight', { name, date })) as Report;
    if (values.json) {
      console.log(JSON.stringify({ plan, preflight: report }, null, 2));
    } else {
      if (action === 'plan') {
        const filled = plan.slots.filter((s) => s.storyId).length;
        console.log(
          t('cli.page.planned', { page: name, date, rev: plan.rev, filled, slots: plan.slots.length }),
        );
      }
      printReport(plan, report, data);
    }
    if (action === 'plan') return 0;
    return report.hardBlocks.length || report.openErrors ? 1 : 0;
  } finally {
    await services.close();
  }
}
