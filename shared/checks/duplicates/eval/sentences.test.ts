import { describe, expect, it } from 'vitest';

import { normalise } from './reference';
import { HEADLINES, LONG_SLOGANS, NAMES, SENTENCES, SLOGANS, SUBHEADS } from './sentences';

/** Normalised characters of a pool sentence; the slogan and the number are one placeholder each. */
const chars = (s: string) => normalise(s.replace(/「Q」/gu, '\u2460').replace(/N/gu, '\u2461')).chars;
const PLACEHOLDER = /[\u2460\u2461]/u;

describe('the sentence pool of the duplicate evaluation', () => {
  it('has no repeated sentence and every sentence has at least 16 normalised characters', () => {
    expect(new Set(SENTENCES).size).toBe(SENTENCES.length);
    const short = SENTENCES.filter((s) => chars(s).length < 16);
    expect(short, 'sentences under 16 characters').toEqual([]);
  });

  it('shares no run of 6 characters between two places (so unplanted text never shares a run of 20)', () => {
    // A run of 20 shared by two places of unplanted text is cut by the sentence ends of both
    // sides into at most three pieces of a sentence of ≥ 16 characters, so one piece has 6 or more
    // characters that two different places of the pool share.
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const sentence of SENTENCES) {
      const c = chars(sentence);
      const own = new Set<string>();
      for (let i = 0; i + 6 <= c.length; i++) {
        const gram = c.slice(i, i + 6).join('');
        if (PLACEHOLDER.test(gram)) continue;
        const other = seen.get(gram);
        if (own.has(gram) || (other !== undefined && other !== sentence))
          repeats.push(`${gram}: ${other} / ${sentence}`);
        own.add(gram);
        seen.set(gram, sentence);
      }
    }
    expect(repeats).toEqual([]);
  });

  it('puts a slogan only inside a sentence, with little shared around it (a recurring slogan stays harmless)', () => {
    const holding = SENTENCES.filter((s) => s.includes('「Q」'));
    expect(holding.length).toBeGreaterThanOrEqual(5);
    for (const s of holding) {
      expect(s.startsWith('「Q」') || s.endsWith('「Q」'), s).toBe(false);
    }
    // Characters shared next to the slogan by two sentences: at most 3 on each side, so a run
    // through a recurring slogan has at most 6 characters outside it (harmlessMaxChars is 8).
    for (const x of holding) {
      for (const y of holding) {
        if (x === y) continue;
        const [xl, xr] = x.split('「Q」').map(chars) as [string[], string[]];
        const [yl, yr] = y.split('「Q」').map(chars) as [string[], string[]];
        let left = 0;
        while (left < xl.length && left < yl.length && xl[xl.length - 1 - left] === yl[yl.length - 1 - left])
          left++;
        let right = 0;
        while (right < xr.length && right < yr.length && xr[right] === yr[right]) right++;
        expect(left <= 3 && right <= 3, `${x} / ${y}`).toBe(true);
      }
    }
  });

  it('keeps headlines and subheads out of the sentences (no echo of 4 characters) and slogans quoted', () => {
    const grams = (s: string) => {
      const c = chars(s);
      return Array.from({ length: Math.max(0, c.length - 3) }, (_, i) => c.slice(i, i + 4).join(''));
    };
    const echoes = [...HEADLINES, ...SUBHEADS].flatMap((h) =>
      grams(h).flatMap((g) =>
        SENTENCES.filter((s) => chars(s).join('').includes(g)).map((s) => `${g}: ${s}`),
      ),
    );
    expect(echoes).toEqual([]);
    for (const slogan of [...SLOGANS, ...LONG_SLOGANS]) {
      expect(slogan).toMatch(/^[“《].+[”》]$/u);
      expect(normalise(slogan).chars.length).toBeLessThanOrEqual(24); // quoteMaxChars
    }
    for (const slogan of LONG_SLOGANS) expect(normalise(slogan).chars.length).toBeGreaterThanOrEqual(14);
    expect(new Set(NAMES).size).toBe(NAMES.length);
  });
});
