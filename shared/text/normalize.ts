/**
 * Normalisation of Chinese text for matching, with an offset map back to the original.
 *
 * Domain §9 and issue 4: matching ignores punctuation width (，vs ,), spaces and line
 * breaks, and full-width vs half-width digits; every finding must point back at the
 * exact original characters. The rules, applied to each code point:
 *
 * - full-width ASCII forms (U+FF01–U+FF5E) become their ASCII twins (１７５８ → 1758, Ａ → A);
 * - ASCII letters are lower-cased (Latin words in Chinese copy are not case-significant);
 * - punctuation of every kind (Unicode P: ，。、；：“”《》（）——……· and their ASCII
 *   twins), separators and white space (Z, \s, U+3000) and control/format characters
 *   (Cc, Cf: zero-width spaces, BOM) are DROPPED. Dropping punctuation rather than
 *   mapping full- to half-width is deliberate: a copy whose comma became a full stop,
 *   or whose clause gained a comma, is still the same text for a duplicate check;
 * - everything else (Han characters, digits, symbols such as ％ ℃ ～) is kept as is.
 *
 * Every kept code point becomes exactly one normalised code point, so the map is
 * one index per normalised character: `origin[i]` is the code-point offset (NOT the
 * UTF-16 offset) in the original text of normalised character i. A normalised range
 * [a, b) therefore covers the original code points [origin[a], origin[b-1] + 1): the
 * matched characters and any punctuation between them, never punctuation outside.
 */

/** Folded code for each BMP code unit: -1 dropped, otherwise the code point to compare. */
let foldTable: Int32Array | null = null;

const DROPPED = /^[\p{P}\p{Z}\p{Cc}\p{Cf}\s]$/u;

function buildFoldTable(): Int32Array {
  const table = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      table[c] = c; // surrogates: combined by the callers; a lone one is kept as is
      continue;
    }
    let folded = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
    if (folded >= 0x41 && folded <= 0x5a) folded += 0x20;
    table[c] = DROPPED.test(String.fromCharCode(folded)) ? -1 : folded;
  }
  return table;
}

/**
 * The fold table (built once, ~65k entries): `table[unit]` is -1 when the UTF-16
 * code unit is dropped, otherwise its folded code. Surrogate units map to themselves.
 */
export function matchFoldTable(): Int32Array {
  foldTable ??= buildFoldTable();
  return foldTable;
}

/** Folds one code point (astral code points are kept as is). -1 means dropped. */
export function foldCodePoint(cp: number): number {
  return cp > 0xffff ? cp : matchFoldTable()[cp]!;
}

/** Text normalised for matching, with the map back to the original. */
export type NormalizedText = {
  /** Folded code points, one per kept original code point. */
  readonly codes: Int32Array;
  /** `origin[i]`: code-point offset in the original of normalised character i. */
  readonly origin: Int32Array;
  /** Length of the original in code points. */
  readonly sourceLength: number;
};

/** Scratch space for normalisation (grown on demand): the result is copied out once. */
let scratch = new Int32Array(2 * 4096);

/** Normalises `text` for matching (see the module comment for the rules). */
export function normalizeForMatch(text: string): NormalizedText {
  return normalizeAllForMatch([text])[0]!;
}

/**
 * Normalises several texts (the blocks of a story) into one buffer: each result is a
 * view of it, so a story costs one allocation however many blocks it has.
 */
export function normalizeAllForMatch(texts: readonly string[]): NormalizedText[] {
  let units = 0;
  for (const text of texts) units += text.length;
  if (scratch.length < 2 * units) scratch = new Int32Array(2 * units);
  const work = scratch;
  const table = matchFoldTable();
  // codes go to work[0, units), origins to work[units, 2 * units).
  const kept = new Int32Array(texts.length);
  const sources = new Int32Array(texts.length);
  let n = 0;
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t]!;
    const length = text.length;
    const first = n;
    let cp = 0; // code-point offset of the current character
    for (let u = 0; u < length; u++, cp++) {
      const unit = text.charCodeAt(u);
      let folded: number;
      if (unit >= 0x3400 && unit <= 0x9fff) {
        folded = unit; // CJK ideographs (the bulk of the copy) are kept as they are
      } else if (unit >= 0xd800 && unit <= 0xdbff && u + 1 < length) {
        const low = text.charCodeAt(u + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          folded = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          u++;
        } else folded = unit;
      } else folded = table[unit]!;
      if (folded < 0) continue;
      work[n] = folded;
      work[units + n] = cp;
      n++;
    }
    kept[t] = n - first;
    sources[t] = cp;
  }
  const out = new Int32Array(2 * n);
  out.set(work.subarray(0, n));
  out.set(work.subarray(units, units + n), n);
  const results: NormalizedText[] = [];
  let at = 0;
  for (let t = 0; t < texts.length; t++) {
    const count = kept[t]!;
    results.push({
      codes: out.subarray(at, at + count),
      origin: out.subarray(n + at, n + at + count),
      sourceLength: sources[t]!,
    });
    at += count;
  }
  return results;
}

/** The original code-point range [start, end) covered by normalised range [from, to) (to > from). */
export function originalRange(
  norm: NormalizedText,
  from: number,
  to: number,
): { start: number; end: number } {
  if (!(from >= 0 && to > from && to <= norm.codes.length)) {
    throw new RangeError(`normalised range [${from}, ${to}) is outside 0..${norm.codes.length}`);
  }
  return { start: norm.origin[from]!, end: norm.origin[to - 1]! + 1 };
}

/** The normalised text as a string (astral code points included), e.g. for phrase search. */
export function normalizedString(norm: NormalizedText): string {
  let out = '';
  for (let i = 0; i < norm.codes.length; i += 4096) {
    out += String.fromCodePoint(...norm.codes.subarray(i, i + 4096));
  }
  return out;
}

/** Normalises a short phrase (a stoplist entry, a headline) to its code points. */
export function normalizePhrase(text: string): number[] {
  return Array.from(normalizeForMatch(text).codes);
}
