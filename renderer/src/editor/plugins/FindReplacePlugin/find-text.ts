/**
 * Find and replace over the body's blocks, without an editor: the plugin reads
 * each top-level block as a list of pieces (text nodes, and line breaks that a
 * match may not cross) and applies the edits this module plans. Pure and tested.
 */

/** A text node's share of a block's text; key null marks a line break. */
export type Piece = { key: string | null; text: string };

export type Match = { block: number; start: number; end: number };

export type FindOptions = { matchCase: boolean };

/** Stops a one-letter query in a 200,000-character paste from building a huge list. */
export const MAX_MATCHES = 10_000;

/** Half-width forms of the CJK punctuation and symbols that have one (U+FF61–FF64, U+FFE0–FFE6). */
const HALF_OF: Record<string, string> = {
  '\uff61': '\u3002', // ｡ → 。
  '\uff62': '\u300c', // ｢ → 「
  '\uff63': '\u300d', // ｣ → 」
  '\uff64': '\u3001', // ､ → 、
  '\u3000': ' ', // ideographic space → space
  '\uffe0': '\u00a2',
  '\uffe1': '\u00a3',
  '\uffe2': '\u00ac',
  '\uffe3': '\u00af',
  '\uffe4': '\u00a6',
  '\uffe5': '\u00a5', // ￥ → ¥
  '\uffe6': '\u20a9',
};

/**
 * Width folding: a full-width letter, digit or sign (U+FF01–FF5E: "２０２６", "，",
 * "（") is found by its ASCII form and the other way round, as reporters mix the
 * two (an input method's full-width digits, a pasted half-width comma); likewise
 * the ideographic space and the half-width CJK punctuation. Every fold is one
 * UTF-16 unit to one, so a match's offsets hold in the original text.
 */
export function foldWidth(text: string): string {
  return text.replace(
    /[\u3000\uff01-\uff5e\uff61-\uff64\uffe0-\uffe6]/g,
    (ch) => HALF_OF[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Width folding always; ASCII case folding unless case must match. Offsets never move (see foldWidth). */
function fold(text: string, matchCase: boolean): string {
  const folded = foldWidth(text);
  return matchCase ? folded : folded.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export function blockString(pieces: readonly Piece[]): string {
  return pieces.map((p) => (p.key === null ? '\n' : p.text)).join('');
}

export function findMatches(blocks: readonly string[], query: string, options: FindOptions): Match[] {
  if (query === '') return [];
  const needle = fold(query, options.matchCase);
  const matches: Match[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const hay = fold(blocks[b]!, options.matchCase);
    let at = hay.indexOf(needle);
    while (at >= 0) {
      matches.push({ block: b, start: at, end: at + needle.length });
      if (matches.length >= MAX_MATCHES) return matches;
      at = hay.indexOf(needle, at + needle.length);
    }
  }
  return matches;
}

/** Where each match lies in the text nodes: [key, from, to] segments in document order. */
export type Segment = { key: string; from: number; to: number };

export function segmentsOf(pieces: readonly Piece[], start: number, end: number): Segment[] | null {
  const segments: Segment[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const len = piece.key === null ? 1 : piece.text.length;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + len);
    if (from < to || (start === end && start === offset)) {
      if (piece.key === null) return null; // a match never crosses a line break
      segments.push({ key: piece.key, from: from - offset, to: to - offset });
    }
    offset += len;
    if (offset >= end) break;
  }
  return segments.length > 0 ? segments : null;
}

/** One splice on one text node: delete [offset, offset+remove) and insert `insert`. */
export type Edit = { key: string; offset: number; remove: number; insert: string };

/**
 * The edits that replace `matches` (all in one block, any order) by `replacement`,
 * in an order that keeps every offset valid when applied one after the other:
 * last match first, and within a match the later text nodes first. The
 * replacement goes into the match's first text node, so it takes that node's
 * bold/italic.
 */
export function planReplacements(
  pieces: readonly Piece[],
  matches: readonly Match[],
  replacement: string,
): Edit[] {
  const edits: Edit[] = [];
  const sorted = [...matches].sort((a, b) => b.start - a.start);
  for (const match of sorted) {
    const segments = segmentsOf(pieces, match.start, match.end);
    if (!segments) continue;
    for (let i = segments.length - 1; i >= 0; i--) {
      const s = segments[i]!;
      edits.push({ key: s.key, offset: s.from, remove: s.to - s.from, insert: i === 0 ? replacement : '' });
    }
  }
  return edits;
}

/** Applies edits to plain strings (for tests, and as the specification of what the editor does). */
export function applyEdits(pieces: readonly Piece[], edits: readonly Edit[]): Piece[] {
  const out = pieces.map((p) => ({ ...p }));
  for (const e of edits) {
    const p = out.find((x) => x.key === e.key);
    if (p) p.text = p.text.slice(0, e.offset) + e.insert + p.text.slice(e.offset + e.remove);
  }
  return out;
}

/** The match to start from: the first at or after the caret, wrapping to the first. */
export function matchAtOrAfter(matches: readonly Match[], block: number, offset: number): number {
  if (matches.length === 0) return -1;
  const i = matches.findIndex((m) => m.block > block || (m.block === block && m.start >= offset));
  return i < 0 ? 0 : i;
}
