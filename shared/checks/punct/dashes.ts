/**
 * Dashes and connectors (GB/T 15834 4.12–4.13, domain §2):
 * - punct.span-dash: spans of time use the connector "—": 1881-1936 → 1881—1936,
 *   2016-2020年, 3-5月; a half-width hyphen between Chinese words too (北京-上海);
 * - punct.range-tilde: numeric ranges use "～": 25-30℃, 5~6个 → 25～30℃, 5～6个;
 * - punct.dash-form: the 破折号 is "——" (two U+2014): "--", "――", "－－", "———" are wrong;
 * - punct.single-dash: a single "—" used as a 破折号: beside a comma, a full stop, a
 *   space or the end of the text (a warning; between two words or items, 北京—上海,
 *   社区党委—小区党支部, a single "—" is the connector and is left alone).
 */
import { isWide, type Hit, type TextRule } from '../copy-text';

const HYPHENS = '-－–‐‑';

/** number, hyphen, number (+ 年月日 or both four digits): a span of time. */
const SPAN = /(?<![\d.\-－–])(\d{1,4})(年|月|日)?(\s*[-－–‐‑]\s*)(\d{1,4})(?![\d.])(年|月|日|时|点)?/g;
const HAN_HYPHEN = /(?<=\p{Script=Han})[-－–‐‑](?=\p{Script=Han})/gu;

export const spanDashRule: TextRule = {
  id: 'punct.span-dash',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'A span of time or place takes the connector "—", not "{found}"',
  check(text) {
    const hits: Hit[] = [];
    if (![...HYPHENS].some((h) => text.includes(h))) return hits;
    for (const m of text.matchAll(SPAN)) {
      const [, a = '', unitA, sep = '', b = '', unitB] = m;
      const years = a.length === 4 && b.length === 4;
      const dated = unitA !== undefined || (unitB !== undefined && b.length <= 4);
      if (!years && !dated) continue;
      if (text[m.index + m[0].length] === '-' || a.startsWith('0')) continue; // 2024-06-12, 0851-
      if (!years && unitB === undefined) continue;
      const start = m.index + a.length + (unitA?.length ?? 0);
      hits.push({ start, end: start + sep.length, replacement: '—', params: { found: sep.trim() } });
    }
    for (const m of text.matchAll(HAN_HYPHEN)) {
      hits.push({ start: m.index, end: m.index + 1, replacement: '—', params: { found: m[0] } });
    }
    return hits.sort((x, y) => x.start - y.start);
  },
};

/** number, ~ or hyphen, number, then a unit (anything but a date word): a numeric range. */
const RANGE =
  /(?<![\d.\-－–])(\d+(?:\.\d+)?)(\s*[~〜\-－–‐‑]\s*)(\d+(?:\.\d+)?)(?![\d.-])(?=[%％‰℃\p{Script=Han}A-Za-z])/gu;

export const rangeTildeRule: TextRule = {
  id: 'punct.range-tilde',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'A numeric range takes "～", not "{found}"',
  check(text) {
    const hits: Hit[] = [];
    if (!/[~〜\-－–‐‑]/.test(text)) return hits;
    for (const m of text.matchAll(RANGE)) {
      const [, a = '', sep = '', b = ''] = m;
      const after = text[m.index + m[0].length] ?? '';
      if (/[年月日时点]/.test(after)) continue; // a span of time: punct.span-dash
      if (a.length === 4 && b.length === 4) continue;
      if (a.startsWith('0') && a.length > 1) continue; // a telephone number
      const start = m.index + a.length;
      hits.push({ start, end: start + sep.length, replacement: '～', params: { found: sep.trim() } });
    }
    return hits;
  },
};

/** Runs of dash-like marks that are not exactly "——" (or a single mark). */
const DASH_RUN = /[-－―–—]{2,}/g;

export const dashFormRule: TextRule = {
  id: 'punct.dash-form',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'The dash (破折号) is "——" (two U+2014), not "{found}"',
  check(text, unit) {
    const hits: Hit[] = [];
    if (!/[-－―–—]{2}/.test(text)) return hits;
    for (const m of text.matchAll(DASH_RUN)) {
      const run = m[0];
      if (run === '——') continue;
      // The 副题's leading dash is punct.subheadline-dash's business.
      if (unit.kind === 'subheadline' && text.slice(0, m.index).trim() === '') continue;
      if (!/[—―]/.test(run) && !isWide(text[m.index - 1]) && !isWide(text[m.index + run.length])) continue;
      hits.push({ start: m.index, end: m.index + run.length, replacement: '——', params: { found: run } });
    }
    return hits;
  },
};

/** Marks that may stand beside a connector joining quoted or bracketed items: “党建”—“业务”. */
const ITEM_EDGE = /[\p{Script=Han}A-Za-z”’）》“‘（《]/u;

export const singleDashRule: TextRule = {
  id: 'punct.single-dash',
  family: 'punct',
  scope: 'text',
  severity: 'warning',
  message: 'A single "—" used as a dash: the 破折号 is "——"',
  check(text, unit) {
    const hits: Hit[] = [];
    if (!text.includes('—')) return hits;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '—' || text[i - 1] === '—' || text[i + 1] === '—') continue;
      const prev = text[i - 1];
      const next = text[i + 1];
      if (/\d/.test(prev ?? '') || /\d/.test(next ?? '')) continue; // 2016—2020
      if (unit.kind === 'subheadline' && text.slice(0, i).trim() === '') continue;
      // Between two items (社区党委—小区党支部, 北京—上海) a single "—" is a connector.
      if (prev && next && ITEM_EDGE.test(prev) && ITEM_EDGE.test(next)) continue;
      if (!isWide(prev) && !isWide(next)) continue;
      hits.push({ start: i, end: i + 1, replacement: '——' });
    }
    return hits;
  },
};
