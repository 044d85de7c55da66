/**
 * What a paste may put into the body, whatever it came from (HTML, another
 * Lexical editor's JSON, plain text): a flat list of blocks of the body's own
 * kinds, each holding runs of text that may be bold and/or italic. Nothing else
 * survives the trip, so the editor never sees a style, a link, a table or an
 * unknown node. Pure: no DOM, no editor.
 */

import { MAX_LINE_CHARS } from '../../../../../shared/import/line-limit';

/** Lexical's TextNode format bits that the body keeps (IS_BOLD, IS_ITALIC). */
export const BOLD = 1;
export const ITALIC = 2;
export const ALLOWED_FORMAT = BOLD | ITALIC;

export type Run = { text: string; format: number } | { br: true };

export type TextBlockKind = 'paragraph' | 'subhead' | 'quote';

export type PasteBlock = { kind: TextBlockKind; runs: Run[] } | { kind: 'photo'; photoId: string };

/** A remote or local image found in pasted HTML; never inserted, only offered for import. */
export type PastedImage = { src: string; alt: string };

export type PasteContent = { blocks: PasteBlock[]; images: PastedImage[] };

/**
 * Characters that have no place in a printed body and are used to hide or
 * reorder text: C0 controls (except tab/newline), DEL, zero-width space and BOM
 * (WeChat sprinkles U+200B), and the bidi embedding/override/isolate marks.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\u00a0/g, ' ');
}

/** Leading/trailing white space of a block, including the full-width indent (U+3000 ×2) Chinese documents use. */
const EDGE_SPACE = /^[\s\u3000]+|[\s\u3000]+$/g;
const LEAD_SPACE = /^[\s\u3000]+/;
const TRAIL_SPACE = /[\s\u3000]+$/;

export function blockText(block: PasteBlock): string {
  if (block.kind === 'photo') return '';
  return block.runs.map((r) => ('br' in r ? '\n' : r.text)).join('');
}

/**
 * Trims a block's edges (indentation, stray spaces and line breaks) and merges
 * neighbouring runs of the same format. Returns null when nothing is left.
 */
export function tidyRuns(runs: readonly Run[]): Run[] | null {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if ('br' in run) {
      merged.push(run);
    } else if (run.text === '') {
      continue;
    } else if (last && !('br' in last) && last.format === run.format) {
      merged[merged.length - 1] = { text: last.text + run.text, format: last.format };
    } else {
      merged.push({ text: run.text, format: run.format & ALLOWED_FORMAT });
    }
  }
  // Trim the start.
  while (merged.length > 0) {
    const first = merged[0]!;
    if ('br' in first) {
      merged.shift();
      continue;
    }
    const text = first.text.replace(LEAD_SPACE, '');
    if (text === '') merged.shift();
    else {
      merged[0] = { text, format: first.format };
      break;
    }
  }
  // Trim the end.
  while (merged.length > 0) {
    const last = merged[merged.length - 1]!;
    if ('br' in last) {
      merged.pop();
      continue;
    }
    const text = last.text.replace(TRAIL_SPACE, '');
    if (text === '') merged.pop();
    else {
      merged[merged.length - 1] = { text, format: last.format };
      break;
    }
  }
  return merged.length > 0 ? merged : null;
}

/** Longest text (in code points) that a bold-only paragraph may have and still be read as a subhead. */
export const SUBHEAD_MAX_CHARS = 30;
const SENTENCE_END = /[。，；：、,;:.!?！？…]$/u;

/**
 * A paragraph set entirely in bold, short, and not ending like a sentence is how
 * Word, WPS and WeChat authors usually mark a 小标题 ("一、夯实基层基础").
 * Such a paragraph becomes a subhead; its bold is dropped because the subhead
 * style carries it.
 */
export function isBoldOnlySubhead(runs: readonly Run[]): boolean {
  let text = '';
  for (const run of runs) {
    if ('br' in run) return false;
    if (run.text.trim() === '') {
      text += run.text;
      continue;
    }
    if ((run.format & BOLD) === 0) return false;
    text += run.text;
  }
  text = text.replace(EDGE_SPACE, '');
  return text.length > 0 && [...text].length <= SUBHEAD_MAX_CHARS && !SENTENCE_END.test(text);
}

export function withoutBold(runs: readonly Run[]): Run[] {
  return runs.map((r) => ('br' in r ? r : { text: r.text, format: r.format & ~BOLD }));
}

/**
 * Plain text to blocks: one paragraph per non-empty line. Used for text/plain
 * and as the fallback when HTML yields nothing. Linear in the text's length.
 */
export function blocksFromPlainText(text: string): PasteBlock[] {
  const blocks: PasteBlock[] = [];
  for (const line of cleanText(text).split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const trimmed = line.replace(EDGE_SPACE, '');
    if (trimmed !== '') blocks.push({ kind: 'paragraph', runs: [{ text: trimmed, format: 0 }] });
  }
  return blocks;
}

/**
 * The first pasted block longer than a paragraph may be (MAX_LINE_CHARS, the
 * importers' limit, issue 16), or null. Such a paste is refused whole, before
 * any node is built: a 30 MB line would make a body no check or save can handle.
 */
export function overlongBlock(blocks: readonly PasteBlock[]): { block: number; length: number } | null {
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'photo') continue;
    let length = 0;
    for (const run of block.runs) if (!('br' in run)) length += run.text.length;
    if (length > MAX_LINE_CHARS) return { block: i + 1, length };
  }
  return null;
}

/** The most top-level blocks a body may have: the stored format's limit (LexicalStateSchema, shared/model/body.ts). */
export const MAX_BODY_BLOCKS = 20_000;

/** What a capped paste kept: the first `kept` of `total` blocks, the last kept block's text. */
export type PasteCap = { total: number; kept: number; lastKept: string };

/**
 * Keeps the first blocks of a paste that fit into a body of `bodyBlocks` blocks
 * (the paste may add at most one block per pasted block). A paste beyond the
 * limit would make a body that cannot be saved, after building and laying out
 * every block for nothing; it is cut at a block boundary instead, and `cap`
 * says what was kept, so the reporter can paste the rest into another story.
 */
export function capToBody(
  blocks: readonly PasteBlock[],
  bodyBlocks: number,
): { blocks: readonly PasteBlock[]; cap: PasteCap | null } {
  const room = Math.max(0, MAX_BODY_BLOCKS - bodyBlocks);
  if (blocks.length <= room) return { blocks, cap: null };
  const kept = blocks.slice(0, room);
  const last = kept[kept.length - 1];
  return {
    blocks: kept,
    cap: { total: blocks.length, kept: kept.length, lastKept: last ? blockText(last) : '' },
  };
}
