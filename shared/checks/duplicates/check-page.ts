/**
 * The duplicate check of a story and of a page (issue 4, domain §9).
 *
 * Every text block (paragraph, subhead, quote, caption) is normalised and winnowed
 * with k = KGRAM and w = t − k + 1 where t is the lowest reporting threshold (20 by
 * default), so every shared run of t or more normalised characters is found. Each
 * fingerprint shared by two places is verified and extended to a maximal run
 * (runs.ts); the harmless rules (harmless.ts) decide whether it is a harmless repeat,
 * otherwise it counts at its full length. Then, per pair of blocks, ONE finding per
 * pair of places at the highest severity any rule gives it:
 *
 * - same story, one block covered by one run to ≥ paragraphCoverage (and at least
 *   paragraphMinChars long): `duplicate.paragraph`, error — "repeated whole or nearly
 *   whole" (nearly: the copy lost its start or end, e.g. at a column break);
 * - otherwise, blocks of similar length whose similarity (LCS / longer length, on
 *   normalised text) is ≥ nearSimilarity: `duplicate.near-paragraph` with a character
 *   diff of the original texts (small edits, changed numbers, punctuation): a warning,
 *   an error when the two (same story) share a run of runError or more;
 * - otherwise each run: same story ≥ runError → `duplicate.run` error, ≥ runWarning →
 *   warning; two stories ≥ crossStory → `duplicate.cross-story` warning.
 *
 * A caption and a body block are never paragraph duplicates: a caption echoes the
 * paragraph it illustrates. Between them only a run of runError or more is reported,
 * as a warning.
 *
 * Only runs of t or more (the guarantee threshold: every one is found) take part in a
 * verdict, and a block shorter than t printed twice whole: a shorter run is found only when
 * winnowing happens to pick one of its k-grams, so counting it would make the verdict chance.
 *
 * A pair reported as a paragraph or near-paragraph duplicate gets no separate run
 * findings. Each finding is reported once: locations[0] is the later copy (in page
 * order), locations[1] the earlier one, its twin.
 */
import type { Finding, FindingLocation } from '../finding';
import { diffChars, lcsLength } from '../../text/char-diff';
import { sliceCodePoints } from '../../text/code-points';
import { originalRange } from '../../text/normalize';
import { KGRAM, fingerprints, windowFor } from './fingerprints';
import { DUPLICATE_RULES, duplicateFinding } from './messages';
import { extendHit, mergeRuns, trimAndCount, type Run } from './runs';
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateSettings } from './settings';
import { textBlocks, type CheckedStory, type TextBlock } from './text-blocks';

/** Most places one fingerprint is paired across: beyond it the text is boilerplate, not a copy. */
const MAX_GROUP = 64;

type Counted = { run: Run; counted: number };

/** Duplicates within one story. */
export function checkStory(
  story: CheckedStory,
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): Finding[] {
  return checkPage([story], settings);
}

/** Duplicates within each story of a page and across its stories (page order = array order). */
export function checkPage(
  stories: readonly CheckedStory[],
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): Finding[] {
  const blocks = stories.flatMap((story, i) => textBlocks(story, i, settings));
  const pairs = findPairs(blocks, settings);
  const findings: Finding[] = [];
  for (const [key, runs] of pairs) {
    const a = blocks[Math.floor(key / blocks.length)]!;
    const b = blocks[key % blocks.length]!;
    findings.push(...judgePair(a, b, runs, stories, settings));
  }
  const order = (f: Finding) => {
    const l = f.locations[0]!;
    return [
      stories.findIndex((s) => s.key === l.story),
      l.paragraph ?? -1,
      l.field === 'caption' ? 1 : 0,
      l.start,
    ];
  };
  return findings
    .map((f) => ({ f, o: order(f) }))
    .sort((x, y) => {
      for (let i = 0; i < x.o.length; i++) if (x.o[i] !== y.o[i]) return x.o[i]! - y.o[i]!;
      return 0;
    })
    .map(({ f }) => f);
}

/** Verified, trimmed runs per pair of blocks (key = a * blocks + b, a ≤ b in page order). */
function findPairs(blocks: TextBlock[], settings: DuplicateSettings): Map<number, Counted[]> {
  const t = Math.min(settings.runWarning, settings.crossStory);
  const k = Math.min(KGRAM, t);
  const w = windowFor(t, k);

  // Fingerprint → places, as chains through flat arrays (no array per hash).
  const head = new Map<number, number>();
  const blockOf: number[] = [];
  const posOf: number[] = [];
  const next: number[] = [];
  blocks.forEach((block, bi) => {
    const fp = fingerprints(block.norm.codes, k, w);
    for (let i = 0; i < fp.count; i++) {
      const hash = fp.hashes[i]! & 0x3fffffff; // a small integer key: V8 keeps it unboxed
      blockOf.push(bi);
      posOf.push(fp.positions[i]!);
      next.push(head.get(hash) ?? -1);
      head.set(hash, blockOf.length - 1);
    }
  });

  const n = blocks.length;
  const pairs = new Map<number, Counted[]>();
  const seen = new Set<string>();
  const add = (ai: number, bi: number, run: Run, whole = false) => {
    // Keep page order: block a before block b, and within one block the earlier copy first.
    if (ai > bi) {
      [ai, bi] = [bi, ai];
      run = { aStart: run.bStart, aEnd: run.bEnd, bStart: run.aStart, bEnd: run.aEnd };
    }
    const id = `${ai}:${bi}:${run.aStart}:${run.aEnd}:${run.bStart}`;
    if (seen.has(id)) return;
    seen.add(id);
    const trimmed = trimAndCount(run, blocks[ai]!.harmless, blocks[bi]!.harmless, settings.harmlessMaxChars);
    // A run under the guarantee threshold is found only when winnowing happens to pick one of its
    // k-grams: it never counts towards a verdict (a block shorter than t compared whole does).
    if (!trimmed || (trimmed.counted < t && !whole)) return;
    const key = ai * n + bi;
    const list = pairs.get(key);
    if (list) list.push(trimmed);
    else pairs.set(key, [trimmed]);
  };

  // Whole blocks shorter than the guarantee threshold (a subhead printed twice): exact matches,
  // first, so the hits of the same run below do not shadow it.
  const whole = new Map<string, number>();
  blocks.forEach((block, bi) => {
    const len = block.norm.codes.length;
    if (len < settings.paragraphMinChars || len >= t) return;
    const text = block.norm.codes.join(',');
    const earlier = whole.get(text);
    if (earlier === undefined) whole.set(text, bi);
    else add(earlier, bi, { aStart: 0, aEnd: len, bStart: 0, bEnd: len }, true);
  });

  for (const first of head.values()) {
    if (next[first]! < 0) continue;
    const places: number[] = [];
    for (let e = first; e >= 0 && places.length < MAX_GROUP; e = next[e]!) places.push(e);
    for (let x = 0; x < places.length; x++) {
      for (let y = x + 1; y < places.length; y++) {
        const ex = places[x]!;
        const ey = places[y]!;
        const ba = blocks[blockOf[ex]!]!;
        const bb = blocks[blockOf[ey]!]!;
        const run = extendHit(ba.norm.codes, posOf[ex]!, bb.norm.codes, posOf[ey]!, k);
        if (run) add(blockOf[ex]!, blockOf[ey]!, run);
      }
    }
  }

  for (const [key, runs] of pairs) pairs.set(key, mergeRuns(runs));
  return pairs;
}

function location(story: CheckedStory, block: TextBlock, from: number, to: number): FindingLocation {
  const { start, end } = originalRange(block.norm, from, to);
  return {
    story: story.key,
    field: block.field,
    paragraph: block.paragraph,
    start,
    end,
    text: sliceCodePoints(block.text, start, end),
  };
}

function wholeLocation(story: CheckedStory, block: TextBlock): FindingLocation {
  return location(story, block, 0, block.norm.codes.length);
}

/** The findings of one pair of blocks (a before b). */
function judgePair(
  a: TextBlock,
  b: TextBlock,
  runs: Counted[],
  stories: readonly CheckedStory[],
  settings: DuplicateSettings,
): Finding[] {
  const sa = stories[a.story]!;
  const sb = stories[b.story]!;
  const sameStory = a.story === b.story;
  const sameBlock = a === b;
  const la = a.norm.codes.length;
  const lb = b.norm.codes.length;
  const twinHeadline = sameStory ? '' : sa.content.headline;
  // A caption beside the body: only long runs, and never an error.
  const captionEcho = (a.kind === 'caption') !== (b.kind === 'caption');
  const runSeverity = (counted: number): 'error' | 'warning' | null => {
    if (captionEcho) return counted >= settings.runError ? 'warning' : null;
    if (!sameStory) return counted >= settings.crossStory ? 'warning' : null;
    return counted >= settings.runError ? 'error' : counted >= settings.runWarning ? 'warning' : null;
  };

  const shorter = Math.min(la, lb);
  const longer = Math.max(la, lb);
  if (sameStory && !sameBlock && !captionEcho) {
    const whole = runs.find(
      ({ run, counted }) =>
        shorter >= settings.paragraphMinChars &&
        counted >= settings.paragraphMinChars &&
        run.aEnd - run.aStart >= settings.paragraphCoverage * shorter,
    );
    if (whole) {
      return [
        duplicateFinding(
          DUPLICATE_RULES.paragraph,
          'error',
          { chars: whole.counted, twinParagraph: a.paragraph },
          [
            location(sb, b, whole.run.bStart, whole.run.bEnd),
            location(sa, a, whole.run.aStart, whole.run.aEnd),
          ],
        ),
      ];
    }
  }

  if (!sameBlock && !captionEcho && shorter >= settings.nearMinChars) {
    // Similar blocks (LCS / longer ≥ nearSimilarity), or a paragraph printed twice and then
    // edited: its shared runs together cover the shorter copy (a sentence added to the other).
    let lcs = -1;
    if (shorter >= settings.nearSimilarity * longer) {
      // LCS ≥ s·longer  ⇔  edits = la + lb − 2·LCS ≤ la + lb − 2·s·longer: Myers stops beyond that.
      const maxEdits = Math.floor(la + lb - 2 * settings.nearSimilarity * longer);
      lcs = lcsLength(a.norm.codes, b.norm.codes, maxEdits);
    }
    const edited = lcs < 0 && coveredShare(runs, la <= lb) >= settings.paragraphCoverage * shorter;
    const counted = runs.reduce((sum, r) => sum + r.counted, 0);
    if ((lcs >= 0 || edited) && counted >= settings.paragraphMinChars) {
      if (lcs < 0) lcs = lcsLength(a.norm.codes, b.norm.codes);
      const similarity = Math.floor((100 * lcs) / longer);
      // The highest severity any rule gives the pair: a long shared run keeps it an error.
      const severity = runs.some((r) => runSeverity(r.counted) === 'error') ? 'error' : 'warning';
      const longest = runs.reduce((max, r) => Math.max(max, r.counted), 0);
      return [
        duplicateFinding(
          DUPLICATE_RULES.nearParagraph,
          severity,
          { similarity, chars: longest, twinParagraph: a.paragraph, twinHeadline },
          [wholeLocation(sb, b), wholeLocation(sa, a)],
          diffChars(a.text, b.text) ?? undefined,
        ),
      ];
    }
  }

  const out: Finding[] = [];
  for (const { run, counted } of runs) {
    const severity = runSeverity(counted);
    if (!severity) continue;
    const rule = sameStory ? DUPLICATE_RULES.run : DUPLICATE_RULES.crossStory;
    out.push(
      duplicateFinding(rule, severity, { chars: counted, twinParagraph: a.paragraph, twinHeadline }, [
        location(sb, b, run.bStart, run.bEnd),
        location(sa, a, run.aStart, run.aEnd),
      ]),
    );
  }
  return out;
}

/** Normalised characters of block A (or B) that the runs cover together. */
function coveredShare(runs: readonly Counted[], sideA: boolean): number {
  const spans = runs
    .map(({ run }) => (sideA ? [run.aStart, run.aEnd] : [run.bStart, run.bEnd]) as [number, number])
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = 0;
  for (const [from, to] of spans) {
    if (to <= reach) continue;
    covered += to - Math.max(from, reach);
    reach = to;
  }
  return covered;
}
