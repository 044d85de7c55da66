/**
 * Differences between two revisions of a story, field by field, character by
 * character (issue 6: Chinese text has no words to diff by). Reuses the Myers
 * diff of shared/text/char-diff.
 */
import { bodyPlainText } from '../model/body';
import type { StoryContent } from '../model/story';
import { diffChars, type CharDiff, type DiffOp } from '../text/char-diff';

/** The fields a revision diff shows, in reading order. */
export const DIFF_FIELDS = [
  'kicker',
  'headline',
  'subheadline',
  'dateline',
  'byline',
  'body',
  'captions',
  'figures',
] as const;
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
    if (a[field] === b[field])
      return { field, changed: false, ops: a[field] ? [{ op: 'equal', text: a[field] }] : [] };
    return { field, changed: true, ops: diffText(a[field], b[field]) };
  });
}

/** Lines are compared as symbols from a private-use plane, one per distinct line. */
const LINE_SYMBOLS = 0xf0000;

/**
 * The character diff of two multi-line texts, in two steps so its cost follows the
 * size of the change within each paragraph, not across the whole story: Myers over
 * the lines (each distinct line one symbol), then Myers over the characters of each
 * changed paragraph paired with its replacement. A whole-text Myers over 20,000
 * characters costs O(N·D) time and O(D²) memory, seconds once D reaches hundreds.
 */
export function diffText(from: string, to: string): CharDiff {
  const a = from.split('\n');
  const b = to.split('\n');
  const ids = new Map<string, number>();
  const symbol = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return String.fromCodePoint(LINE_SYMBOLS + id);
  };
  const lineDiff = diffChars(a.map(symbol).join(''), b.map(symbol).join('')) ?? [];
  const out: CharDiff = [];
  const push = (op: DiffOp['op'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let ai = 0;
  let bi = 0;
  // The line break before a line belongs to each side that already has a line.
  const breakBefore = (inA: boolean, inB: boolean) => {
    const a2 = inA && ai > 0;
    const b2 = inB && bi > 0;
    if (a2 && b2) push('equal', '\n');
    else if (a2) push('delete', '\n');
    else if (b2) push('insert', '\n');
  };
  for (let k = 0; k < lineDiff.length; k++) {
    const part = lineDiff[k]!;
    const count = Array.from(part.text).length;
    if (part.op === 'equal') {
      for (let i = 0; i < count; i++) {
        breakBefore(true, true);
        push('equal', a[ai++]!);
        bi++;
      }
      continue;
    }
    // A run of deleted lines followed by inserted ones: pair them up, paragraph by paragraph.
    const next = lineDiff[k + 1];
    const deleted = part.op === 'delete' ? count : 0;
    const inserted = part.op === 'insert' ? count : next?.op === 'insert' ? Array.from(next.text).length : 0;
    if (part.op === 'delete' && next?.op === 'insert') k++;
    const pairs = Math.min(deleted, inserted);
    for (let i = 0; i < pairs; i++) {
      breakBefore(true, true);
      for (const op of diffChars(a[ai++]!, b[bi++]!) ?? []) push(op.op, op.text);
    }
    for (let i = pairs; i < deleted; i++) {
      breakBefore(true, false);
      push('delete', a[ai++]!);
    }
    for (let i = pairs; i < inserted; i++) {
      breakBefore(false, true);
      push('insert', b[bi++]!);
    }
  }
  return out;
}
