/**
 * Differences between two revisions of a story, field by field, character by
 * character (issue 6: Chinese text has no words to diff by). Reuses the Myers
 * diff of shared/text/char-diff.
 */
import { bodyPlainText } from '../model/body';
import type { StoryContent } from '../model/story';
import { diffChars, type CharDiff } from '../text/char-diff';

/** The fields a revision diff shows, in reading order. */
export const DIFF_FIELDS = ['kicker', 'headline', 'subheadline', 'dateline', 'byline', 'body', 'captions', 'figures'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export type FieldDiff = { field: DiffField; changed: boolean; ops: CharDiff };

/** A story's text fields as plain text: what a person compares between two versions. */
export function plainFields(content: StoryContent): Record<DiffField, string> {
  return {
    kicker: content.kicker,
    headline: content.headline,
    subheadline: content.subheadline,
    dateline: content.dateline,
    byline: content.byline.credits
      .map((c) => (c.kind === 'organisation' ? c.name : `${c.role} ${c.names.join(' ')}`.trim()))
      .join('；'),
    body: bodyPlainText(content.body),
    captions: content.photos.map((p) => `${p.caption} ${p.creditName}${p.creditKind}`.trim()).join('\n'),
    figures: content.figures.map((f) => `${f.label}${f.qualifier}${f.value}${f.unit}`).join('\n'),
  };
}

/** Field-by-field character diff from `from` to `to`. Unchanged fields carry one equal op. */
export function diffRevisions(from: StoryContent, to: StoryContent): FieldDiff[] {
  const a = plainFields(from);
  const b = plainFields(to);
  return DIFF_FIELDS.map((field) => {
    if (a[field] === b[field]) return { field, changed: false, ops: a[field] ? [{ op: 'equal', text: a[field] }] : [] };
    return { field, changed: true, ops: diffChars(a[field], b[field]) ?? [] };
  });
}
