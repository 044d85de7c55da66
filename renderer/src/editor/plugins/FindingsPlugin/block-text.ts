/**
 * From a finding's location (CODE-POINT offsets into one body block's text, as the
 * checks give them) to the text nodes of that block in the editor. Pure: the plugin
 * reads the block as pieces (text nodes and line breaks, find-text.ts) and asks here.
 */
import { utf16Offset } from '../../../../../shared/text/code-points';
import { blockString, type Piece, type Segment } from '../FindReplacePlugin/find-text';

/** UTF-16 offsets of the location in the block, or null when the block no longer has that text there. */
export function rangeInBlock(
  pieces: readonly Piece[],
  location: { start: number; end: number; text: string },
): { start: number; end: number } | null {
  const text = blockString(pieces);
  const start = utf16Offset(text, location.start);
  const end = utf16Offset(text, location.end);
  if (end <= start || text.slice(start, end) !== location.text) return null;
  return { start, end };
}

/** The text-node segments covering [start, end) of the block; line breaks inside are skipped. */
export function textSegments(pieces: readonly Piece[], start: number, end: number): Segment[] {
  const out: Segment[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const len = piece.key === null ? 1 : piece.text.length;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + len);
    if (piece.key !== null && from < to) out.push({ key: piece.key, from: from - offset, to: to - offset });
    offset += len;
    if (offset >= end) break;
  }
  return out;
}
