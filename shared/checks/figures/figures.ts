/**
 * Key figures against the body (domain §1, issue 5), on shared/text/figures.ts:
 * - figures.missing-in-body (warning): a figure of the panel that the body (or a
 *   caption) never prints with the same value and unit;
 * - figures.qualifier-differs (warning): printed with the same value and unit but another
 *   qualifier (6.1万余棵 in the body, 6.1万棵 in the panel);
 * - figures.contradicts-panel (error): the body prints a figure with the panel figure's
 *   label and unit but another value (and no other as-of date).
 */
import type { KeyFigure } from '../../model/story';
import { extractFigures, figurePhrase, findFigure } from '../../text/figures';
import type { Finding } from '../finding';
import {
  BODY_KINDS,
  makeFinding,
  unitLocation,
  wholeLocation,
  type StoryRule,
  type TextUnit,
} from '../copy-text';

const QUALIFIERS = ['', '余', '多', '约', '近'] as const;

function figureText(f: KeyFigure): string {
  return `${f.label}${figurePhrase(f)}`;
}

/** The number a value means: "6.1万" → 61000 (NaN when it is not a number). */
export function figureNumber(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(万亿|亿|万)?$/u.exec(value.replace(/,/g, '').trim());
  if (!m) return NaN;
  const scale = m[2] === '万亿' ? 1e12 : m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1;
  return Number(m[1]) * scale;
}

function textUnits(units: readonly TextUnit[]): TextUnit[] {
  return units.filter((u) => BODY_KINDS.includes(u.kind) || u.kind === 'caption');
}

function findIn(units: readonly TextUnit[], f: Pick<KeyFigure, 'value' | 'unit' | 'qualifier'>) {
  for (const unit of units) {
    const at = findFigure(unit.text, f);
    if (at) return { unit, ...at };
  }
  return null;
}

export const figureMissingRule: StoryRule = {
  id: 'figures.missing-in-body',
  family: 'figures',
  scope: 'story',
  severity: 'warning',
  message: 'The key figure "{figure}" does not appear in the body',
  check(story, _ctx, units) {
    const out: Finding[] = [];
    const texts = textUnits(units);
    (story.content.figures ?? []).forEach((f, i) => {
      if (!f.value || !f.unit || findIn(texts, f)) return;
      if (QUALIFIERS.some((q) => q !== f.qualifier && findIn(texts, { ...f, qualifier: q }))) return;
      out.push(
        makeFinding(figureMissingRule, [wholeLocation(story.key, 'figure', figureText(f), i)], {
          figure: figureText(f),
        }),
      );
    });
    return out;
  },
};

export const figureQualifierRule: StoryRule = {
  id: 'figures.qualifier-differs',
  family: 'figures',
  scope: 'story',
  severity: 'warning',
  message: 'The key figure "{figure}" reads "{body}" in the body: the qualifier differs',
  check(story, _ctx, units) {
    const out: Finding[] = [];
    const texts = textUnits(units);
    (story.content.figures ?? []).forEach((f, i) => {
      if (!f.value || !f.unit || findIn(texts, f)) return;
      for (const q of QUALIFIERS) {
        if (q === f.qualifier) continue;
        const at = findIn(texts, { ...f, qualifier: q });
        if (!at) continue;
        const loc = unitLocation(at.unit, at.start, at.end);
        out.push(
          makeFinding(figureQualifierRule, [wholeLocation(story.key, 'figure', figureText(f), i), loc], {
            figure: figureText(f),
            body: loc.text,
          }),
        );
        return;
      }
    });
    return out;
  },
};

function sameLabel(a: string, b: string): boolean {
  if (a.length < 2 || b.length < 2) return false;
  return a === b || a.endsWith(b) || b.endsWith(a);
}

export const figureContradictionRule: StoryRule = {
  id: 'figures.contradicts-panel',
  family: 'figures',
  scope: 'story',
  severity: 'error',
  message: 'The body says "{body}" but the key figure "{figure}" says otherwise',
  check(story, _ctx, units) {
    const out: Finding[] = [];
    const figures = story.content.figures ?? [];
    if (figures.length === 0) return out;
    for (const unit of textUnits(units)) {
      for (const m of extractFigures(unit.text)) {
        if (!m.label) continue;
        const i = figures.findIndex(
          (f) =>
            f.unit === m.unit &&
            sameLabel(f.label, m.label) &&
            figureNumber(f.value) !== figureNumber(m.value) &&
            !(f.asOf && m.asOf && f.asOf !== m.asOf),
        );
        const f = figures[i];
        if (!f) continue;
        // The panel figure printed elsewhere in the story: this one is another figure with a similar label.
        if (
          figures.some((g) => g !== f && g.unit === m.unit && figureNumber(g.value) === figureNumber(m.value))
        )
          continue;
        const loc = unitLocation(unit, m.start, m.end);
        out.push(
          makeFinding(figureContradictionRule, [loc, wholeLocation(story.key, 'figure', figureText(f), i)], {
            body: m.text,
            figure: figureText(f),
          }),
        );
      }
    }
    return out;
  },
};
