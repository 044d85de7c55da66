/**
 * Passage comments stay on their passage while the text around them changes
 * (issue 6). An anchor keeps the block, code-point offsets and the quoted text;
 * after an edit the quote is looked for where it was, then in the nearest blocks,
 * taking the occurrence closest to the old offset. A quote that is gone leaves the
 * comment unanchored (lost), still listed, never deleted.
 */
import { blocksOfBody } from '../model/body';
import type { StoryContent } from '../model/story';
import { codePointLength, codePointOffset, sliceCodePoints, utf16Offset } from '../text/code-points';
import type { AnchorField, CommentAnchor, ReviewComment } from './schemas';

/** The texts of a field, one per block (photos are empty blocks, so indexes match the body). */
export function fieldBlocks(content: Pick<StoryContent, AnchorField>, field: AnchorField): string[] {
  if (field !== 'body') return [content[field]];
  return blocksOfBody(content.body).map((b) => (b.type === 'photo' ? '' : b.text));
}

/**
 * The anchor for selection [start, end) of one block, or null when out of range.
 * `whole` (a headline line only) anchors to the line as such, whatever its text.
 */
export function makeAnchor(
  content: Pick<StoryContent, AnchorField>,
  field: AnchorField,
  block: number,
  start: number,
  end: number,
  whole = false,
): CommentAnchor | null {
  const text = fieldBlocks(content, field)[block];
  if (whole) {
    if (field === 'body' || text === undefined) return null;
    return { field, block: 0, start: 0, end: codePointLength(text), quote: text, lost: false, whole: true };
  }
  if (text === undefined || start < 0 || end <= start || end > codePointLength(text)) return null;
  return { field, block, start, end, quote: sliceCodePoints(text, start, end), lost: false };
}

/** The anchor moved to where its quote now is, or marked lost. */
export function reanchor(anchor: CommentAnchor, content: Pick<StoryContent, AnchorField>): CommentAnchor {
  return reanchorInBlocks(anchor, fieldBlocks(content, anchor.field));
}

/**
 * The same over the field's block texts as they are now (the renderer passes the
 * live editor's blocks, so a mark follows its passage between saves).
 */
export function reanchorInBlocks(anchor: CommentAnchor, blocks: readonly string[]): CommentAnchor {
  // A whole-line comment belongs to the line, not to words on it.
  if (anchor.whole) return anchor;
  const here = blocks[anchor.block];
  if (here !== undefined && sliceCodePoints(here, anchor.start, anchor.end) === anchor.quote) {
    return anchor.lost ? { ...anchor, lost: false } : anchor;
  }
  const length = codePointLength(anchor.quote);
  for (let d = 0; d < blocks.length + anchor.block + 1; d++) {
    for (const b of d === 0 ? [anchor.block] : [anchor.block - d, anchor.block + d]) {
      const text = blocks[b];
      if (text === undefined) continue;
      const at = nearestOccurrence(text, anchor.quote, anchor.start);
      if (at !== null) return { ...anchor, block: b, start: at, end: at + length, lost: false };
    }
  }
  return anchor.lost ? anchor : { ...anchor, lost: true };
}

/** Every anchored comment of a story re-anchored against new content (unchanged ones keep their identity). */
export function reanchorComments(
  comments: readonly ReviewComment[],
  content: Pick<StoryContent, AnchorField>,
): ReviewComment[] {
  return comments.map((c) => {
    if (!c.anchor) return c;
    const moved = reanchor(c.anchor, content);
    return moved === c.anchor ? c : { ...c, anchor: moved };
  });
}

/** Code-point offset of the occurrence of `quote` in `text` nearest to code-point offset `near`. */
function nearestOccurrence(text: string, quote: string, near: number): number | null {
  const nearUnit = utf16Offset(text, near);
  let best: number | null = null;
  let bestDistance = Infinity;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    const distance = Math.abs(i - nearUnit);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    } else if (i > nearUnit) {
      break;
    }
  }
  return best === null ? null : codePointOffset(text, best);
}
