/**
 * A finding: what every check returns (docs/architecture.md, Checks). The editor shows
 * findings as marks, the sidebar lists them, the preflight report gathers them and the
 * CLI prints them as text or JSON.
 *
 * The page's `message: string` is split in two, so the UI can speak zh-CN and en:
 * - `messageKey` + `params`: the i18n key and its parameters (the renderer's catalogue);
 * - `message`: the same message in English, filled in, for the CLI, logs and tools.
 */
import type { CharDiff } from '../text/char-diff';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding is. Offsets are CODE POINTS (not UTF-16 units) into the original
 * text of the field (or of the paragraph when `paragraph` is set); `text` is exactly
 * those characters, so a reader can check a location without the story at hand.
 */
export type FindingLocation = {
  /** The story: its id in the desk, the file path in the CLI, the archived story's id. */
  story: string;
  /** 'body' (a paragraph, subhead or quote of the body), 'caption' (a photo's caption), 'headline', … */
  field: string;
  /** 0-based index among the body's blocks (blocksOfBody); for a caption, its photo block. */
  paragraph?: number;
  start: number;
  end: number;
  text: string;
};

export type Finding = {
  /** Rule id, family first: "duplicate.paragraph", "punct.halfwidth-comma", … */
  rule: string;
  severity: Severity;
  /** i18n key of the message, e.g. "check.duplicate.run". */
  messageKey: string;
  /** Parameters of the message (numbers and short strings only). */
  params: Record<string, string | number>;
  /** The message in English with its parameters filled in (CLI, logs). */
  message: string;
  /** The flagged text first; further locations are its twins (the other copy). */
  locations: FindingLocation[];
  /** A safe automatic fix, where one exists. */
  fix?: { replacement: string };
  /** For near-duplicates: a character diff from the twin (locations[1]) to the flagged text (locations[0]). */
  diff?: CharDiff;
};

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings for display: by first location (story, field, paragraph, start), then severity. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.locations[0];
  const lb = b.locations[0];
  if (la && lb) {
    if (la.story !== lb.story) return la.story < lb.story ? -1 : 1;
    if (la.field !== lb.field) return la.field < lb.field ? -1 : 1;
    const pa = la.paragraph ?? -1;
    const pb = lb.paragraph ?? -1;
    if (pa !== pb) return pa - pb;
    if (la.start !== lb.start) return la.start - lb.start;
  }
  return ORDER[a.severity] - ORDER[b.severity];
}
