/* eslint-disable no-control-regex -- the rules name control characters on purpose */
/**
 * File names that are safe on Windows, macOS and Linux, with Chinese kept: the export
 * names folders and files after headlines, and a headline can hold anything.
 *
 * - path separators and Windows' forbidden characters <>:"/\|?* and every control
 *   character (C0, DEL, C1, bidi overrides, line/paragraph separators) become "_";
 * - no leading dot or space (no hidden files, never "." or ".."), no trailing dot or
 *   space (Windows drops them, so two names would collide);
 * - reserved device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, also with superscript
 *   digits and with an extension: "con.txt") get a leading "_";
 * - at most `maxBytes` bytes of UTF-8 (255 is every file system's limit; less leaves room
 *   for a path), cut at a character boundary, the extension kept when there is one;
 * - NFC, so a name typed on macOS and on Windows is the same name.
 * The result is never empty and `safeFileName(safeFileName(x)) === safeFileName(x)`.
 */

export type SafeNameOptions = {
  /** Longest name in UTF-8 bytes (default 120). */
  maxBytes?: number;
  /** What an empty result becomes (default "_"). */
  fallback?: string;
};

const UNSAFE =
  /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** UTF-8 length (shared/ has no TextEncoder in its types; this is all it needs). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
const bytes = utf8Length;

/** The longest prefix of `text` (whole code points) within `max` UTF-8 bytes. */
function cutToBytes(text: string, max: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = bytes(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}

function trimEnds(name: string): string {
  return name.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

export function safeFileName(input: string, options: SafeNameOptions = {}): string {
  const maxBytes = Math.max(8, options.maxBytes ?? 120);
  const fallback = options.fallback ?? '_';
  let name = trimEnds(input.normalize('NFC').replace(UNSAFE, '_'));
  // Unpaired surrogates cannot be encoded as UTF-8 file names.
  name = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '_');
  if (bytes(name) > maxBytes) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && bytes(name.slice(dot)) <= maxBytes / 2 ? name.slice(dot) : '';
    name = trimEnds(cutToBytes(name.slice(0, name.length - ext.length), maxBytes - bytes(ext))) + ext;
    name = trimEnds(name);
  }
  if (name === '') name = fallback;
  const stem = name.split('.')[0] ?? '';
  if (RESERVED.test(stem.trim())) name = trimEnds(cutToBytes(`_${name}`, maxBytes));
  return name;
}

/**
 * A short readable slug for a story folder or image: the headline without
 * punctuation and spaces (Chinese kept), safe and at most `maxBytes`.
 */
export function slugOf(text: string, maxBytes = 48): string {
  const words = text.normalize('NFC').replace(/[\p{P}\p{S}\s]+/gu, '');
  return safeFileName(words, { maxBytes, fallback: 'story' });
}
