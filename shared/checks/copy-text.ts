/**
 * The building blocks of the copy-desk rules (issue 5): the texts of a story as the
 * rules see them, rule descriptions, and the step from a rule's hit (UTF-16 offsets,
 * as regular expressions give them) to a Finding (CODE-POINT offsets, finding.ts).
 */
import { blocksOfBody, type StoryContent } from '../model';
import type { RegionIndex } from '../geo/regions';
import { codePointLength, sliceCodePoints, utf16Offset } from '../text/code-points';
import type { CopySettings } from './copy-settings';
import type { CheckedStory } from './duplicates/text-blocks';
import type { Finding, FindingLocation, Severity } from './finding';
import type { TermBank } from './wording/term-bank';

/** What a piece of text is: the rules that apply depend on it (a headline never takes 1.-numbering). */
export type TextKind =
  | 'kicker'
  | 'headline'
  | 'subheadline'
  | 'dateline'
  | 'paragraph'
  | 'subhead'
  | 'quote'
  | 'caption'
  /** A photo credit kept in the form the file printed it ("(某某 摄)"): punctuation rules judge it. */
  | 'credit';

export const HEAD_KINDS: readonly TextKind[] = ['kicker', 'headline', 'subheadline'];
export const BODY_KINDS: readonly TextKind[] = ['paragraph', 'subhead', 'quote'];

/** One text of a story: where it is (for locations) and what it is. */
export type TextUnit = {
  story: string;
  /** FindingLocation.field: 'kicker', 'headline', 'subheadline', 'dateline', 'body', 'caption'. */
  field: string;
  /** Index among the body's blocks (a caption: its photo's block); absent for head fields. */
  paragraph?: number;
  kind: TextKind;
  text: string;
};

/** A story as the copy rules see it: CheckedStory plus the structured parts (all optional, so a CheckedStory is one). */
export type CopyStory = {
  key: string;
  content: CheckedStory['content'] &
    Partial<
      Pick<StoryContent, 'kind' | 'dateline' | 'byline' | 'region' | 'figures' | 'jumps' | 'page' | 'slot'>
    >;
};

export type CopyFamilyName =
  | 'punct'
  | 'numbers'
  | 'wording'
  | 'script'
  | 'byline'
  | 'captions'
  | 'region'
  | 'figures'
  | 'jumps'
  | 'length';

/** Everything a rule may consult besides the text: settings and the data sets (passed in: shared/ reads no files). */
export type CopyContext = {
  settings: CopySettings;
  terms: TermBank;
  /** The GB/T 2260 index; null where it is not loaded (region rules then stay silent). */
  regions: RegionIndex | null;
};

type Params = Record<string, string | number>;

type RuleBase = {
  /** family.name */
  id: string;
  family: CopyFamilyName;
  severity: Severity;
  /** English message with {param} placeholders; the i18n key is `check.<id>`. */
  message: string;
  /** Name/date rules count double in the error rate (domain §8); headline fields always do. */
  nameOrDate?: boolean;
};

/** A hit of a text rule, in UTF-16 offsets of the unit's text. */
export type Hit = { start: number; end: number; replacement?: string; params?: Params; severity?: Severity };

/** A rule over one text (a paragraph, a caption, a headline line): re-checkable on its own after typing. */
export type TextRule = RuleBase & {
  scope: 'text';
  /** The kinds of text it reads (default: all). */
  kinds?: readonly TextKind[];
  check(text: string, unit: TextUnit, ctx: CopyContext): Hit[];
};

/** A rule over a whole story (structured parts: photos, figures, byline, region, length). */
export type StoryRule = RuleBase & {
  scope: 'story';
  check(story: CopyStory, ctx: CopyContext, units: readonly TextUnit[]): Finding[];
};

/** A rule over the stories of a page (house style per page, jump lines). */
export type PageRule = RuleBase & {
  scope: 'page';
  check(
    stories: readonly CopyStory[],
    ctx: CopyContext,
    units: ReadonlyArray<readonly TextUnit[]>,
  ): Finding[];
};

export type CopyRule = TextRule | StoryRule | PageRule;

const PLACEHOLDER = /\{(\w+)\}/g;

export function fillMessage(template: string, params: Params): string {
  return template.replace(PLACEHOLDER, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** A finding of `rule` at `locations` (code-point offsets already). */
export function makeFinding(
  rule: RuleBase,
  locations: FindingLocation[],
  params: Params = {},
  fix?: { replacement: string },
  severity: Severity = rule.severity,
): Finding {
  const f: Finding = {
    rule: rule.id,
    severity,
    messageKey: `check.${rule.id}`,
    params,
    message: fillMessage(rule.message, params),
    locations,
  };
  if (fix) f.fix = fix;
  return f;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Converts UTF-16 offsets of `text` to code-point offsets (identity when the text has no astral characters). */
export function codePointMapper(text: string): (unit: number) => number {
  if (!SURROGATE.test(text)) return (u) => u;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let u = 0; u < text.length; u++) {
    map[u] = cp;
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const low = text.charCodeAt(u + 1);
      if (low >= 0xdc00 && low <= 0xdfff) map[++u] = cp;
    }
    cp++;
  }
  map[text.length] = cp;
  return (u) => map[u]!;
}

/** Location of a range of a text unit in code points. */
export function unitLocation(
  unit: TextUnit,
  start: number,
  end: number,
  cp = codePointMapper(unit.text),
): FindingLocation {
  const loc: FindingLocation = {
    story: unit.story,
    field: unit.field,
    start: cp(start),
    end: cp(end),
    text: unit.text.slice(start, end),
  };
  if (unit.paragraph !== undefined) loc.paragraph = unit.paragraph;
  return loc;
}

/** Runs text rules over one unit. */
export function runTextRules(rules: readonly TextRule[], unit: TextUnit, ctx: CopyContext): Finding[] {
  const out: Finding[] = [];
  if (!unit.text) return out;
  let cp: ((u: number) => number) | null = null;
  for (const rule of rules) {
    if (rule.kinds && !rule.kinds.includes(unit.kind)) continue;
    for (const hit of rule.check(unit.text, unit, ctx)) {
      cp ??= codePointMapper(unit.text);
      const fix = hit.replacement === undefined ? undefined : { replacement: hit.replacement };
      out.push(
        makeFinding(rule, [unitLocation(unit, hit.start, hit.end, cp)], hit.params, fix, hit.severity),
      );
    }
  }
  return out;
}

/**
 * The texts of a story the rules read, in print order: kicker, headline, subheadline,
 * dateline, then every body block with text and the caption of every photo (a photo
 * placed in the body carries its block index; one not placed, none).
 */
export function storyUnits(story: CopyStory): TextUnit[] {
  const { content, key } = story;
  const units: TextUnit[] = [];
  const head = (field: 'kicker' | 'headline' | 'subheadline' | 'dateline', text: string | undefined) => {
    if (text) units.push({ story: key, field, kind: field, text });
  };
  head('kicker', content.kicker);
  head('headline', content.headline);
  head('subheadline', content.subheadline);
  head('dateline', content.dateline);
  const placed = new Set<string>();
  blocksOfBody(content.body).forEach((block, paragraph) => {
    if (block.type === 'photo') {
      placed.add(block.photoId);
      const photo = content.photos.find((p) => p.id === block.photoId);
      if (photo?.caption)
        units.push({ story: key, field: 'caption', paragraph, kind: 'caption', text: photo.caption });
      if (photo?.creditPrinted)
        units.push({ story: key, field: 'credit', paragraph, kind: 'credit', text: photo.creditPrinted });
    } else if (block.text) {
      units.push({ story: key, field: 'body', paragraph, kind: block.type, text: block.text });
    }
  });
  for (const photo of content.photos) {
    if (!placed.has(photo.id) && photo.caption) {
      units.push({ story: key, field: 'caption', kind: 'caption', text: photo.caption });
    }
    if (!placed.has(photo.id) && photo.creditPrinted) {
      units.push({ story: key, field: 'credit', kind: 'credit', text: photo.creditPrinted });
    }
  }
  return units;
}

/** The block index of each photo placed in the body. */
export function photoBlocks(story: CopyStory): Map<string, number> {
  const out = new Map<string, number>();
  blocksOfBody(story.content.body).forEach((b, i) => {
    if (b.type === 'photo' && !out.has(b.photoId)) out.set(b.photoId, i);
  });
  return out;
}

/** A location over a whole structured value (a credit, a figure, a jump line). */
export function wholeLocation(
  story: string,
  field: string,
  text: string,
  paragraph?: number,
): FindingLocation {
  const loc: FindingLocation = { story, field, start: 0, end: codePointLength(text), text };
  if (paragraph !== undefined) loc.paragraph = paragraph;
  return loc;
}

/**
 * Applies a finding's fix to the text its first location points into: replaces the
 * code points [start, end) with the replacement. Refuses (returns null) when the text
 * no longer has the flagged characters there, so a stale finding never damages text.
 */
export function applyFix(text: string, finding: Pick<Finding, 'fix' | 'locations'>): string | null {
  const loc = finding.locations[0];
  if (!finding.fix || !loc) return null;
  if (sliceCodePoints(text, loc.start, loc.end) !== loc.text) return null;
  const from = utf16Offset(text, loc.start);
  const to = utf16Offset(text, loc.end);
  return text.slice(0, from) + finding.fix.replacement + text.slice(to);
}

/** Han characters (any extension block). */
export const HAN_RE = /\p{Script=Han}/u;
/** Full-width punctuation of Chinese text (marks that stand next to Chinese). */
export const CJK_PUNCT = '，。、；：？！“”‘’《》（）【】〔〕—…·「」『』〈〉～';

export function isHan(ch: string | undefined): boolean {
  return !!ch && HAN_RE.test(ch);
}

/** A Han character or a full-width mark: the character makes its neighbourhood Chinese. */
export function isWide(ch: string | undefined): boolean {
  return !!ch && (HAN_RE.test(ch) || CJK_PUNCT.includes(ch));
}

/** URLs and e-mail addresses: half-width marks inside them are right (domain §2). */
const URLISH = /(?:https?:\/\/|www\.)[\w\-.~:/?#[\]@!$&'()*+,;=%]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

/** UTF-16 ranges of URLs and e-mail addresses in `text`. */
export function urlRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!text.includes('.') && !text.includes('@')) return out;
  for (const m of text.matchAll(URLISH)) out.push([m.index, m.index + m[0].length]);
  return out;
}

export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  for (const [a, b] of ranges) if (at >= a && at < b) return true;
  return false;
}

/** Chinese numerals for single digits. */
export const CN_DIGITS = '〇一二三四五六七八九';
