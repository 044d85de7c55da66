/**
 * The copy-desk rules (issue 5; domain §2–§8): one registry of every rule, and the
 * three ways to run them.
 *
 * - `checkCopyText(unit)`: the text rules over ONE text (a paragraph, a caption, a
 *   headline line). The editor re-checks only the paragraph being typed in.
 * - `checkCopyStory(story)`: every text of the story, plus the story rules (photos,
 *   key figures, byline roles, region, length).
 * - `checkCopyPage(stories)`: every story, plus the page rules (byline spacing, jump lines).
 *
 * Every finding's first location points at exact code points of one text; where a safe
 * fix exists, `applyFix(text, finding)` (copy-text.ts) replaces that range with
 * `fix.replacement`. Data the rules need (the term bank, the GB/T 2260 index) and the
 * settings come in a CopyContext: pass it, or install a default once with
 * `configureCopyChecks` (the desk does this from its data folder).
 */
import {
  byline,
  captions,
  figures,
  jumps,
  length,
  numbers,
  punct,
  region,
  script,
  wording,
} from './copy-families';
import { DEFAULT_COPY_SETTINGS } from './copy-settings';
import {
  runTextRules,
  storyUnits,
  type CopyContext,
  type CopyFamilyName,
  type CopyRule,
  type CopyStory,
  type PageRule,
  type StoryRule,
  type TextRule,
  type TextUnit,
} from './copy-text';
import { compareFindings, type Finding } from './finding';
import type { RuleFamily } from './rule-families';
import { EMPTY_TERM_BANK } from './wording/term-bank';

export type { CopyContext, CopyStory, TextUnit } from './copy-text';

type FamilyEntry = { name: CopyFamilyName; summary: string; rules: readonly CopyRule[] };

/** Every copy family, in the order the sidebar groups them, with its rules. */
export const COPY_FAMILIES: readonly FamilyEntry[] = [
  {
    name: 'punct',
    summary: 'punctuation (GB/T 15834): half-width marks, quotes, ellipses, dashes, numbering, headlines',
    rules: punct,
  },
  {
    name: 'numbers',
    summary: 'numbers (GB/T 15835): full-width digits, 千/百/十, estimates, ranges, years, approximations',
    rules: numbers,
  },
  { name: 'wording', summary: 'official wording from the term bank', rules: wording },
  { name: 'script', summary: 'traditional characters in simplified text', rules: script },
  { name: 'byline', summary: 'dateline and byline: brackets, roles, spacing per page', rules: byline },
  { name: 'captions', summary: 'photo captions and credits', rules: captions },
  {
    name: 'region',
    summary: "the story's GB/T 2260 region and places named in headline and lead",
    rules: region,
  },
  { name: 'figures', summary: 'key figures against the body', rules: figures },
  { name: 'jumps', summary: 'jump lines: every 下转 with its 上接', rules: jumps },
  { name: 'length', summary: 'length of news items and against slot budgets', rules: length },
];

export const COPY_RULES: readonly CopyRule[] = COPY_FAMILIES.flatMap((f) => f.rules);

/** What the UI needs to list a rule: id, family, severity, whether it can fix, its message template. */
export function copyRuleInfo(
  id: string,
): Pick<CopyRule, 'id' | 'family' | 'severity' | 'message' | 'scope'> | undefined {
  const r = COPY_RULES.find((x) => x.id === id);
  return r && { id: r.id, family: r.family, severity: r.severity, message: r.message, scope: r.scope };
}

let defaults: CopyContext = { settings: DEFAULT_COPY_SETTINGS, terms: EMPTY_TERM_BANK, regions: null };

/** Installs the default context (term bank, region index, settings) used when a call passes none. */
export function configureCopyChecks(patch: Partial<CopyContext>): void {
  defaults = { ...defaults, ...patch };
}

/** The default context as installed. */
export function copyContext(): CopyContext {
  return defaults;
}

export type CopyCheckOptions = {
  /** Only these families (default: all). */
  families?: readonly string[];
  /** Overrides of the default context for this call. */
  context?: Partial<CopyContext>;
};

type Selected = { text: TextRule[]; story: StoryRule[]; page: PageRule[] };
const selections = new Map<string, Selected>();

function select(families: readonly string[] | undefined): Selected {
  const key = families ? families.join(',') : '*';
  let s = selections.get(key);
  if (!s) {
    const rules = families ? COPY_RULES.filter((r) => families.includes(r.family)) : COPY_RULES;
    s = {
      text: rules.filter((r): r is TextRule => r.scope === 'text'),
      story: rules.filter((r): r is StoryRule => r.scope === 'story'),
      page: rules.filter((r): r is PageRule => r.scope === 'page'),
    };
    selections.set(key, s);
  }
  return s;
}

function contextOf(opts: CopyCheckOptions): CopyContext {
  return opts.context ? { ...defaults, ...opts.context } : defaults;
}

/** Findings of the text rules in one text (re-check of one paragraph after typing). */
export function checkCopyText(unit: TextUnit, opts: CopyCheckOptions = {}): Finding[] {
  return runTextRules(select(opts.families).text, unit, contextOf(opts));
}

function storyFindings(
  story: CopyStory,
  units: readonly TextUnit[],
  sel: Selected,
  ctx: CopyContext,
): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) out.push(...runTextRules(sel.text, unit, ctx));
  for (const rule of sel.story) out.push(...rule.check(story, ctx, units));
  return out;
}

/** Findings of one story: every text, and the story rules (no page rules). Sorted for display. */
export function checkCopyStory(story: CopyStory, opts: CopyCheckOptions = {}): Finding[] {
  const sel = select(opts.families);
  return storyFindings(story, storyUnits(story), sel, contextOf(opts)).sort(compareFindings);
}

/** Only the story and page rules of a page (the part an incremental re-check cannot keep). */
export function checkCopyStructure(stories: readonly CopyStory[], opts: CopyCheckOptions = {}): Finding[] {
  const sel = select(opts.families);
  const ctx = contextOf(opts);
  const units = stories.map(storyUnits);
  const out: Finding[] = [];
  stories.forEach((s, i) => {
    for (const rule of sel.story) out.push(...rule.check(s, ctx, units[i]!));
  });
  for (const rule of sel.page) out.push(...rule.check(stories, ctx, units));
  return out;
}

/** Findings of a page: every story and the page rules, in page order. */
export function checkCopyPage(stories: readonly CopyStory[], opts: CopyCheckOptions = {}): Finding[] {
  const sel = select(opts.families);
  const ctx = contextOf(opts);
  const units = stories.map(storyUnits);
  const out: Finding[] = [];
  stories.forEach((s, i) => out.push(...storyFindings(s, units[i]!, sel, ctx)));
  for (const rule of sel.page) out.push(...rule.check(stories, ctx, units));
  return out;
}

/** One RuleFamily per copy family, for RULE_FAMILIES (`desk check --rules punct,numbers`). */
export const COPY_RULE_FAMILIES: readonly RuleFamily[] = COPY_FAMILIES.map((f) => ({
  name: f.name,
  summary: f.summary,
  checkPage: (stories) => checkCopyPage(stories, { families: [f.name] }),
}));
