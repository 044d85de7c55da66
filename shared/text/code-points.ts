/**
 * Code-point offsets. Findings count characters in code points (issue 4), not in
 * UTF-16 units as JavaScript strings do, so a name written with an astral Han
 * character (𠮷) counts once everywhere. The editor converts with `utf16Offset`.
 */

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let u = 0; u < text.length; u++, n++) {
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const low = text.charCodeAt(u + 1);
      if (low >= 0xdc00 && low <= 0xdfff) u++;
    }
  }
  return n;
}

/** UTF-16 offset of code-point offset `cp` in `text` (clamped to the text's end). */
export function utf16Offset(text: string, cp: number): number {
  let u = 0;
  for (let n = 0; n < cp && u < text.length; n++, u++) {
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const low = text.charCodeAt(u + 1);
      if (low >= 0xdc00 && low <= 0xdfff) u++;
    }
  }
  return u;
}

/** Code-point offset of UTF-16 offset `unit` in `text`. */
export function codePointOffset(text: string, unit: number): number {
  return codePointLength(text.slice(0, unit));
}

/** The characters between code-point offsets [start, end). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const from = utf16Offset(text, start);
  return text.slice(from, from + utf16Offset(text.slice(from), end - start));
}
