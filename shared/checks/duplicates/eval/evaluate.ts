/**
 * Scores the duplicate check on generated pages (issue 15): the planted copies
 * (generator.ts) against what the check reports and against the exhaustive reference
 * (reference.ts). The check itself is passed in, so `desk eval duplicates` runs it through
 * the story files and the code of `desk check`, and the tests through the story format.
 *
 * Per class of planted copy: found (reported at its expected severity), missed (not
 * reported, or at another severity), too-short flagged (a copy that must not be reported:
 * under the noise threshold or harmless, but reported at warning or above); and false
 * alarms: findings on no planted copy; copies reported by more than one finding. The goal:
 * every planted copy at its severity, once, no false alarm, no under-threshold copy flagged,
 * and the reference agreeing with the check.
 */
import { parseStoryMarkdown, writeStoryMarkdown } from '../../../format/story-md';
import { evalReportEn } from '../../../i18n/eval-report-en';
import type { evalReportZhCN } from '../../../i18n/eval-report-zh-CN';
import { formatMessage } from '../../../i18n/format';
import { blocksOfBody, type StoryContent } from '../../../model';
import type { Finding } from '../../finding';
import { ruleFamily } from '../../rule-families';
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateSettings } from '../settings';
import { generatePage, PLANT_KINDS, type GeneratedPage, type Plant } from './generator';
import { referenceCheck, type EvalPlace, type ReferenceFinding } from './reference';

type EvalReportKey = keyof typeof evalReportZhCN;

/** What the check reported, its locations turned into places (story index in the page). */
export type CheckedFinding = { severity: string; rule: string; places: EvalPlace[] };

/** Runs the check a user runs on one generated page; returns its findings as places. */
export type PageCheck = (page: GeneratedPage) => Promise<CheckedFinding[]> | CheckedFinding[];

export type ClassScore = {
  planted: number;
  found: number;
  missed: number;
  /** Copies that must not be reported (under the noise threshold or harmless). */
  silent: number;
  tooShortFlagged: number;
  /** Planted copies holding a quoted name, and how many of them were judged right. */
  quoted: number;
  quotedRight: number;
};

export type Problem = { seed: number; what: string; detail: string };

export type EvalReport = {
  seed: number;
  pages: number;
  classes: Record<string, ClassScore>;
  total: ClassScore;
  falseAlarms: number;
  /** Planted copies reported by more than one finding. */
  repeated: number;
  reference: { found: number; missed: number; falseAlarms: number; disagreements: number };
  problems: Problem[];
  goalMet: boolean;
};

/** Turns a check's findings into places: story keys are the page's story indexes. */
export function findingPlaces(findings: readonly Finding[], keys: readonly string[]): CheckedFinding[] {
  return findings
    .filter((f) => f.rule.startsWith('duplicate.'))
    .map((f) => ({
      severity: f.severity,
      rule: f.rule,
      places: f.locations.map((l) => ({
        story: keys.indexOf(l.story),
        field: l.field === 'caption' ? 'caption' : 'body',
        paragraph: l.paragraph ?? -1,
        start: l.start,
        end: l.end,
      })),
    }));
}

const sameBlock = (x: EvalPlace, y: EvalPlace) =>
  x.story === y.story && x.field === y.field && x.paragraph === y.paragraph;
const overlaps = (x: EvalPlace, y: EvalPlace) => sameBlock(x, y) && x.start < y.end && y.start < x.end;

/** The finding's two places are the plant's two places (either order), overlapping. */
function covers(places: readonly EvalPlace[], plant: readonly EvalPlace[]): boolean {
  const [p, q] = places;
  const [a, b] = plant;
  if (!p || !q || !a || !b) return false;
  return (overlaps(p, a) && overlaps(q, b)) || (overlaps(p, b) && overlaps(q, a));
}

const describe = (p: EvalPlace) => `story ${p.story + 1} ${p.field} ¶${p.paragraph} [${p.start}-${p.end})`;

/** Scores one page: adds to `report`. */
function scorePage(
  page: GeneratedPage,
  found: readonly CheckedFinding[],
  reference: readonly ReferenceFinding[],
  report: EvalReport,
): void {
  const problem = (what: string, detail: string) => report.problems.push({ seed: page.seed, what, detail });
  const label = (plant: Plant) =>
    `${plant.kind}${plant.quoted ? ' (quoted)' : ''}${plant.punctuation ? ' (punctuation)' : ''}` +
    `${plant.edit ? ` [${plant.edit}]` : ''}, ${plant.chars} chars, ${describe(plant.places[0])} ~ ${describe(plant.places[1])}`;
  const claimed = new Set<CheckedFinding>();
  const refClaimed = new Set<ReferenceFinding>();
  for (const plant of page.plants) {
    const score = report.classes[plant.kind]!;
    score.planted++;
    const hits = found.filter((f) => covers(f.places, plant.places));
    hits.forEach((f) => claimed.add(f));
    const refHits = reference.filter((f) => covers(f.places, plant.places));
    refHits.forEach((f) => refClaimed.add(f));
    const top = (xs: ReadonlyArray<{ severity: string }>) =>
      xs.some((f) => f.severity === 'error')
        ? 'error'
        : xs.some((f) => f.severity === 'warning')
          ? 'warning'
          : null;
    const right = top(hits) === plant.expected;
    if (plant.quoted) {
      score.quoted++;
      if (right) score.quotedRight++;
    }
    if (plant.expected === null) {
      score.silent++;
      if (top(hits)) {
        score.tooShortFlagged++;
        problem('too-short flagged', `${label(plant)}: reported as ${top(hits)}`);
      }
      if (top(refHits)) problem('reference flags a silent copy', label(plant));
      continue;
    }
    // One finding per pair of places (issue 15 §2): a second one on the same copy is one too many.
    if (hits.length > 1) {
      report.repeated++;
      problem(
        'reported more than once',
        `${label(plant)}: ${hits.map((f) => `${f.severity} ${f.rule}`).join(', ')}`,
      );
    }
    if (top(hits) === plant.expected) score.found++;
    else {
      score.missed++;
      problem('missed', `${label(plant)}: expected ${plant.expected}, reported ${top(hits) ?? 'nothing'}`);
    }
    if (top(refHits) === plant.expected) report.reference.found++;
    else {
      report.reference.missed++;
      problem(
        'reference missed',
        `${label(plant)}: expected ${plant.expected}, reference ${top(refHits) ?? 'nothing'}`,
      );
    }
  }
  for (const f of found) {
    if (claimed.has(f)) continue;
    report.falseAlarms++;
    problem('false alarm', `${f.severity} ${f.rule} ${f.places.map(describe).join(' ~ ')}`);
  }
  for (const f of reference) {
    if (refClaimed.has(f)) continue;
    report.reference.falseAlarms++;
    problem('reference false alarm', `${f.severity} ${f.rule} ${f.places.map(describe).join(' ~ ')}`);
  }
  // The reference and the check agree: the same pairs of places at the same severities.
  for (const f of found) {
    if (!reference.some((r) => r.severity === f.severity && covers(r.places, f.places))) {
      report.reference.disagreements++;
      problem('check beyond the reference', `${f.severity} ${f.rule} ${f.places.map(describe).join(' ~ ')}`);
    }
  }
  for (const r of reference) {
    if (!found.some((f) => f.severity === r.severity && covers(f.places, r.places))) {
      report.reference.disagreements++;
      problem('reference beyond the check', `${r.severity} ${r.rule} ${r.places.map(describe).join(' ~ ')}`);
    }
  }
}

/** Generates `pages` pages from `seed`, checks each with `check`, and scores it beside the reference. */
export async function evaluateDuplicates(
  options: { pages: number; seed: number; settings?: DuplicateSettings },
  check: PageCheck,
): Promise<EvalReport> {
  const settings = options.settings ?? DEFAULT_DUPLICATE_SETTINGS;
  const empty = (): ClassScore => ({
    planted: 0,
    found: 0,
    missed: 0,
    silent: 0,
    tooShortFlagged: 0,
    quoted: 0,
    quotedRight: 0,
  });
  const report: EvalReport = {
    seed: options.seed,
    pages: options.pages,
    classes: Object.fromEntries(PLANT_KINDS.map((k) => [k, empty()])),
    total: empty(),
    falseAlarms: 0,
    repeated: 0,
    reference: { found: 0, missed: 0, falseAlarms: 0, disagreements: 0 },
    problems: [],
    goalMet: false,
  };
  for (let i = 0; i < options.pages; i++) {
    const page = generatePage(pageSeed(options.seed, i), settings);
    const found = await check(page);
    scorePage(page, found, referenceCheck(page.stories, settings), report);
  }
  for (const score of Object.values(report.classes))
    for (const key of Object.keys(score) as Array<keyof ClassScore>) report.total[key] += score[key];
  report.goalMet =
    report.total.missed === 0 &&
    report.total.tooShortFlagged === 0 &&
    report.falseAlarms === 0 &&
    report.repeated === 0 &&
    report.reference.missed === 0 &&
    report.reference.falseAlarms === 0 &&
    report.reference.disagreements === 0;
  return report;
}

/** The seed of page i of a run (pages of one run differ; each is reproduced from the run's seed). */
export function pageSeed(seed: number, i: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
}

/** The words of the report, by key of shared/i18n/eval-report-*.ts (English unless the caller passes its own). */
export type EvalReportWords = (key: EvalReportKey, params?: Record<string, string | number>) => string;

const englishWords: EvalReportWords = (key, params) => formatMessage(evalReportEn[key], params);

/**
 * The report as lines for a terminal, in `say`'s words; `pad` pads the class names to one
 * column (a terminal's own measure: Chinese characters take two cells).
 */
export function formatEvalReport(
  report: EvalReport,
  say: EvalReportWords = englishWords,
  pad: (text: string, width: number) => string = (text, width) => text.padEnd(width),
): string[] {
  const lines = [say('eval.head', { pages: report.pages, seed: report.seed })];
  const row = (name: string, s: ClassScore) =>
    say('eval.row', {
      name: pad(name, 18),
      planted: String(s.planted).padStart(4),
      found: String(s.found).padStart(4),
      missed: String(s.missed).padStart(3),
      silent: String(s.silent).padStart(3),
      tooShort: String(s.tooShortFlagged).padStart(3),
      quotedRight: s.quotedRight,
      quoted: s.quoted,
    });
  for (const [kind, score] of Object.entries(report.classes))
    lines.push(row(isPlantKind(kind) ? say(`eval.class.${kind}`) : kind, score));
  lines.push(row(say('eval.all'), report.total));
  lines.push(say('eval.falseAlarms', { falseAlarms: report.falseAlarms, repeated: report.repeated }));
  const r = report.reference;
  const agreement =
    r.disagreements === 0 ? say('eval.agrees') : say('eval.disagrees', { count: r.disagreements });
  lines.push(
    say('eval.reference', { found: r.found, missed: r.missed, falseAlarms: r.falseAlarms, agreement }),
  );
  for (const p of report.problems.slice(0, 40))
    lines.push(say('eval.problem', { seed: p.seed, what: p.what, detail: p.detail }));
  if (report.problems.length > 40) lines.push(say('eval.more', { count: report.problems.length - 40 }));
  lines.push(say(report.goalMet ? 'eval.goalMet' : 'eval.goalNotMet'));
  return lines;
}

const isPlantKind = (kind: string): kind is (typeof PLANT_KINDS)[number] =>
  (PLANT_KINDS as readonly string[]).includes(kind);

/**
 * The check as the desk runs it on story files, without the files: each story written in
 * the story format and read back (shared/format/story-md.ts), then the `duplicates` family
 * of the page checks (`desk check`, the page screen).
 */
export function storyFormatCheck(page: GeneratedPage): CheckedFinding[] {
  const keys = page.stories.map((_, i) => `story-${i + 1}.md`);
  const stories = page.stories.map((content, i) => {
    const read = parseStoryMarkdown(writeStoryMarkdown(content), { photoFile: (src) => src });
    assertSameText(content, read, keys[i]!);
    return { key: keys[i]!, content: read };
  });
  return findingPlaces(ruleFamily('duplicates')!.checkPage(stories), keys);
}

/** The reader must hand the check the generated texts, or the planted places would be wrong. */
export function assertSameText(written: StoryContent, read: StoryContent, key: string): void {
  const texts = (c: StoryContent) =>
    blocksOfBody(c.body).map((b) =>
      b.type === 'photo' ? (c.photos.find((p) => p.id === b.photoId)?.caption ?? '') : b.text,
    );
  const a = texts(written);
  const b = texts(read);
  const at = a.findIndex((t, i) => t !== b[i]);
  if (at >= 0 || a.length !== b.length)
    throw new Error(`${key}: the story reader changed block ${at} ("${a[at]}" → "${b[at]}")`);
}
