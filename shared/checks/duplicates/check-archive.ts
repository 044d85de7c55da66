/**
 * A draft against the archive of published stories: `duplicate.archive` warnings
 * naming the archived story and its date (issue 4). Only the draft's harmless
 * characters are known (harmless.ts needs a story's headline and quotes); they judge
 * whether a run is harmless and trim formulas off its ends, as within a page. A stretch of the draft found in several
 * archived stories is one finding with a twin location for each (up to MAX_TWINS),
 * the earliest published first.
 */
import type { Finding, FindingLocation } from '../finding';
import { sliceCodePoints } from '../../text/code-points';
import { originalRange } from '../../text/normalize';
import type { ArchiveIndex, ArchiveLocation } from './archive-index';
import { DUPLICATE_RULES, duplicateFinding } from './messages';
import { trimAndCount } from './runs';
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateSettings } from './settings';
import { textBlocks, type CheckedStory } from './text-blocks';

const MAX_TWINS = 5;

export type ArchiveCheckOptions = {
  settings?: DuplicateSettings;
  /** Archived story ids not to compare with (the draft itself once it is published). */
  excludeIds?: readonly string[];
};

type Hit = { start: number; end: number; chars: number; twins: ArchiveLocation[] };

/** Runs of `draft` already in the archive (≥ settings.archive counted characters). */
export function checkAgainstArchive(
  index: ArchiveIndex,
  draft: CheckedStory,
  options: ArchiveCheckOptions = {},
): Finding[] {
  const settings = options.settings ?? DEFAULT_DUPLICATE_SETTINGS;
  const exclude = new Set(options.excludeIds ?? []);
  const skip = exclude.size ? (s: { id: string }) => exclude.has(s.id) : undefined;
  const findings: Finding[] = [];
  for (const block of textBlocks(draft, 0, settings)) {
    const runs = index.findRuns(block.norm.codes, skip);
    if (runs.length === 0) continue;
    const none = new Uint8Array(block.norm.codes.length);
    const hits: Hit[] = [];
    for (const r of runs.sort((x, y) => x.draftStart - y.draftStart || x.textStart - y.textStart)) {
      const trimmed = trimAndCount(
        { aStart: r.draftStart, aEnd: r.draftEnd, bStart: r.draftStart, bEnd: r.draftEnd },
        block.harmless,
        none,
        settings.harmlessMaxChars,
      );
      if (!trimmed || trimmed.counted < settings.archive) continue;
      const { aStart, aEnd } = trimmed.run;
      // The archived characters of the trimmed stretch: same kept characters, shifted.
      const span = index.keptSpan(r.textStart, aStart - r.draftStart, aEnd - aStart);
      const twin = index.locate(span.start, span.end);
      const same = hits.find((h) => aStart < h.end && h.start < aEnd);
      if (same) {
        same.start = Math.min(same.start, aStart);
        same.end = Math.max(same.end, aEnd);
        same.chars = Math.max(same.chars, trimmed.counted);
        if (!same.twins.some((t) => t.story === twin.story)) same.twins.push(twin);
      } else {
        hits.push({ start: aStart, end: aEnd, chars: trimmed.counted, twins: [twin] });
      }
    }
    for (const hit of hits) {
      const twins = [...hit.twins].sort((x, y) =>
        x.story.date < y.story.date ? -1 : x.story.date > y.story.date ? 1 : 0,
      );
      const first = twins[0]!.story;
      const { start, end } = originalRange(block.norm, hit.start, hit.end);
      const here: FindingLocation = {
        story: draft.key,
        field: block.field,
        paragraph: block.paragraph,
        start,
        end,
        text: sliceCodePoints(block.text, start, end),
      };
      const there = twins.slice(0, MAX_TWINS).map((t): FindingLocation => ({
        story: t.story.id,
        field: 'body',
        paragraph: t.paragraph,
        start: t.start,
        end: t.end,
        text: t.text,
      }));
      findings.push(
        duplicateFinding(
          DUPLICATE_RULES.archive,
          'warning',
          {
            chars: hit.chars,
            twinHeadline: first.title,
            date: first.date,
            twinStory: first.id,
            twins: twins.length,
          },
          [here, ...there],
        ),
      );
    }
  }
  return findings;
}
