/**
 * Generated pages with planted copies (issue 15: "how you know it holds"). A page is a few
 * stories (headline, byline, dateline lead, paragraphs, a subhead, photo captions, an end
 * byline) built from the sentence pool (sentences.ts, no shared runs of its own), and the
 * copies an editor's mistakes make are planted into it, each recorded with the severity the
 * documented thresholds give it (docs/adr/004-duplicate-check.md):
 *
 * - `paragraph-twice`: a paragraph printed twice, the copy then edited (a sentence dropped
 *   or added, a number changed, punctuation width changed, or left as it is);
 * - `run-in-story`: a run of 12–400 characters spliced into another paragraph of the story;
 * - `run-same-paragraph`: a run repeated inside its own paragraph;
 * - `run-cross-story`: a run shared between two stories of the page;
 * - `caption-echo`: a caption repeating words of the story's body;
 * - `slogan-words`: a long quoted name with a word or two around it, copied: a harmless repeat;
 * - `subhead-twice`: a subhead printed again further down the story (an error from
 *   paragraphMinChars characters; a shorter one is never reported).
 *
 * Runs are planted with and without a quoted name inside and with their punctuation width
 * changed (，→, 。→.). A copy whose expected severity is null is one that must NOT be
 * reported (under the noise threshold, or harmless). Everything is drawn from one seeded
 * generator, so a page is reproduced from its seed.
 */
import { bodyFromBlocks, newStory, contentOf, type BodyBlock, type StoryContent } from '../../../model';
import { seededRandom } from '../../../testing/seeded-random';
import type { DuplicateSettings } from '../settings';
import { normalise, referenceBlocks, type EvalPlace } from './reference';
import { HEADLINES, LONG_SLOGANS, NAMES, SENTENCES, SLOGANS, SUBHEADS } from './sentences';

export const PLANT_KINDS = [
  'paragraph-twice',
  'run-in-story',
  'run-same-paragraph',
  'run-cross-story',
  'caption-echo',
  'slogan-words',
  'subhead-twice',
] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

export type Plant = {
  id: number;
  kind: PlantKind;
  /** The copy holds a quoted name. */
  quoted: boolean;
  /** The copy's punctuation width was changed. */
  punctuation: boolean;
  /** How the copy was edited (paragraph-twice), or '' */
  edit: string;
  /** Normalised length of the longest run the two places share along the planted copy. */
  chars: number;
  /** What the documented rules give it; null: must not be reported. */
  expected: 'error' | 'warning' | null;
  /** The two places (code points of the block texts). */
  places: [EvalPlace, EvalPlace];
};

export type GeneratedPage = {
  seed: number;
  stories: StoryContent[];
  plants: Plant[];
};

type Block = {
  kind: 'paragraph' | 'subhead' | 'caption';
  text: string;
  /** Sentences of a paragraph (without their 。). */
  sentences: string[];
  /** May be the source of a copy: no dateline at its start, no end byline. */
  source: boolean;
  used: boolean;
  credit?: string;
};
type Story = { headline: string; byline: string[]; role: string; blocks: Block[] };

type Pending = {
  kind: PlantKind;
  quoted: boolean;
  punctuation: boolean;
  edit: string;
  from: Block;
  to: Block;
  /** Normalised start in `from` and in `to`, and length (paragraph-twice: 0, 0, whole). */
  at: [number, number, number];
};

const PUNCT_SWAP: Record<string, string> = { '，': ',', '。': '.', '：': ':', '；': ';' };

/** Punctuation to its half-width twin and digits to full width: what a retyped copy changes. */
function changeWidths(text: string): string {
  return text
    .replace(/[，。：；]/gu, (c) => PUNCT_SWAP[c]!)
    .replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** A page from `seed`; `plants: false` gives the page without any planted copy. */
export function generatePage(
  seed: number,
  settings: DuplicateSettings,
  options: { plants?: boolean } = {},
): GeneratedPage {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  const long = rnd() < 0.35;
  const slogan = long ? pick(LONG_SLOGANS) : pick(SLOGANS);
  const pool = shuffle(SENTENCES);
  const sentence = () => {
    const s = pool.pop();
    if (s === undefined) return null;
    return s.replace(/「Q」/g, slogan).replace(/N/g, () => String(int(2, 980)));
  };
  const heads = shuffle(HEADLINES);
  const subheads = shuffle(SUBHEADS);
  const names = shuffle(NAMES);

  const storyCount = int(3, 5);
  const longStory = int(0, storyCount - 1);
  const stories: Story[] = [];
  for (let s = 0; s < storyCount; s++) {
    const byline = [names.pop()!, ...(rnd() < 0.5 ? [names.pop()!] : [])];
    const blocks: Block[] = [];
    const paragraphs = int(3, 6);
    for (let p = 0; p < paragraphs; p++) {
      const count = s === longStory && p === 1 ? int(16, 26) : int(2, 6);
      const sentences: string[] = [];
      for (let i = 0; i < count; i++) {
        const next = sentence();
        if (next) sentences.push(next);
      }
      if (sentences.length === 0) break;
      let text = sentences.join('。') + '。';
      let source = true;
      if (p === 0 && rnd() < 0.7) {
        // The forms printed pages use: with the role, names alone, half-width brackets.
        const form = rnd();
        const names = byline.join(' ');
        text =
          (form < 0.4 ? `本报讯（记者 ${names}）` : form < 0.8 ? `本报讯（${names}）` : `本报讯(${names})`) +
          text;
        source = false;
      }
      if (p === paragraphs - 1 && rnd() < 0.3) {
        text += `（${byline[0]}）`;
        source = false;
      }
      blocks.push({ kind: 'paragraph', text, sentences, source, used: false });
      if (p === 1 && rnd() < 0.4 && subheads.length)
        blocks.push({ kind: 'subhead', text: subheads.pop()!, sentences: [], source: false, used: true });
    }
    if (rnd() < 0.4) {
      const words = sentence();
      if (words)
        blocks.splice(int(1, blocks.length), 0, {
          kind: 'caption',
          text: `图为${words}。`,
          sentences: [],
          source: false,
          used: true,
          credit: pick(NAMES),
        });
    }
    stories.push({
      headline: heads.pop() ?? `第${s + 1}篇`,
      byline,
      role: rnd() < 0.5 ? '记者' : '',
      blocks,
    });
  }

  const pending: Pending[] = [];
  const storyOf = (b: Block) => stories.findIndex((s) => s.blocks.includes(b));
  const free = (filter: (b: Block, story: number) => boolean) =>
    stories.flatMap((st, si) => st.blocks.filter((b) => !b.used && b.kind === 'paragraph' && filter(b, si)));
  const lengthOf = (b: Block) => normalise(b.text).chars.length;

  /** A normalised slice [a, a+len) of `from`, not cutting a quoted name; prefers one holding a quote. */
  const sliceOf = (from: Block, len: number, quoted: boolean): number | null => {
    const { chars, origin } = normalise(from.text);
    const cps = Array.from(from.text);
    const quotes: Array<[number, number]> = [];
    for (let i = 0; i < chars.length; i++) {
      const open = cps[origin[i]! - 1];
      if (open === '“' || open === '《') {
        let j = i;
        while (j < chars.length && !/[”》]/u.test(cps[origin[j]! + 1] ?? '')) j++;
        quotes.push([i, j + 1]);
        i = j;
      }
    }
    const cuts = (a: number) =>
      quotes.some(([qs, qe]) => (a > qs && a < qe) || (a + len > qs && a + len < qe));
    const candidates: number[] = [];
    for (let a = 0; a + len <= chars.length; a++) {
      if (cuts(a)) continue;
      const holds = quotes.some(([qs, qe]) => a <= qs && a + len >= qe);
      if (holds === quoted) candidates.push(a);
    }
    return candidates.length ? pick(candidates) : null;
  };

  /**
   * Copies normalised [a, a+len) of `from` into `to` after a sentence end or a comma (never
   * inside the copied stretch itself); returns the normalised starts of the original and of the copy.
   */
  const splice = (from: Block, a: number, len: number, to: Block, punctuation: boolean): [number, number] => {
    const { origin } = normalise(from.text);
    const cps = Array.from(from.text);
    const first = origin[a]!;
    const last = origin[a + len - 1]!;
    let copy = cps.slice(first, last + 1).join('');
    if (punctuation) copy = changeWidths(copy);
    const target = Array.from(to.text);
    const points: number[] = [];
    const lead = /^本报讯（[^）]*）/u.exec(to.text);
    if (!lead) points.push(0);
    target.forEach((c, i) => {
      if (c === '。' || (c === '，' && rnd() < 0.3)) points.push(i + 1);
    });
    const allowed = to === from ? points.filter((at) => at <= first || at > last) : points;
    const at = pick(allowed.length ? allowed : [target.length]);
    to.text = [...target.slice(0, at), copy, '。', ...target.slice(at)].join('');
    const b = normalise(target.slice(0, at).join('')).chars.length;
    return [to === from && b <= a ? a + len : a, b];
  };

  const band = (): [number, number] => {
    const r = rnd();
    if (r < 0.25) return [12, 19];
    if (r < 0.45) return [20, 29];
    if (r < 0.55) return [30, 34];
    if (r < 0.8) return [35, 100];
    return [100, 400];
  };

  const plantRun = (kind: PlantKind) => {
    const quoted = kind === 'slogan-words' || rnd() < 0.5;
    const punctuation = rnd() < 0.3;
    const sources = free((b) => b.source);
    if (sources.length === 0) return;
    let from = pick(sources);
    let len: number;
    if (kind === 'slogan-words') {
      if (!long) return;
      const holding = sources.filter((b) => b.text.includes(slogan));
      if (holding.length === 0) return;
      from = pick(holding);
      len = normalise(slogan).chars.length + 6;
    } else if (kind === 'caption-echo') {
      len = rnd() < 0.6 ? int(6, 29) : int(30, 45);
    } else {
      const [lo, hi] = band();
      const bigger = sources.filter((b) => Math.floor(0.7 * lengthOf(b)) >= lo);
      if (bigger.length === 0) return;
      from = pick(bigger);
      len = int(lo, Math.min(hi, Math.floor(0.7 * lengthOf(from))));
    }
    if (len > lengthOf(from)) return;
    const a = sliceOf(from, len, quoted);
    if (a === null) return;
    const story = storyOf(from);
    if (kind === 'caption-echo') {
      const to: Block = {
        kind: 'caption',
        text: '',
        sentences: [],
        source: false,
        used: true,
        credit: pick(NAMES),
      };
      const blocks = stories[story]!.blocks;
      blocks.splice(blocks.indexOf(from) + 1, 0, to);
      const { origin } = normalise(from.text);
      to.text = `图为${Array.from(from.text)
        .slice(origin[a]!, origin[a + len - 1]! + 1)
        .join('')}。`;
      from.used = true;
      pending.push({ kind, quoted, punctuation: false, edit: '', from, to, at: [a, 2, len] });
      return;
    }
    const cross = kind === 'run-cross-story' || (kind === 'slogan-words' && rnd() < 0.5);
    const targets =
      kind === 'run-same-paragraph'
        ? [from]
        : free((b, si) => b !== from && (cross ? si !== story : si === story) && lengthOf(b) >= 0.2 * len);
    if (targets.length === 0) return;
    const to = pick(targets);
    const [source, b] = splice(from, a, len, to, punctuation);
    from.used = true;
    to.used = true;
    pending.push({ kind, quoted, punctuation, edit: '', from, to, at: [source, b, len] });
  };

  const plantParagraph = () => {
    const sources = free((b) => b.source && b.sentences.length >= 4);
    if (sources.length === 0) return;
    const from = pick(sources);
    const edits = ['exact', 'drop', 'add', 'number', 'drop', 'add'];
    for (let attempt = 0; attempt < 6; attempt++) {
      const edit = pick(edits);
      const sentences = [...from.sentences];
      if (edit === 'drop') sentences.splice(int(0, sentences.length - 1), 1);
      else if (edit === 'add') {
        const extra = sentence();
        if (!extra) continue;
        sentences.splice(int(0, sentences.length), 0, extra);
      } else if (edit === 'number') {
        const withNumber = sentences.findIndex((s) => /\d/u.test(s));
        if (withNumber < 0) continue;
        sentences[withNumber] = sentences[withNumber]!.replace(/\d+/u, (d) => String(Number(d) + int(1, 9)));
      }
      const punctuation = rnd() < 0.3;
      let text = sentences.join('。') + '。';
      if (punctuation) text = changeWidths(text);
      const pieces = sharedEnds(normalise(from.text).chars, normalise(text).chars);
      if (pieces.some((p) => p > 0 && p < settings.runWarning)) continue;
      const to: Block = { kind: 'paragraph', text, sentences, source: false, used: true };
      const blocks = stories[storyOf(from)]!.blocks;
      blocks.splice(int(blocks.indexOf(from) + 1, blocks.length), 0, to);
      from.used = true;
      pending.push({
        kind: 'paragraph-twice',
        quoted: from.text.includes('“') || from.text.includes('《'),
        punctuation,
        edit,
        from,
        to,
        at: [0, 0, 0],
      });
      return;
    }
  };

  const plantSubhead = () => {
    const holding = stories.filter((st) => st.blocks.some((b) => b.kind === 'subhead'));
    if (holding.length === 0) return;
    const story = pick(holding);
    const from = story.blocks.find((b) => b.kind === 'subhead')!;
    if (pending.some((p) => p.from === from)) return;
    const to: Block = { kind: 'subhead', text: from.text, sentences: [], source: false, used: true };
    story.blocks.splice(int(story.blocks.indexOf(from) + 2, story.blocks.length), 0, to);
    pending.push({
      kind: 'subhead-twice',
      quoted: false,
      punctuation: false,
      edit: '',
      from,
      to,
      at: [0, 0, 0],
    });
  };

  const plants = options.plants === false ? 0 : int(3, 6);
  for (let i = 0; i < plants; i++) {
    const r = rnd();
    if (r < 0.22) plantParagraph();
    else if (r < 0.47) plantRun('run-in-story');
    else if (r < 0.55) plantRun('run-same-paragraph');
    else if (r < 0.8) plantRun('run-cross-story');
    else if (r < 0.88) plantRun('caption-echo');
    else if (r < 0.94) plantRun('slogan-words');
    else plantSubhead();
  }

  const contents = stories.map((story, si) => contentOfStory(story, si));
  const refBlocks = contents.map((c, si) => referenceBlocks(c, si, settings));
  const refOf = (b: Block) => {
    const si = storyOf(b);
    const index = bodyIndex(stories[si]!, b);
    return refBlocks[si]!.find((r) => r.paragraph === index)!;
  };
  const planted: Plant[] = pending.map((p, id) => {
    const x = refOf(p.from);
    const y = refOf(p.to);
    const base = { id, kind: p.kind, quoted: p.quoted, punctuation: p.punctuation, edit: p.edit };
    if (p.kind === 'subhead-twice') {
      const expected = x.chars.length >= settings.paragraphMinChars ? 'error' : null;
      return { ...base, chars: x.chars.length, expected, places: [wholePlace(x), wholePlace(y)] };
    }
    if (p.kind === 'paragraph-twice') {
      const [head, tail] = sharedEnds(x.chars, y.chars);
      const longest = Math.max(head, tail);
      const shorter = Math.min(x.chars.length, y.chars.length);
      const expected: Plant['expected'] =
        longest >= settings.paragraphCoverage * shorter || longest >= settings.runError ? 'error' : 'warning';
      return { ...base, chars: longest, expected, places: [wholePlace(x), wholePlace(y)] };
    }
    // Extend the planted copy as far as the two texts agree: that is the run they share.
    let [a, b, len] = p.at;
    while (a > 0 && b > 0 && x.chars[a - 1] === y.chars[b - 1]) {
      a--;
      b--;
      len++;
    }
    while (a + len < x.chars.length && b + len < y.chars.length && x.chars[a + len] === y.chars[b + len])
      len++;
    if (x === y) len = Math.min(len, Math.abs(b - a)); // two copies in one block do not overlap
    let outside = 0;
    for (let i = 0; i < len; i++) if (!x.marks[a + i] && !y.marks[b + i]) outside++;
    const harmless = outside <= settings.harmlessMaxChars;
    const cross = x.story !== y.story;
    let expected: Plant['expected'] = null;
    if (!harmless) {
      if (p.kind === 'caption-echo') expected = len >= settings.runError ? 'warning' : null;
      else if (cross) expected = len >= settings.crossStory ? 'warning' : null;
      else expected = len >= settings.runError ? 'error' : len >= settings.runWarning ? 'warning' : null;
    }
    const places: [EvalPlace, EvalPlace] = [
      {
        story: x.story,
        field: x.field,
        paragraph: x.paragraph,
        start: x.origin[a]!,
        end: x.origin[a + len - 1]! + 1,
      },
      {
        story: y.story,
        field: y.field,
        paragraph: y.paragraph,
        start: y.origin[b]!,
        end: y.origin[b + len - 1]! + 1,
      },
    ];
    return { ...base, chars: len, expected, places };
  });
  return { seed, stories: contents, plants: planted };
}

/** The lengths of the common start and the common end of two texts (not overlapping). */
function sharedEnds(a: readonly string[], b: readonly string[]): [number, number] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  const room = Math.min(a.length, b.length) - head;
  while (tail < room && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [head, tail];
}

function wholePlace(block: {
  story: number;
  field: 'body' | 'caption';
  paragraph: number;
  text: string;
}): EvalPlace {
  return {
    story: block.story,
    field: block.field,
    paragraph: block.paragraph,
    start: 0,
    end: Array.from(block.text).length,
  };
}

/** Index of a block among the story's body blocks (a caption is its photo block). */
function bodyIndex(story: Story, block: Block): number {
  return story.blocks.indexOf(block);
}

function contentOfStory(story: Story, index: number): StoryContent {
  const photos: StoryContent['photos'] = [];
  const body: BodyBlock[] = story.blocks.map((b) => {
    if (b.kind !== 'caption') return { type: b.kind, text: b.text };
    const id = `photo-${photos.length + 1}`;
    photos.push({
      id,
      file: `${(index * 100 + photos.length + 1).toString(16).padStart(16, '0')}.jpg`,
      caption: b.text,
      creditName: b.credit ?? '',
      creditKind: index % 2 ? '摄' : '供图',
    });
    return { type: 'photo', photoId: id };
  });
  return contentOf(
    newStory(`eval-${index + 1}`, '2026-01-01T00:00:00.000Z', 'eval', {
      headline: story.headline,
      // A byline with its role, or names alone as printed pages credit them.
      byline: {
        credits: [{ kind: 'person', role: story.role, names: story.byline }],
        position: story.role ? 'lead' : 'top',
      },
      body: bodyFromBlocks(body),
      photos,
    }),
  );
}
