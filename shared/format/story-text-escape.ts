/**
 * The backslash escapes of the story text format (story-md.ts). A body line is
 * trimmed and read for its block marker, so anything that a trim, a line split or
 * a marker would change is written as an escape instead:
 *
 * - `\\` a backslash, `\n` a line feed, `\r` a carriage return, `\t` a tab;
 * - `\u{3000}` any code point by its hex number (used for control characters,
 *   U+2028/U+2029, lone surrogates, and white space at either end of a text);
 * - `\` before ASCII punctuation is that character (`\#`, `\>`, `\!`, `\]`, `\"`).
 *
 * A backslash before anything else is kept as a literal backslash, so text a person
 * typed with a stray `\` still reads as typed.
 */
import { StoryFormatError } from './story-format-error';

const WHITE = /^\s$/u;

/** Control characters, line and paragraph separators, lone surrogates: unsafe in a line. */
function alwaysEscaped(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff);
}
const ASCII_PUNCT = /^[!-/:-@[-`{-~]$/;

function codePointEscape(ch: string): string {
  return `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
}

/**
 * Escapes text so it survives a line of the format unchanged. `special` lists
 * characters that end the field the text sits in (`]` in a caption, `"` in a
 * credit, `}` in an id); they get a backslash.
 */
export function escapeText(text: string, special = ''): string {
  const chars = Array.from(text);
  const out = chars.map((ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === '\n') return '\\n';
    if (alwaysEscaped(ch)) return codePointEscape(ch);
    if (special.includes(ch)) return `\\${ch}`;
    return ch;
  });
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (first !== undefined && WHITE.test(first)) out[0] = codePointEscape(first);
  if (last !== undefined && WHITE.test(last)) out[out.length - 1] = codePointEscape(last);
  return out.join('');
}

/** Reads the escapes back; `line` names the source line in an error. */
export function unescapeText(raw: string, line: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const next = raw[i + 1] as string;
    if (next === 'n' || next === 'r' || next === 't') {
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : '\t';
      i++;
    } else if (next === 'u' && raw[i + 2] === '{') {
      const end = raw.indexOf('}', i + 3);
      const hex = end < 0 ? '' : raw.slice(i + 3, end);
      const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) {
        throw new StoryFormatError(
          line,
          `"\\u{${hex}}" is not a valid escape; write a code point as \\u{3000}`,
        );
      }
      out += String.fromCodePoint(code);
      i = end;
    } else if (ASCII_PUNCT.test(next)) {
      out += next;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Index of the first `stop` character in raw at or after `from` that is not escaped, or -1. */
export function findUnescaped(raw: string, stop: string, from: number): number {
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === '\\' && raw.startsWith('u{', i + 1)) {
      const end = raw.indexOf('}', i + 3);
      i = end < 0 ? raw.length : end;
    } else if (raw[i] === '\\') i++;
    else if (raw[i] === stop) return i;
  }
  return -1;
}
