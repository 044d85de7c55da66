/**
 * Harmless repeats (domain §9: what editors do NOT want flagged). Each rule marks
 * normalised characters of a text block as harmless. The marks decide whether a matched
 * run is harmless, not how long it is (runs.ts): a run with at most harmlessMaxChars
 * characters outside the marks on both sides (a slogan plus a word or two) is a harmless
 * repeat; any other run is a copy and counts at its full length, quoted names included.
 * Formula characters (datelines, bylines, jump lines) at a run's edges are trimmed off:
 * they are the page's furniture, not part of a copied sentence. These are rules about
 * the form of the text, plus a stoplist of set phrases, never a list of particular sentences:
 *
 * 1. dateline/byline formula at the start of a block: 本报讯（记者 … 通讯员 …）,
 *    本报北京3月5日电, 新华社…电, an organisation line "■…", an end byline "（刘丙楠）",
 *    and jump lines （上接B6版）/（下转B7版）;
 * 2. quoted names and slogans: “…”, 《…》, 「…」, 『…』 whose content is short
 *    (≤ quoteMaxChars) and holds no sentence end (。！？；): a slogan or policy name,
 *    not reported speech, which does count;
 * 3. stoplist phrases (stoplist.ts plus the paper's own);
 * 4. echoes: body text sharing ≥ echoMinChars characters with the story's kicker,
 *    headline or subheadline, and caption text sharing them with a subhead.
 */
import { normalizeAllForMatch, normalizeForMatch, type NormalizedText } from '../../text/normalize';
import { RollingHash } from './fingerprints';
import type { DuplicateSettings } from './settings';
import { DEFAULT_STOPLIST } from './stoplist';

const DATELINE = String.raw`(?:本报讯|本报[\p{Script=Han}\d]{1,12}电|(?:新华社|中新社)[\p{Script=Han}\d]{1,16}电)`;
const CREDITS = String.raw`[（(]\s*(?:本报|特约|见习)?(?:记者|通讯员|实习生)[^（）()]{0,80}[）)]`;
const BYLINE_START = new RegExp(String.raw`^\s*(?:${DATELINE}\s*(?:${CREDITS})?|${CREDITS})`, 'u');
const ORG_LINE = /^\s*■[^。！？\n]{0,60}$/u;
const END_BYLINE = /[（(][\p{Script=Han}·\s]{2,30}[）)]\s*$/u;
const JUMP_LINE = /[（(]\s*(?:上接|下转)\s*[A-Z]\d{1,2}\s*版?\s*[）)]/gu;
const QUOTED = /“[^“”]*”|《[^《》]*》|「[^「」]*」|『[^『』]*』/gu;
const SENTENCE_END = /[。！？!?；;]/u;
const CLOSES_BRACKET = 1;
const HAS_JUMP = 2;
const HAS_QUOTE = 4;

/** Mask values: a formula character (trimmed off a run's edges) or another harmless one. */
export const FORMULA = 1;
export const HARMLESS = 2;

/** Which of the rules' markers `text` has: a closing bracket at the end, 上接/下转, an opening quote. */
function markersIn(text: string): number {
  let marks = 0;
  let last = text.length - 1;
  while (last >= 0 && /\s/.test(text[last]!)) last--;
  if (text[last] === '）' || text[last] === ')') marks |= CLOSES_BRACKET;
  for (let u = 0; u < text.length; u++) {
    const c = text.charCodeAt(u);
    if (c === 0x201c || c === 0x300a || c === 0x300c || c === 0x300e)
      marks |= HAS_QUOTE; // “ 《 「 『
    else if (
      (c === 0x4e0a && text.charCodeAt(u + 1) === 0x63a5) ||
      (c === 0x4e0b && text.charCodeAt(u + 1) === 0x8f6c)
    ) {
      marks |= HAS_JUMP; // 上接 下转
    }
  }
  return marks;
}

/**
 * Code-point spans [start, end) of `text` covered by the formula and quote rules (1 and 2),
 * each with its mask value (FORMULA, or HARMLESS for a quoted name).
 */
export function formulaSpans(text: string, quoteMaxChars: number): Array<[number, number, number]> {
  const spans: Array<[number, number, number]> = [];
  const add = (from: number, to: number, kind = FORMULA) => {
    // Regex indices are UTF-16; convert to code points.
    spans.push([cp(text, from), cp(text, to), kind]);
  };
  const start = BYLINE_START.exec(text);
  if (start) add(0, start[0].length);
  if (ORG_LINE.test(text)) add(0, text.length);
  // One cheap pass first: most paragraphs end in 。and hold no jump line or quote.
  const marks = markersIn(text);
  if (marks & CLOSES_BRACKET) {
    const end = END_BYLINE.exec(text);
    if (end) add(end.index, text.length);
  }
  if (marks & HAS_JUMP) {
    for (const m of text.matchAll(JUMP_LINE)) add(m.index, m.index + m[0].length);
  }
  if (!(marks & HAS_QUOTE)) return spans;
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[0].slice(1, -1);
    if (SENTENCE_END.test(inner)) continue;
    if (normalizeForMatch(inner).codes.length > quoteMaxChars) continue;
    add(m.index, m.index + m[0].length, HARMLESS);
  }
  return spans;
}

function cp(text: string, unit: number): number {
  let n = 0;
  for (let u = 0; u < unit; u++, n++) {
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < unit) {
      const low = text.charCodeAt(u + 1);
      if (low >= 0xdc00 && low <= 0xdfff) u++;
    }
  }
  return n;
}

/** Finds stoplist phrases in normalised text: phrases indexed by their first two characters. */
export class StopMatcher {
  readonly #byPrefix = new Map<number, Int32Array[]>();
  /** 1 for each BMP code that starts a phrase: most characters are ruled out without a map lookup. */
  readonly #starts = new Uint8Array(0x10000);
  #astralStarts = false;

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const codes = normalizeForMatch(phrase).codes;
      if (codes.length < 2) continue;
      const key = prefixKey(codes[0]!, codes[1]!);
      if (codes[0]! > 0xffff) this.#astralStarts = true;
      else this.#starts[codes[0]!] = 1;
      const list = this.#byPrefix.get(key);
      if (list) list.push(codes);
      else this.#byPrefix.set(key, [codes]);
    }
  }

  /** Marks every occurrence of a stop phrase in `codes`. */
  mark(codes: Int32Array, mask: Uint8Array): void {
    const starts = this.#starts;
    const astral = this.#astralStarts;
    for (let i = 0; i + 1 < codes.length; i++) {
      const code = codes[i]!;
      if (code > 0xffff ? !astral : starts[code] === 0) continue;
      const list = this.#byPrefix.get(prefixKey(codes[i]!, codes[i + 1]!));
      if (!list) continue;
      for (const phrase of list) {
        if (i + phrase.length > codes.length) continue;
        let j = 0;
        while (j < phrase.length && codes[i + j] === phrase[j]) j++;
        if (j === phrase.length) for (let m = i; m < i + phrase.length; m++) mask[m] ||= HARMLESS;
      }
    }
  }
}

/** A small-integer key (V8 keeps it unboxed); phrases are compared whole, so collisions are harmless. */
function prefixKey(a: number, b: number): number {
  return ((a << 11) ^ b) & 0x3fffffff;
}

const matchers = new WeakMap<readonly string[], StopMatcher>();

/** The stop matcher for a settings object (built once per stoplist array). */
export function stopMatcherFor(settings: DuplicateSettings): StopMatcher {
  let matcher = matchers.get(settings.stoplist);
  if (!matcher) {
    matcher = new StopMatcher([...DEFAULT_STOPLIST, ...settings.stoplist]);
    matchers.set(settings.stoplist, matcher);
  }
  return matcher;
}

/** The n-grams of some short texts (headline, subheads), hashed, and the characters they use. */
export type EchoGrams = {
  readonly hashes: ReadonlySet<number>;
  /** Bit (code mod 1024) set for each character of the lines: a cheap "might occur there". */
  readonly chars: Uint32Array;
};

/** Hashes of every n-gram of some short texts (headline, subheads): what an echo repeats. */
export function echoGrams(texts: readonly string[], n: number): EchoGrams {
  const chars = new Uint32Array(32);
  const hashes = new Set<number>();
  const rolling = new RollingHash(n);
  for (const norm of normalizeAllForMatch(texts)) {
    rolling.reset();
    for (const code of norm.codes) {
      chars[(code >>> 5) & 31]! |= 1 << (code & 31);
      if (rolling.push(code)) hashes.add(rolling.hash & 0x3fffffff);
    }
  }
  return { hashes, chars };
}

/** Marks the characters of `codes` covered by an n-gram found in `grams`. */
export function markEchoes(codes: Int32Array, grams: EchoGrams, n: number, mask: Uint8Array): void {
  if (grams.hashes.size === 0) return;
  const rolling = new RollingHash(n);
  // An echo's characters all occur in the echoed lines: the hash set is only asked
  // once the last n characters all did.
  const chars = grams.chars;
  let inLines = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    inLines = chars[(code >>> 5) & 31]! & (1 << (code & 31)) ? inLines + 1 : 0;
    if (rolling.push(code) && inLines >= n && grams.hashes.has(rolling.hash & 0x3fffffff))
      for (let j = i - n + 1; j <= i; j++) mask[j] ||= HARMLESS;
  }
}

/**
 * The harmless mask of one block (into `mask`, zeroed, when given): FORMULA or HARMLESS for
 * each normalised character a rule covers, 0 for the others.
 */
export function harmlessMask(
  text: string,
  norm: NormalizedText,
  settings: DuplicateSettings,
  echoes: EchoGrams,
  mask = new Uint8Array(norm.codes.length),
): Uint8Array {
  const spans = formulaSpans(text, settings.quoteMaxChars);
  if (spans.length) {
    // origin[] is increasing: walk it once per span.
    for (const [from, to, kind] of spans) {
      let i = lowerBound(norm.origin, from);
      while (i < norm.origin.length && norm.origin[i]! < to) mask[i++] ||= kind;
    }
  }
  stopMatcherFor(settings).mark(norm.codes, mask);
  markEchoes(norm.codes, echoes, settings.echoMinChars, mask);
  return mask;
}

function lowerBound(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
