/**
 * The two sample printed pages (../shared/samples beside the repository; never copied into
 * it): each page is split into stories as `desk import --archive` splits a past page
 * (shared/import/page-text.ts), and the page check's duplicate family must report every
 * duplicate found by reading (expected-duplicates.json: lines and offsets, no text) at its
 * severity, and nothing else at warning or above.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { splitPageText, type PageSplit } from '../../../import';
import { bodyFromBlocks, type BodyBlock } from '../../../model';
import type { Finding, FindingLocation } from '../../finding';
import { ruleFamily } from '../../rule-families';
import type { CheckedStory } from '../text-blocks';
import { normalise } from './reference';
import expected from './samples/expected-duplicates.json';
import { HEADLINES, LONG_SLOGANS, SENTENCES, SUBHEADS } from './sentences';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const SAMPLES = join(ROOT, '..', 'shared', 'samples');

type Place = { line: number; start: number; end: number };

/** The split stories as the checks see them: body blocks, then each caption as a photo. */
function checkedStories(split: PageSplit): CheckedStory[] {
  return split.stories.map((story, i) => {
    const photos = story.captions.map((c, j) => ({
      id: `photo-${j + 1}`,
      file: `${(i * 100 + j + 1).toString(16).padStart(16, '0')}.jpg`,
      caption: c.caption,
      creditName: c.creditName,
      creditKind: c.creditKind,
      ...(c.creditPrinted ? { creditPrinted: c.creditPrinted } : {}),
    }));
    const blocks: BodyBlock[] = [
      ...story.blocks.map((b): BodyBlock => ({ type: b.type, text: b.text })),
      ...photos.map((p): BodyBlock => ({ type: 'photo', photoId: p.id })),
    ];
    return {
      key: String(i),
      content: {
        kicker: story.kicker,
        headline: story.headline,
        subheadline: story.subheadline,
        body: bodyFromBlocks(blocks),
        photos,
      },
    };
  });
}

if (!existsSync(SAMPLES)) {
  it.skip(`the sample printed pages: ${SAMPLES} is absent (clone the repository beside shared/ to run these)`, () => {});
} else {
  describe('the duplicate check on the sample printed pages', () => {
    it('the evaluation pool holds none of their text (no 8 normalised characters in common)', () => {
      const pages = expected.pages.map((p) =>
        normalise(readFileSync(join(SAMPLES, p.file), 'utf8')).chars.join(''),
      );
      const shared: string[] = [];
      for (const line of [...SENTENCES, ...HEADLINES, ...SUBHEADS, ...LONG_SLOGANS]) {
        const chars = normalise(line.replace(/「Q」|N/gu, '\u2460')).chars;
        for (let i = 0; i + 8 <= chars.length; i++) {
          const gram = chars.slice(i, i + 8).join('');
          if (pages.some((page) => page.includes(gram))) shared.push(`${gram}: ${line}`);
        }
      }
      expect(shared).toEqual([]);
    });

    for (const page of expected.pages) {
      it(`${page.file}: every duplicate found by reading is reported at its severity, nothing else at warning or above`, () => {
        const text = readFileSync(join(SAMPLES, page.file), 'utf8');
        const lines = text.split(/\r?\n/u);
        const split = splitPageText(text);
        const stories = checkedStories(split);
        const findings = ruleFamily('duplicates')!
          .checkPage(stories)
          .filter((f) => f.severity === 'error' || f.severity === 'warning');

        const storyOfLine = (line: number) =>
          split.stories.findIndex((s) => s.lines.some((l) => l.line === line));
        const textAt = (p: Place) =>
          Array.from(lines[p.line - 1]!)
            .slice(p.start, p.end)
            .join('');
        const at = (l: FindingLocation, p: Place) => {
          const e = textAt(p);
          return l.story === String(storyOfLine(p.line)) && (l.text.includes(e) || e.includes(l.text));
        };
        const on = (f: Finding, [p, q]: Place[]) => {
          const [x, y] = f.locations;
          return !!x && !!y && !!p && !!q && ((at(x, p) && at(y, q)) || (at(x, q) && at(y, p)));
        };
        const where = (f: Finding) =>
          `${f.severity} ${f.rule} ${f.locations.map((l) => `story ${l.story} ¶${l.paragraph} [${l.start}-${l.end})`).join(' ~ ')}`;

        const claimed = new Set<Finding>();
        for (const dup of page.duplicates) {
          const hits = findings.filter((f) => on(f, dup.places));
          hits.forEach((f) => claimed.add(f));
          const label = `lines ${dup.places.map((p) => p.line).join(' ~ ')} (${dup.note})`;
          expect(
            hits.map((f) => f.severity),
            `${label}: reported ${hits.map(where).join('; ') || 'nothing'}`,
          ).toEqual([dup.severity]);
          // Within one story or across two, as the split gives them.
          const [x, y] = hits[0]!.locations;
          expect(x!.story === y!.story ? 'one story' : 'two stories', `${label}: ${where(hits[0]!)}`).toBe(
            dup.stories,
          );
        }
        for (const quiet of page.silent)
          expect(findings.filter((f) => on(f, quiet.places)).map(where), quiet.note).toEqual([]);
        expect(
          findings.filter((f) => !claimed.has(f)).map(where),
          'reported beyond what reading found',
        ).toEqual([]);
      });
    }
  });
}
