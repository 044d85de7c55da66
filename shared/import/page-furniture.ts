/**
 * Page furniture of a printed page as text (issue 19 §4): the lines around the
 * stories that are not story text and must not be read as headlines, bylines or
 * paragraphs.
 *
 * - a region label: a line with only a division's name ("播州区"), printed above a
 *   headline; it names the next story's region (domain §1, §5), resolved through the
 *   GB/T 2260 list when the desk has it;
 * - a photo credit line in the forms a page prints ("孙某 摄", "某某县委组织部供图",
 *   "（孙某 摄）", "孙某 摄影", "摄影：孙某");
 * - a slogan box (公益广告): three or more short lines of two-to-five-character words
 *   ("富强 民主 文明 和谐"), perhaps under a short title and above its sponsor line;
 * - Markdown-like emphasis ("**本报讯**") of a page pasted from a web page.
 */
import { shortForms, type RegionEntry, type RegionIndex } from '../geo/regions';
import { readCreditLine, type CaptionCredit } from './story-lines';

/** "**本报讯**" → "本报讯" (also "__…__"): the text and how many marks were taken away. */
export function stripEmphasis(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/gu, (_m, _mark: string, inner: string) => {
    count++;
    return inner;
  });
  return { text: out, count };
}

const SLOGAN_WORD = /^[\u4e00-\u9fa5]{2,5}$/u;

/** "富强 民主 文明 和谐", "讲文明 树新风": two to six short words, nothing else. */
export function isSloganLine(text: string): boolean {
  const t = text.trim();
  if (Array.from(t).length > 24) return false;
  const words = t.split(/[ \u3000、·・]+/u).filter(Boolean);
  return words.length >= 2 && words.length <= 6 && words.every((w) => SLOGAN_WORD.test(w));
}

/** A box's sponsor line: "某某县委宣传部 宣", "某某县文明办 制", "公益广告". */
export function isBoxSponsor(text: string): boolean {
  const t = text.trim();
  if (Array.from(t).length > 24 || /[。，；！？,]/u.test(t)) return false;
  return /^公益广告$|[ \u3000](?:宣|制)$|(?:宣传部|文明办|文明委)(?:[ \u3000]*(?:宣|制))?$/u.test(t);
}

/** A box's title: a few characters without punctuation ("社会主义核心价值观", "公益广告"). */
function isBoxTitle(text: string): boolean {
  const t = text.trim();
  return /^[\u4e00-\u9fa5]{2,12}$/u.test(t);
}

/**
 * The number of lines of a slogan box starting at `i` (title, slogan lines, sponsor),
 * or 0. `free(k)` says whether line k may be read as furniture (no correction names it).
 */
export function sloganBoxAt(texts: readonly string[], i: number, free: (k: number) => boolean): number {
  let k = i;
  const titled = isBoxTitle(texts[k] ?? '') && !isSloganLine(texts[k] ?? '') && free(k);
  if (titled) k++;
  let slogans = 0;
  while (k < texts.length && free(k) && isSloganLine(texts[k]!)) {
    slogans++;
    k++;
  }
  const sponsor = k < texts.length && free(k) && isBoxSponsor(texts[k]!);
  if (slogans < 2 || (slogans < 3 && !titled && !sponsor)) return 0;
  return k - i + (sponsor ? 1 : 0);
}

export type RegionLabel = {
  label: string;
  /** Every division the label can name (several when the name is ambiguous: 白云区). */
  matches: RegionEntry[];
};

const LABEL_SHAPE = /^[\u4e00-\u9fa5]{2,12}$/u;
const DIVISION_SUFFIX = /(?:县|区|市|旗|州|盟|地区)$/u;

/**
 * A line with only a division's name: the list's own name or an everyday short form
 * (玉龙县 for 玉龙纳西族自治县). Without the region list, a name ending in 县/区/市/旗
 * is read as a label that names no division yet.
 */
export function readRegionLabel(text: string, regions: RegionIndex | null): RegionLabel | null {
  const t = text.trim();
  if (!LABEL_SHAPE.test(t)) return null;
  if (!regions) return DIVISION_SUFFIX.test(t) ? { label: t, matches: [] } : null;
  const matches = regions
    .search(t, 50)
    .filter((m) => m.name === t || shortForms(m.name, '').some((s) => s.text === t))
    .map(({ code, name, level, path }) => ({ code, name, level, path }));
  return matches.length ? { label: t, matches } : null;
}

/**
 * The divisions of a label that the story's own text points to: those whose
 * province or prefecture (or its stem, 遵义 for 遵义市) the text names. All of
 * them when the text names none.
 */
export function narrowRegion(matches: readonly RegionEntry[], text: string): RegionEntry[] {
  if (matches.length < 2) return [...matches];
  const named = matches.filter((m) =>
    m.path
      .slice(0, -1)
      .some((p) => text.includes(p) || text.includes(p.replace(/(?:省|市|自治州|地区|盟)$/u, ''))),
  );
  return named.length ? named : [...matches];
}

/**
 * A line that is only a photo credit, as pages print it: the story-file forms
 * (readCreditLine: "孙某 摄", "某某供图", "图 孙某"), in full-width brackets
 * ("（孙某 摄）"), or with 摄影 ("孙某 摄影", "摄影：孙某", "本报记者 孙某 摄影").
 */
export function readPageCreditLine(text: string): CaptionCredit | null {
  const t = text.trim();
  const inner = /^[（(]([^（）()]{1,40})[）)]$/u.exec(t)?.[1]?.trim() ?? t;
  if (Array.from(inner).length > 40 || /[。，；！？]/u.test(inner)) return null;
  const photo = /^(.{1,36}?)[ \u3000]*摄影$/u.exec(inner) ?? /^摄影[:：／/ \u3000]+(.{1,36})$/u.exec(inner);
  if (photo) return { creditName: (photo[1] as string).trim(), creditKind: '摄' };
  return readCreditLine(inner);
}
