/**
 * Traditional characters in simplified text (issue 5), through opencc-js (the
 * JavaScript port of OpenCC, a maintained conversion library): convert each text
 * traditional → simplified (mainland) and report the characters that change.
 * - script.traditional (error, fix: the simplified form): 經濟 → 经济;
 * - script.traditional-ambiguous (warning, no fix): characters that are also right in
 *   simplified text in some words or names (於 as a surname, 乾坤, 宫商角徵羽, 慰藉),
 *   which a character-level conversion cannot tell apart.
 * Characters in settings.script.allow are never reported.
 */
import { Converter } from 'opencc-js/t2cn';

import type { Hit, TextRule } from '../copy-text';

export const AMBIGUOUS_TRADITIONAL = '於乾徵藉著瞭夥鍾';

let convert: ((s: string) => string) | null = null;

/** The converter, built on first use (building its dictionaries takes ~30 ms once). */
function t2s(s: string): string {
  convert ??= Converter({ from: 't', to: 'cn' });
  return convert(s);
}

/** Quick test: text with no character from the CJK blocks needs no conversion. */
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;

type Change = { start: number; end: number; from: string; to: string; ambiguous: boolean };

function changes(text: string, allow: string): Change[] {
  const out: Change[] = [];
  if (!CJK.test(text)) return out;
  const converted = t2s(text);
  if (converted === text) return out;
  const a = Array.from(text);
  let b = Array.from(converted);
  if (a.length !== b.length) b = a.map((ch) => t2s(ch)); // phrase conversions that changed length
  let u = 0;
  for (let i = 0; i < a.length; i++) {
    const ch = a[i]!;
    const to = b[i]!;
    if (to !== ch && !allow.includes(ch)) {
      const ambiguous = AMBIGUOUS_TRADITIONAL.includes(ch);
      const last = out[out.length - 1];
      if (last && last.end === u && !last.ambiguous && !ambiguous) {
        last.end += ch.length;
        last.from += ch;
        last.to += to;
      } else out.push({ start: u, end: u + ch.length, from: ch, to, ambiguous });
    }
    u += ch.length;
  }
  return out;
}

/** Both script rules read one conversion per text: cache the last one. */
let lastText = '';
let lastAllow = '';
let lastChanges: Change[] = [];
function cachedChanges(text: string, allow: string): Change[] {
  if (text !== lastText || allow !== lastAllow) {
    lastChanges = changes(text, allow);
    lastText = text;
    lastAllow = allow;
  }
  return lastChanges;
}

export const traditionalRule: TextRule = {
  id: 'script.traditional',
  family: 'script',
  scope: 'text',
  severity: 'error',
  message: 'Traditional characters "{found}" in simplified text: write "{right}"',
  check(text, _unit, ctx) {
    return cachedChanges(text, ctx.settings.script.allow)
      .filter((c) => !c.ambiguous)
      .map((c): Hit => ({
        start: c.start,
        end: c.end,
        replacement: c.to,
        params: { found: c.from, right: c.to },
      }));
  },
};

export const traditionalAmbiguousRule: TextRule = {
  id: 'script.traditional-ambiguous',
  family: 'script',
  scope: 'text',
  severity: 'warning',
  message: '"{found}" is usually traditional for "{right}" (right only in some words and names)',
  check(text, _unit, ctx) {
    return cachedChanges(text, ctx.settings.script.allow)
      .filter((c) => c.ambiguous)
      .map((c): Hit => ({ start: c.start, end: c.end, params: { found: c.from, right: c.to } }));
  },
};
