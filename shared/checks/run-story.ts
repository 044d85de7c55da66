/**
 * Every check family on one story in its page: the one entry the editor's live
 * checks (renderer/src/editor/findings) and the command line share. Families come
 * from RULE_FAMILIES, so a family added there shows up without a change here:
 *
 * - `duplicates`: the page's duplicate check (issue 4) over the story and the other
 *   stories of its page, in page order; only findings that touch this story are kept
 *   (a cross-story finding may point first at the other story: its twin is here);
 * - the copy families (issue 5): the text rules per text, remembered by text, so a
 *   re-check after typing in one paragraph runs the rules over that paragraph only;
 *   the story and page rules over the page each time (they read structure, not text);
 * - any other family: its `checkPage` over the page, filtered to this story.
 *
 * Ignored findings (StoryContent.ignored) are matched by rule + field + the flagged
 * text of the location in this story, not by offsets, so an ignore survives edits
 * elsewhere (`splitIgnored`).
 */
import type { IgnoredFinding } from '../model';
import {
  checkCopyStructure,
  checkCopyText,
  COPY_FAMILIES,
  type CopyContext,
  type CopyStory,
} from './copy-rules';
import { storyUnits, type TextUnit } from './copy-text';
import { checkPage as checkDuplicates } from './duplicates/check-page';
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateSettings } from './duplicates/settings';
import { compareFindings, type Finding, type FindingLocation } from './finding';
import { RULE_FAMILIES } from './rule-families';

export type { CopyStory } from './copy-rules';

export type StoryCheckOptions = {
  /** Only these families (default: every family in RULE_FAMILIES). */
  families?: readonly string[];
  duplicates?: DuplicateSettings;
  /** Overrides of the copy rules' context (term bank, regions, settings). */
  copyContext?: Partial<CopyContext>;
};

const COPY_NAMES: ReadonlySet<string> = new Set(COPY_FAMILIES.map((f) => f.name));

/** Page order: by slot (stories without one last), then by key; a stable order for twins. */
export function pageOrder<S extends CopyStory>(stories: readonly S[]): S[] {
  const slot = (s: CopyStory) => s.content.slot ?? Number.MAX_SAFE_INTEGER;
  return [...stories].sort((a, b) => slot(a) - slot(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const touches = (key: string) => (f: Finding) => f.locations.some((l) => l.story === key);

/**
 * Runs the families on `story` with `others` (the other live stories of its page).
 * Keeps the text rules' findings per text between calls: make one per open story.
 */
export class StoryChecker {
  #texts = new Map<string, Finding[]>();
  readonly #options: StoryCheckOptions;

  constructor(options: StoryCheckOptions = {}) {
    this.#options = options;
  }

  check(story: CopyStory, others: readonly CopyStory[] = []): Finding[] {
    const steps = this.steps(story, others);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same check cut into small steps (one family, or a few texts, per step), so an
   * editor can run it in idle time and drop it when the text changes again. Texts
   * checked by a run that was dropped are remembered all the same.
   */
  *steps(story: CopyStory, others: readonly CopyStory[] = []): Generator<void, Finding[], void> {
    const { families } = this.#options;
    const chosen = RULE_FAMILIES.filter((f) => !families || families.includes(f.name));
    const page =
      others.length > 0 ? pageOrder([story, ...others.filter((o) => o.key !== story.key)]) : [story];
    const mine = touches(story.key);
    const out: Finding[] = [];
    const copy: string[] = [];
    for (const family of chosen) {
      if (family.name === 'duplicates') {
        out.push(
          ...checkDuplicates(page, this.#options.duplicates ?? DEFAULT_DUPLICATE_SETTINGS).filter(mine),
        );
        yield;
      } else if (COPY_NAMES.has(family.name)) {
        copy.push(family.name);
      } else {
        out.push(...family.checkPage(page).filter(mine));
        yield;
      }
    }
    if (copy.length > 0) {
      const opts = { families: copy, context: this.#options.copyContext };
      out.push(...(yield* this.#textFindings(story, opts)));
      out.push(...checkCopyStructure(page, opts).filter(mine));
    }
    return out.sort(compareFindings);
  }

  /** The text rules over every text of the story, reusing the findings of texts seen before. */
  *#textFindings(
    story: CopyStory,
    opts: Parameters<typeof checkCopyText>[1],
  ): Generator<void, Finding[], void> {
    const known = this.#texts;
    const used = new Set<string>();
    const out: Finding[] = [];
    let fresh = 0;
    for (const unit of storyUnits(story)) {
      const id = `${unit.kind}\u0000${unit.field}\u0000${unit.text}`;
      let found = known.get(id);
      if (!found) {
        found = checkCopyText({ ...unit, story: '', paragraph: undefined } as TextUnit, opts);
        known.set(id, found);
        if (++fresh % TEXTS_PER_STEP === 0) yield;
      }
      used.add(id);
      for (const f of found) out.push(placed(f, unit));
    }
    // Forget texts no longer in the story (bounded memory while typing).
    for (const id of known.keys()) if (!used.has(id)) known.delete(id);
    return out;
  }
}

/** Texts checked afresh per step: a 200-character paragraph takes well under a millisecond. */
const TEXTS_PER_STEP = 8;

/** A finding of a text checked on its own, placed at the unit's story and paragraph. */
function placed(f: Finding, unit: TextUnit): Finding {
  const locations = f.locations.map((l): FindingLocation => {
    const loc: FindingLocation = { ...l, story: unit.story };
    if (unit.paragraph !== undefined) loc.paragraph = unit.paragraph;
    return loc;
  });
  return { ...f, locations };
}

/** Every family on one story in its page, once (the CLI; the editor keeps a StoryChecker). */
export function checkStoryInPage(
  story: CopyStory,
  others: readonly CopyStory[] = [],
  options: StoryCheckOptions = {},
): Finding[] {
  return new StoryChecker(options).check(story, others);
}

/** The location of a finding in `storyKey` (the flagged text, or the twin when the flagged copy is elsewhere). */
export function locationIn(finding: Finding, storyKey: string): FindingLocation | undefined {
  return finding.locations.find((l) => l.story === storyKey) ?? finding.locations[0];
}

export function ignoreMatches(
  entry: Pick<IgnoredFinding, 'rule' | 'field' | 'text'>,
  finding: Finding,
  storyKey: string,
): boolean {
  const here = locationIn(finding, storyKey);
  return !!here && entry.rule === finding.rule && entry.field === here.field && entry.text === here.text;
}

export type IgnoredMatch = { finding: Finding; entry: IgnoredFinding };

/** Splits findings into the open ones and those an editor ignored (with the entry that matched). */
export function splitIgnored(
  findings: readonly Finding[],
  storyKey: string,
  ignored: readonly IgnoredFinding[],
): { open: Finding[]; ignored: IgnoredMatch[] } {
  const open: Finding[] = [];
  const hidden: IgnoredMatch[] = [];
  for (const finding of findings) {
    const entry = ignored.find((e) => ignoreMatches(e, finding, storyKey));
    if (entry) hidden.push({ finding, entry });
    else open.push(finding);
  }
  return { open, ignored: hidden };
}
