/**
 * The preflight of a page (issue 7): every family of RULE_FAMILIES over the page's
 * stories in plan order (duplicates within and across the stories, the copy rules with
 * the plan's budgets as the length rules' budgets), each story against the data
 * folder's archive, and the page's own rules:
 *
 * - page.story-missing (error, hard): a slot names a story that is gone or in the trash;
 * - page.not-approved (error, hard): only approved stories leave for layout;
 * - page.signatures-missing (error): a review level (初审/复审/终审) has no signature, or
 *   one person signed two levels (domain §6). Read from the story's `signatures` when
 *   the review workflow records them; until then a warning says they are not recorded;
 * - page.slot-empty (warning): a slot without a story;
 * - page.story-other-page (warning): a placed story whose own page field names another page;
 * - page.more-stories-than-slots (warning): more stories are filed for the page (their page
 *   field names it) than the plan has slots, so some of them are not on the page;
 * - page.jump-unlinked (warning): a 下转/上接 with no linked story on the other page.
 *
 * These page.* findings are the page's workflow and plan, not errors in the text: they are
 * counted apart (`workflow`) and never enter the error rate (shared/checks/error-rate.ts).
 * Findings the story's editors ignored with a reason (StoryContent.ignored) are listed
 * apart, not counted. "Hard" problems block export even with an override.
 */
import { RULE_FAMILIES } from '../../../shared/checks';
import { checkCopyPage, copyContext } from '../../../shared/checks/copy-rules';
import { checkPage as checkDuplicates } from '../../../shared/checks/duplicates/check-page';
import { errorRate, isWorkflowFinding } from '../../../shared/checks/error-rate';
import type { Finding } from '../../../shared/checks/finding';
import { storyCounts } from '../../../shared/checks/length/length';
import type { Story } from '../../../shared/model';
import type { PagePlan, PreflightIgnored, PreflightReport, PreflightStory } from '../../../shared/model/page';
import type { ArchiveStore } from '../archive/archive-store';

export type PagePreflight = PreflightReport<Finding>;

/** The review levels every story needs before export (domain §6). */
export const REVIEW_LEVELS = ['初审', '复审', '终审'] as const;

const LEVEL_ALIASES: Record<string, string> = {
  初审: '初审',
  first: '初审',
  '1': '初审',
  复审: '复审',
  second: '复审',
  '2': '复审',
  终审: '终审',
  final: '终审',
  third: '终审',
  '3': '终审',
};

export type StorySignature = { who: string; level: string; rev: number; at?: string; userId?: string };

/**
 * The story's signatures if the review workflow records them (`signatures` on the
 * story document), normalised; null when the story has no such field.
 */
export function signaturesOf(story: Story): StorySignature[] | null {
  const raw = (story as { signatures?: unknown }).signatures;
  if (!Array.isArray(raw)) return null;
  const out: StorySignature[] = [];
  for (const s of raw as Array<Record<string, unknown>>) {
    if (!s || typeof s !== 'object') continue;
    const who = [s.who, s.by, s.user, s.name].find((v) => typeof v === 'string') as string | undefined;
    const level = LEVEL_ALIASES[String(s.level ?? '')] ?? String(s.level ?? '');
    const rev = typeof s.rev === 'number' ? s.rev : story.rev;
    const at = typeof s.at === 'string' ? s.at : undefined;
    const userId = typeof s.userId === 'string' ? s.userId : undefined;
    if (!who || !level) continue;
    const sig: StorySignature = { who, level, rev };
    if (at) sig.at = at;
    if (userId) sig.userId = userId;
    out.push(sig);
  }
  return out;
}

function pageFinding(
  rule: string,
  severity: Finding['severity'],
  story: string,
  params: Record<string, string | number>,
  message: string,
): Finding {
  return {
    rule,
    severity,
    messageKey: `check.${rule}`,
    params,
    message,
    locations: [{ story, field: 'story', start: 0, end: 0, text: '' }],
  };
}

type IgnoredEntry = { rule: string; field: string; text: string; reason: string; by: string };

function ignoredOf(story: Story): IgnoredEntry[] {
  const raw = (story as { ignored?: unknown }).ignored;
  return Array.isArray(raw) ? (raw as IgnoredEntry[]) : [];
}

export type PreflightInput = {
  plan: PagePlan;
  /** The stories of the plan's slots by id (missing or trashed ones absent). */
  stories: ReadonlyMap<string, Story>;
  archive?: ArchiveStore | null;
  /** The archive ids of a story's own published copies (never its own twin); absent: none. */
  ownArchiveIds?: (archive: ArchiveStore, storyId: string) => string[];
  /** The stories (not in the trash) whose own page field names this page, placed or not. */
  filed?: ReadonlyArray<{ id: string; headline: string }>;
  now?: Date;
};

export function preflightPage({
  plan,
  stories,
  archive,
  ownArchiveIds,
  filed = [],
  now = new Date(),
}: PreflightInput): PagePreflight {
  const found: Finding[] = [];
  const hardBlocks: string[] = [];
  const placed: Array<{ key: string; content: Story; slot: number }> = [];
  const rows: PreflightStory[] = [];
  const budgets: Record<number, { max?: number }> = {};

  plan.slots.forEach((slot, i) => {
    const n = i + 1;
    const story = slot.storyId ? stories.get(slot.storyId) : undefined;
    if (!slot.storyId) {
      found.push(
        pageFinding('page.slot-empty', 'warning', `slot-${n}`, { slot: n }, `Slot ${n} has no story`),
      );
    } else if (!story || story.deletedAt) {
      found.push(
        pageFinding(
          'page.story-missing',
          'error',
          slot.storyId,
          { slot: n },
          `Slot ${n}: story ${slot.storyId} is missing or in the trash`,
        ),
      );
      hardBlocks.push(`slot ${n}: story ${slot.storyId} is missing or in the trash`);
    }
    if (story && !story.deletedAt && story.page !== null && story.page !== plan.name) {
      found.push(
        pageFinding(
          'page.story-other-page',
          'warning',
          story.id,
          { slot: n, page: story.page, plan: plan.name },
          `Slot ${n}: the story is filed for page ${story.page}, not ${plan.name}`,
        ),
      );
    }
    if (slot.budget !== null) budgets[n] = { max: slot.budget };
    if (story && !story.deletedAt)
      placed.push({ key: story.id, content: { ...story, slot: n, page: plan.name }, slot: n });
    rows.push({
      slot: n,
      role: slot.role,
      storyId: slot.storyId,
      headline: story?.headline ?? '',
      status: story?.status ?? null,
      rev: story?.rev ?? null,
      count: 0,
      budget: slot.budget,
      signatures: story
        ? (signaturesOf(story) ?? []).map(({ who, level, rev, at }) =>
            at ? { who, level, rev, at } : { who, level, rev },
          )
        : [],
    });
  });

  // Every story filed for the page and every placed one: more than the slots cannot all be on it.
  const onPage = new Set([...placed.map((p) => p.key), ...filed.map((f) => f.id)]);
  if (onPage.size > plan.slots.length) {
    const placedIds = new Set(placed.map((p) => p.key));
    const left = filed.filter((f) => !placedIds.has(f.id));
    found.push(
      pageFinding(
        'page.more-stories-than-slots',
        'warning',
        `page-${plan.name}`,
        {
          stories: onPage.size,
          slots: plan.slots.length,
          left: left.length,
          headlines: left.map((f) => `《${f.headline}》`).join(''),
        },
        `${onPage.size} stories are filed for page ${plan.name} but the plan has ${plan.slots.length} slots; ` +
          `${left.length} not on the page: ${left.map((f) => f.headline).join(', ')}`,
      ),
    );
  }

  // Every family over the page in plan order; the copy rules see the plan's budgets.
  const checked = placed.map((p) => ({ key: p.key, content: p.content }));
  const settings = copyContext().settings;
  for (const family of RULE_FAMILIES) {
    if (family.name === 'duplicates') found.push(...checkDuplicates(checked));
    else {
      found.push(
        ...checkCopyPage(checked, {
          families: [family.name],
          context: { settings: { ...settings, length: { ...settings.length, budgets } } },
        }),
      );
    }
  }
  if (archive && archive.index.storyCount > 0) {
    for (const s of checked) {
      const excludeIds = [s.key, ...(ownArchiveIds?.(archive, s.key) ?? [])];
      found.push(...archive.checkAgainstArchive(s, { excludeIds }));
    }
  }

  for (const p of placed) {
    const story = p.content;
    const row = rows[p.slot - 1]!;
    row.count = (() => {
      const c = storyCounts({ key: story.id, content: story });
      return c.body.wordStyle + c.captions.wordStyle;
    })();
    if (story.status !== 'approved') {
      found.push(
        pageFinding(
          'page.not-approved',
          'error',
          story.id,
          { slot: p.slot, status: story.status },
          `Slot ${p.slot}: the story is ${story.status}, not approved`,
        ),
      );
      hardBlocks.push(`slot ${p.slot}: 「${story.headline}」 is ${story.status}, not approved`);
    }
    const signatures = signaturesOf(story);
    if (signatures === null) {
      found.push(
        pageFinding(
          'page.signatures-unrecorded',
          'warning',
          story.id,
          { slot: p.slot },
          `Slot ${p.slot}: no review signatures are recorded for this story`,
        ),
      );
    } else {
      const missing = REVIEW_LEVELS.filter((level) => !signatures.some((s) => s.level === level));
      if (missing.length) {
        found.push(
          pageFinding(
            'page.signatures-missing',
            'error',
            story.id,
            { slot: p.slot, levels: missing.join('、') },
            `Slot ${p.slot}: no signature for ${missing.join(', ')}`,
          ),
        );
      }
      const people = REVIEW_LEVELS.map((level) => {
        const s = signatures.find((x) => x.level === level);
        return s ? (s.userId ?? s.who) : undefined;
      }).filter(Boolean);
      if (new Set(people).size !== people.length) {
        found.push({
          ...pageFinding(
            'page.signatures-missing',
            'error',
            story.id,
            { slot: p.slot, levels: 'same-person' },
            `Slot ${p.slot}: one person signed two review levels`,
          ),
          messageKey: 'check.page.signatures-same-person',
        });
      }
    }
    for (const jump of story.jumps) {
      const linked = plan.jumps.some(
        (l) =>
          l.storyId === story.id && l.direction === jump.direction && l.page === jump.page && l.targetStoryId,
      );
      if (!linked) {
        found.push(
          pageFinding(
            'page.jump-unlinked',
            'warning',
            story.id,
            { slot: p.slot, page: jump.page },
            `Slot ${p.slot}: the jump line to ${jump.page} is not linked to a story there`,
          ),
        );
      }
    }
  }

  // Split off what editors ignored with a reason.
  const open: Finding[] = [];
  const ignored: Array<PreflightIgnored<Finding>> = [];
  for (const f of found) {
    let entry: IgnoredEntry | undefined;
    for (const loc of f.locations) {
      const story = stories.get(loc.story);
      entry =
        story &&
        ignoredOf(story).find((e) => e.rule === f.rule && e.field === loc.field && e.text === loc.text);
      if (entry) break;
    }
    if (entry) ignored.push({ finding: f, reason: entry.reason, by: entry.by });
    else open.push(f);
  }

  const characters = placed.reduce(
    (n, p) => n + storyCounts({ key: p.key, content: p.content }).total.wordStyle,
    0,
  );
  const count = (s: Finding['severity'], of: readonly Finding[] = open) =>
    of.filter((f) => f.severity === s).length;
  const workflow = open.filter(isWorkflowFinding);
  return {
    page: plan.name,
    date: plan.date,
    edition: plan.edition,
    checkedAt: now.toISOString(),
    stories: rows,
    findings: open,
    ignored,
    totals: { errors: count('error'), warnings: count('warning'), infos: count('info'), characters },
    workflow: {
      errors: count('error', workflow),
      warnings: count('warning', workflow),
      infos: count('info', workflow),
    },
    errorRate: errorRate(open, characters),
    hardBlocks,
    openErrors: count('error'),
  };
}
