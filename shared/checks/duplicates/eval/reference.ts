/**
 * The exhaustive reference of the duplicate check (issue 15), written apart from the
 * check: no winnowing, no fingerprints, none of check-page.ts, runs.ts or harmless.ts.
 * Every maximal run shared by every pair of places of a page (every body block and every
 * caption) is found by comparing every pair of positions, O(n²), and judged by the
 * rules as docs/adr/004-duplicate-check.md states them:
 *
 * - lengths count normalised characters (punctuation, spaces dropped; full-width ASCII
 *   folded; Latin lower-cased) and a run counts at its FULL length;
 * - a run is a harmless repeat when at most harmlessMaxChars of its characters lie outside
 *   quoted names (“…” 《…》 「…」 『…』 up to quoteMaxChars, no sentence end inside),
 *   stoplist phrases and echoes of the headline (for a caption: also of a subhead), on
 *   both sides; dateline/byline formula characters at a run's ends are not part of it;
 * - nothing under the noise threshold (min(runWarning, crossStory)) is ever reported, except a
 *   block shorter than it printed twice whole (a subhead: a paragraph printed twice from
 *   paragraphMinChars characters);
 * - runs of one pair that overlap on both sides merge (a repeat inside a repeat);
 * - one finding per pair of places at the highest severity any rule gives it: a caption
 *   beside the body only a warning for a run ≥ runError; within a story, one run covering
 *   ≥ paragraphCoverage of the shorter block is an error (paragraph printed twice);
 *   blocks alike (LCS / longer ≥ nearSimilarity, or runs covering the shorter block) are a
 *   near-duplicate, an error within a story when a run ≥ runError, else a warning;
 *   otherwise each run ≥ runError (same story) is an error, ≥ runWarning a warning, and
 *   between two stories each run ≥ crossStory a warning.
 */
import { blocksOfBody, type StoryContent } from '../../../model';
import { DEFAULT_STOPLIST } from '../stoplist';
import type { DuplicateSettings } from '../settings';

export type EvalPlace = {
  /** Index of the story in the page. */
  story: number;
  field: 'body' | 'caption';
  /** Index among the body's blocks (a caption: its photo block). */
  paragraph: number;
  /** Code-point offsets in the block's text. */
  start: number;
  end: number;
};

export type ReferenceFinding = {
  severity: 'error' | 'warning';
  rule: 'paragraph' | 'near-paragraph' | 'run' | 'cross-story' | 'caption';
  chars: number;
  places: [EvalPlace, EvalPlace];
};

export type RefBlock = {
  story: number;
  field: 'body' | 'caption';
  paragraph: number;
  kind: 'paragraph' | 'subhead' | 'quote' | 'caption';
  text: string;
  /** Normalised characters and, for each, its code-point offset in `text`. */
  chars: string[];
  origin: number[];
  /** 1: formula (dateline, byline), 2: another harmless character. */
  marks: Uint8Array;
};

const DROP = /[\p{P}\p{Z}\p{Cc}\p{Cf}\s]/u;

/** Normalised characters of `text` and where each came from. */
export function normalise(text: string): { chars: string[]; origin: number[] } {
  const chars: string[] = [];
  const origin: number[] = [];
  Array.from(text).forEach((ch, i) => {
    let c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    let folded = String.fromCodePoint(c);
    if (DROP.test(folded)) return;
    folded = folded.toLowerCase();
    chars.push(folded);
    origin.push(i);
  });
  return { chars, origin };
}

const QUOTE_PAIRS: ReadonlyArray<[string, string]> = [
  ['“', '”'],
  ['《', '》'],
  ['「', '」'],
  ['『', '』'],
];
const SENTENCE_END = /[。！？!?；;]/u;
const STOP = DEFAULT_STOPLIST.map((p) => normalise(p).chars.join(''));

/** The code-point spans of quoted names and the formula of a block. */
function spansOf(text: string, quoteMax: number): Array<[number, number, number]> {
  const cps = Array.from(text);
  const spans: Array<[number, number, number]> = [];
  for (const [open, close] of QUOTE_PAIRS) {
    for (let i = 0; i < cps.length; i++) {
      if (cps[i] !== open) continue;
      let j = i + 1;
      while (j < cps.length && cps[j] !== close && cps[j] !== open) j++;
      if (j >= cps.length || cps[j] !== close) continue;
      const inner = cps.slice(i + 1, j).join('');
      if (!SENTENCE_END.test(inner) && normalise(inner).chars.length <= quoteMax) spans.push([i, j + 1, 2]);
      i = j;
    }
  }
  const lead =
    /^\s*(?:本报讯|本报[\p{Script=Han}\d]{1,12}电|(?:新华社|中新社)[\p{Script=Han}\d]{1,16}电)/u.exec(text);
  if (lead) {
    let end = Array.from(lead[0]).length;
    const rest = cps.slice(end).join('');
    const credits = /^\s*[（(]\s*(?:本报|特约|见习)?(?:记者|通讯员|实习生)[^（）()]{0,80}[）)]/u.exec(rest);
    if (credits) end += Array.from(credits[0]).length;
    spans.push([0, end, 1]);
  }
  const tail = /[（(][\p{Script=Han}·\s]{2,30}[）)]\s*$/u.exec(text);
  if (tail) spans.push([Array.from(text.slice(0, tail.index)).length, cps.length, 1]);
  return spans;
}

/** Every 4-gram (echoMinChars) of some lines. */
function gramsOf(lines: readonly string[], n: number): Set<string> {
  const out = new Set<string>();
  for (const line of lines) {
    const chars = normalise(line).chars;
    for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  }
  return out;
}

/** The places of a story the check compares, with their harmless marks. */
export function referenceBlocks(
  content: Pick<StoryContent, 'kicker' | 'headline' | 'subheadline' | 'body' | 'photos'>,
  story: number,
  settings: DuplicateSettings,
): RefBlock[] {
  const body = blocksOfBody(content.body);
  const heads = [content.kicker, content.headline, content.subheadline];
  const subheads = body.flatMap((b) => (b.type === 'subhead' ? [b.text] : []));
  const bodyGrams = gramsOf(heads, settings.echoMinChars);
  const captionGrams = gramsOf([...heads, ...subheads], settings.echoMinChars);
  const out: RefBlock[] = [];
  body.forEach((block, paragraph) => {
    let text: string;
    let kind: RefBlock['kind'];
    if (block.type === 'photo') {
      const caption = content.photos.find((p) => p.id === block.photoId)?.caption ?? '';
      text = caption;
      kind = 'caption';
    } else {
      text = block.text;
      kind = block.type;
    }
    const { chars, origin } = normalise(text);
    if (chars.length === 0) return;
    const marks = new Uint8Array(chars.length);
    for (const [from, to, kindMark] of spansOf(text, settings.quoteMaxChars)) {
      chars.forEach((_, i) => {
        if (origin[i]! >= from && origin[i]! < to) marks[i] ||= kindMark;
      });
    }
    const joined = chars.join('');
    for (const phrase of [...STOP, ...settings.stoplist.map((p) => normalise(p).chars.join(''))]) {
      if (phrase.length < 2) continue;
      for (let at = joined.indexOf(phrase); at >= 0; at = joined.indexOf(phrase, at + 1)) {
        // A BMP-only text: string offsets are character offsets (astral text is marked conservatively).
        for (let i = at; i < at + phrase.length && i < marks.length; i++) marks[i] ||= 2;
      }
    }
    const grams = kind === 'caption' ? captionGrams : bodyGrams;
    const n = settings.echoMinChars;
    for (let i = 0; i + n <= chars.length; i++) {
      if (grams.has(chars.slice(i, i + n).join(''))) for (let j = i; j < i + n; j++) marks[j] ||= 2;
    }
    out.push({
      story,
      field: kind === 'caption' ? 'caption' : 'body',
      paragraph,
      kind,
      text,
      chars,
      origin,
      marks,
    });
  });
  return out;
}

type RefRun = { a: number; b: number; len: number };

/** Every maximal run of at least `min` characters shared by blocks x and y (x may be y). */
function maximalRuns(x: RefBlock, y: RefBlock, min: number): RefRun[] {
  const A = x.chars;
  const B = y.chars;
  const self = x === y;
  const out: RefRun[] = [];
  for (let i = 0; i < A.length; i++) {
    for (let j = self ? i + 1 : 0; j < B.length; j++) {
      if (A[i] !== B[j]) continue;
      if (i > 0 && j > 0 && A[i - 1] === B[j - 1]) continue; // not the start of a maximal run
      let len = 1;
      while (i + len < A.length && j + len < B.length && A[i + len] === B[j + len]) len++;
      if (self) len = Math.min(len, j - i); // the two copies of one block do not overlap
      if (len >= min) out.push({ a: i, b: j, len });
    }
  }
  return out;
}

/** A run without formula characters at its ends, or null when it is a harmless repeat. */
function judgeRun(x: RefBlock, y: RefBlock, run: RefRun, settings: DuplicateSettings): RefRun | null {
  let { a, b, len } = run;
  while (len > 0 && (x.marks[a] === 1 || y.marks[b] === 1)) {
    a++;
    b++;
    len--;
  }
  while (len > 0 && (x.marks[a + len - 1] === 1 || y.marks[b + len - 1] === 1)) len--;
  if (len === 0) return null;
  let outside = 0;
  for (let i = 0; i < len; i++) if (!x.marks[a + i] && !y.marks[b + i]) outside++;
  return outside <= settings.harmlessMaxChars ? null : { a, b, len };
}

/**
 * Runs of one pair that overlap on both sides (a repeat inside a repeat, seen on nearby
 * diagonals) are one copy: their spans united, their length the longest of them.
 */
function mergeOverlapping(runs: readonly RefRun[]): Array<RefRun & { aEnd: number; bEnd: number }> {
  let groups = runs.map((r) => ({ a: r.a, b: r.b, len: r.len, aEnd: r.a + r.len, bEnd: r.b + r.len }));
  for (let changed = true; changed;) {
    changed = false;
    const out: typeof groups = [];
    for (const g of groups) {
      const into = out.find((o) => g.a < o.aEnd && o.a < g.aEnd && g.b < o.bEnd && o.b < g.bEnd);
      if (!into) {
        out.push({ ...g });
        continue;
      }
      changed = true;
      into.a = Math.min(into.a, g.a);
      into.b = Math.min(into.b, g.b);
      into.aEnd = Math.max(into.aEnd, g.aEnd);
      into.bEnd = Math.max(into.bEnd, g.bEnd);
      into.len = Math.max(into.len, g.len);
    }
    groups = out;
  }
  return groups;
}

function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++)
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    prev = row;
  }
  return prev[b.length]!;
}

function place(block: RefBlock, from: number, to: number): EvalPlace {
  return {
    story: block.story,
    field: block.field,
    paragraph: block.paragraph,
    start: block.origin[from]!,
    end: block.origin[to - 1]! + 1,
  };
}

/** The findings the documented rules give a page (stories in page order). */
export function referenceCheck(
  stories: ReadonlyArray<Pick<StoryContent, 'kicker' | 'headline' | 'subheadline' | 'body' | 'photos'>>,
  settings: DuplicateSettings,
): ReferenceFinding[] {
  const blocks = stories.flatMap((content, i) => referenceBlocks(content, i, settings));
  const noise = Math.min(settings.runWarning, settings.crossStory);
  const findings: ReferenceFinding[] = [];
  for (let xi = 0; xi < blocks.length; xi++) {
    for (let yi = xi; yi < blocks.length; yi++) {
      const x = blocks[xi]!;
      const y = blocks[yi]!;
      // A block shorter than the noise threshold printed twice (a subhead) is compared whole.
      const twice =
        x !== y &&
        x.chars.length < noise &&
        x.chars.length === y.chars.length &&
        x.chars.every((c, i) => c === y.chars[i]);
      const runs = (twice ? [{ a: 0, b: 0, len: x.chars.length }] : maximalRuns(x, y, noise))
        .map((r) => judgeRun(x, y, r, settings))
        .filter((r): r is RefRun => r !== null && (twice || r.len >= noise));
      if (runs.length === 0) continue;
      findings.push(...judgePair(x, y, mergeOverlapping(runs), settings));
    }
  }
  return findings;
}

type Merged = RefRun & { aEnd: number; bEnd: number };

function judgePair(x: RefBlock, y: RefBlock, runs: Merged[], s: DuplicateSettings): ReferenceFinding[] {
  const whole = (rule: ReferenceFinding['rule'], severity: ReferenceFinding['severity'], chars: number) => [
    {
      rule,
      severity,
      chars,
      places: [place(x, 0, x.chars.length), place(y, 0, y.chars.length)] as [EvalPlace, EvalPlace],
    },
  ];
  const each = (rule: ReferenceFinding['rule'], severityOf: (len: number) => 'error' | 'warning' | null) =>
    runs.flatMap((r) => {
      const severity = severityOf(r.len);
      return severity
        ? [
            {
              rule,
              severity,
              chars: r.len,
              places: [place(x, r.a, r.aEnd), place(y, r.b, r.bEnd)] as [EvalPlace, EvalPlace],
            },
          ]
        : [];
    });
  const longest = Math.max(...runs.map((r) => r.len));
  if ((x.kind === 'caption') !== (y.kind === 'caption'))
    return each('caption', (len) => (len >= s.runError ? 'warning' : null));
  const sameStory = x.story === y.story;
  const shorter = Math.min(x.chars.length, y.chars.length);
  const longer = Math.max(x.chars.length, y.chars.length);
  if (x !== y) {
    if (
      sameStory &&
      shorter >= s.paragraphMinChars &&
      runs.some((r) => r.len >= s.paragraphCoverage * shorter)
    )
      return whole('paragraph', 'error', longest);
    if (shorter >= s.nearMinChars) {
      const alike =
        shorter >= s.nearSimilarity * longer && lcs(x.chars, y.chars) >= s.nearSimilarity * longer;
      const side = x.chars.length <= y.chars.length ? 'a' : 'b';
      const covered = new Set<number>();
      for (const r of runs)
        for (let i = side === 'a' ? r.a : r.b; i < (side === 'a' ? r.aEnd : r.bEnd); i++) covered.add(i);
      if (alike || covered.size >= s.paragraphCoverage * shorter)
        return whole('near-paragraph', sameStory && longest >= s.runError ? 'error' : 'warning', longest);
    }
  }
  if (!sameStory) return each('cross-story', (len) => (len >= s.crossStory ? 'warning' : null));
  return each('run', (len) => (len >= s.runError ? 'error' : len >= s.runWarning ? 'warning' : null));
}
