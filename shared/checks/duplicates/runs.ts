/**
 * Verifying and extending fingerprint hits on the text. A shared hash is only a
 * candidate: the k characters are compared, then the match is extended left and
 * right as far as the normalised texts agree, giving the MAXIMAL run; several hits of
 * one run give the same maximal run and are merged.
 */
import { FORMULA } from './harmless';

/** A run shared by block A at [aStart, aEnd) and block B at [bStart, bEnd), normalised offsets. */
export type Run = { aStart: number; aEnd: number; bStart: number; bEnd: number };

/**
 * Maximal common run through a[pa..pa+k) and b[pb..pb+k), or null when those k
 * characters differ (a hash collision). When a and b are the same block, the two
 * copies never overlap (a is the earlier one).
 */
export function extendHit(a: Int32Array, pa: number, b: Int32Array, pb: number, k: number): Run | null {
  for (let i = 0; i < k; i++) if (a[pa + i] !== b[pb + i]) return null;
  const self = a === b;
  if (self && pa === pb) return null;
  let aStart = pa;
  let bStart = pb;
  let aEnd = pa + k;
  let bEnd = pb + k;
  while (aStart > 0 && bStart > 0 && a[aStart - 1] === b[bStart - 1]) {
    aStart--;
    bStart--;
  }
  while (aEnd < a.length && bEnd < b.length && a[aEnd] === b[bEnd]) {
    aEnd++;
    bEnd++;
  }
  if (self) {
    // Periodic text ("哈哈哈哈"): the copies of one block must not overlap.
    const [first, second] = aStart < bStart ? [aStart, bStart] : [bStart, aStart];
    const len = Math.min(aEnd - aStart, second - first);
    if (len < k) return null;
    return { aStart: first, aEnd: first + len, bStart: second, bEnd: second + len };
  }
  return { aStart, aEnd, bStart, bEnd };
}

/**
 * Judges a diagonal run by the harmless marks of both sides (harmless.ts): formula
 * characters (FORMULA) at its ends are trimmed off; then, if at most `harmlessMaxChars`
 * of its characters are marked on neither side (a slogan or set phrase with a word or
 * two around it), the run is a harmless repeat and null is returned. Any other run is a
 * copy and counts at its FULL length: a quoted name inside a copied sentence is part of
 * the copy.
 */
export function trimAndCount(
  run: Run,
  ha: Uint8Array,
  hb: Uint8Array,
  harmlessMaxChars: number,
): { run: Run; counted: number } | null {
  let { aStart, bStart, aEnd, bEnd } = run;
  while (aStart < aEnd && (ha[aStart]! & FORMULA || hb[bStart]! & FORMULA)) {
    aStart++;
    bStart++;
  }
  while (aEnd > aStart && (ha[aEnd - 1]! & FORMULA || hb[bEnd - 1]! & FORMULA)) {
    aEnd--;
    bEnd--;
  }
  if (aEnd <= aStart) return null;
  let outside = 0;
  for (let i = 0; i < aEnd - aStart; i++) if (!ha[aStart + i] && !hb[bStart + i]) outside++;
  if (outside <= harmlessMaxChars) return null;
  return { run: { aStart, aEnd, bStart, bEnd }, counted: aEnd - aStart };
}

/**
 * Unions runs of one pair of blocks that overlap on both sides (hits on nearby diagonals, a
 * repeat inside a copied stretch): each run joins ANY run it overlaps so, not only the one
 * before it in order, until no two overlap; a union keeps the longest count of its runs.
 */
export function mergeRuns<T extends { run: Run; counted: number }>(runs: T[]): T[] {
  const overlap = (x: Run, y: Run) =>
    x.aStart < y.aEnd && y.aStart < x.aEnd && x.bStart < y.bEnd && y.bStart < x.bEnd;
  let out = [...runs].sort((x, y) => x.run.aStart - y.run.aStart || x.run.bStart - y.run.bStart);
  for (let changed = out.length > 1; changed;) {
    changed = false;
    const next: T[] = [];
    for (const item of out) {
      const at = next.findIndex((g) => overlap(g.run, item.run));
      if (at < 0) {
        next.push(item);
        continue;
      }
      const g = next[at]!;
      const r = g.run;
      const merged: Run = {
        aStart: Math.min(r.aStart, item.run.aStart),
        aEnd: Math.max(r.aEnd, item.run.aEnd),
        bStart: Math.min(r.bStart, item.run.bStart),
        bEnd: Math.max(r.bEnd, item.run.bEnd),
      };
      next[at] = { ...g, run: merged, counted: Math.max(g.counted, item.counted) };
      changed = true;
    }
    out = next;
  }
  return out;
}

/** Normalised length of a run on side A. */
export const runLength = (run: Run): number => run.aEnd - run.aStart;
