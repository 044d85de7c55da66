/**
 * What the renderer derives for 带走编辑 (issue 18, ADR 013): the "since" of a check-out as a
 * newsroom writes it (12月7日 14:05), the counts of a check-in's answer, the list's multi-select
 * (Ctrl/Shift-click, Space) and a combined version built from one side of a conflict and the
 * fields the person edited as plain text.
 */
import type { CheckInReport, CheckoutItem } from '../../../shared/api/checkout-contract';
import type { AwayStory, NewsroomPerson, NewsroomStatus } from '../../../shared/api/newsroom-contract';
import {
  blocksOfBody,
  bodyFromBlocks,
  type BodyBlock,
  type Locale,
  type StoryContent,
} from '../../../shared/model';

const sinceFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "12月7日 14:05" (zh-CN) or "Dec 7, 14:05" (en): when a story went away, with its day. */
export function formatSince(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  let f = sinceFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      month: locale === 'zh-CN' ? 'long' : 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    sinceFormats.set(locale, f);
  }
  return f.format(date).replace(/\s+/g, ' ');
}

export type CheckInCounts = { applied: number; created: number; parallel: number; repeated: number };

/** How many operations of a check-in became a revision, a new story, or a parallel version. */
export function checkInCounts(report: CheckInReport): CheckInCounts {
  const counts = { applied: 0, created: 0, parallel: 0, repeated: report.repeated };
  for (const r of report.results) counts[r.outcome] += 1;
  return counts;
}

export type ClickMods = { toggle: boolean; range: boolean };

/**
 * The list's checked stories after a click: plain click checks nothing new (it opens the story),
 * Ctrl/⌘-click toggles one, Shift-click checks the range from the anchor (the last toggled or
 * opened row) to the clicked one. Returns null for a plain click.
 */
export function nextChecked(
  checked: ReadonlySet<string>,
  order: readonly string[],
  anchor: string | null,
  id: string,
  mods: ClickMods,
): Set<string> | null {
  if (mods.range) {
    const from = anchor === null ? -1 : order.indexOf(anchor);
    const to = order.indexOf(id);
    if (to < 0) return new Set(checked);
    const [a, b] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
    const next = new Set(checked);
    for (const key of order.slice(a, b + 1)) next.add(key);
    return next;
  }
  if (mods.toggle) {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }
  return null;
}

export const COMBINED_FIELDS = ['kicker', 'headline', 'subheadline', 'body'] as const;
export type CombinedField = (typeof COMBINED_FIELDS)[number];
export type CombinedTexts = Record<CombinedField, string>;

/** The body as the combine form shows it: one line per text block (photos are not text). */
export function bodyLines(content: StoryContent): string {
  return blocksOfBody(content.body)
    .flatMap((b) => (b.type === 'photo' ? [] : [b.text.replace(/\n/g, ' ')]))
    .join('\n');
}

export function textsOf(content: StoryContent): CombinedTexts {
  return {
    kicker: content.kicker,
    headline: content.headline,
    subheadline: content.subheadline,
    body: bodyLines(content),
  };
}

/**
 * The combined version: `base` (the side the person started from) with the edited texts. A
 * body whose text was not touched stays exactly as it was (formatting, photos); an edited one
 * becomes one block per line, each keeping the type (paragraph, subhead, quote) of the block it
 * replaces, and the base's photos stay at their place among the blocks.
 */
export function combineContent(base: StoryContent, texts: CombinedTexts): StoryContent {
  const next: StoryContent = {
    ...base,
    kicker: texts.kicker.trim(),
    headline: texts.headline.trim(),
    subheadline: texts.subheadline.trim(),
  };
  if (texts.body === bodyLines(base)) return next;
  const old = blocksOfBody(base.body);
  const oldText = old.flatMap((b) => (b.type === 'photo' ? [] : [b]));
  const lines = texts.body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const textBlocks: BodyBlock[] = lines.map((text, i) => {
    const was = oldText[i];
    return was ? { type: was.type, text } : { type: 'paragraph', text };
  });
  const blocks: BodyBlock[] = [];
  let t = 0;
  for (const b of old) {
    if (b.type === 'photo') blocks.push(b);
    else if (t < textBlocks.length) blocks.push(textBlocks[t++]!);
  }
  blocks.push(...textBlocks.slice(t));
  if (blocks.length === 0) blocks.push({ type: 'paragraph', text: '' });
  return { ...next, body: bodyFromBlocks(blocks) };
}

/**
 * The stories the desk says it holds checked out (status.away) that the newsroom's last list
 * does not name: while offline, what is checked out here is what the desk holds, read before or not.
 */
export function awayItems(
  away: readonly AwayStory[],
  listed: readonly CheckoutItem[],
  person: Pick<NewsroomPerson, 'id' | 'name'>,
  desk: string,
): CheckoutItem[] {
  const known = new Set(listed.map((i) => i.storyId));
  return away
    .filter((a) => a.kind === 'checkout' && !known.has(a.storyId))
    .map((a) => ({
      storyId: a.storyId,
      headline: a.headline,
      holder: { userId: person.id, name: person.name },
      desk,
      since: a.since,
      baseRev: a.baseRev,
      revision: a.serverRev ?? a.baseRev,
      mine: true,
    }));
}

/**
 * How many operations of the outbox a check-in took up between two statuses of the same person
 * (the desk sent them by itself when the newsroom answered again); 0 when none did.
 */
export function checkedInBySelf(before: NewsroomStatus, next: NewsroomStatus): number {
  if (!before.person || before.person.id !== next.person?.id || before.server !== next.server) return 0;
  if (!next.lastCheckIn || next.lastCheckIn === before.lastCheckIn) return 0;
  return Math.max(0, (before.outbox ?? 0) - (next.outbox ?? 0));
}
