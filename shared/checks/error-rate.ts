/**
 * The error-rate figure (domain §8): errors per 10,000 characters, the grade Chinese
 * newspapers are held to (a pass is at most 3). Headline errors and name/date errors
 * count double. It counts copy errors in the text only: the page's own workflow and plan
 * findings (page.*: a slot not yet approved, an empty slot, a missing signature) are not
 * errors in the text and never enter it (issue 19). Pure: it reads a page's open findings
 * and its character count.
 */
import { COPY_RULES } from './copy-rules';
import type { Finding, Severity } from './finding';

export const ERROR_RATE_PASS = 3;
const HEAD_FIELDS = new Set(['kicker', 'headline', 'subheadline']);
const NAME_OR_DATE = new Set(COPY_RULES.filter((r) => r.nameOrDate).map((r) => r.id));

export type ErrorRate = {
  /** Findings counted (by default: open errors in the text; workflow findings never). */
  errors: number;
  /** The same, with headline and name/date errors counted twice. */
  weighted: number;
  characters: number;
  /** weighted × 10,000 / characters, rounded to two decimals (0 for an empty page). */
  perTenThousand: number;
  pass: boolean;
};

/** The rules of the page itself (shared/checks never emits them): workflow and plan, not text. */
export const WORKFLOW_RULE_PREFIX = 'page.';

/** Whether a finding is about the page's workflow or plan (listed apart, never in the rate). */
export function isWorkflowFinding(f: Pick<Finding, 'rule'>): boolean {
  return f.rule.startsWith(WORKFLOW_RULE_PREFIX);
}

/** The weight of one finding: 2 for a headline line or a name/date rule, else 1. */
export function errorWeight(f: Finding): number {
  const head = f.locations.some((l) => HEAD_FIELDS.has(l.field));
  return head || NAME_OR_DATE.has(f.rule) ? 2 : 1;
}

/**
 * The page's error rate. `characters` is the page's count (Word-style 字数 of its
 * stories, shared/text/counts.ts); `severities` says which findings are errors (default: 'error' only).
 */
export function errorRate(
  findings: readonly Finding[],
  characters: number,
  severities: readonly Severity[] = ['error'],
): ErrorRate {
  const counted = findings.filter((f) => severities.includes(f.severity) && !isWorkflowFinding(f));
  const weighted = counted.reduce((n, f) => n + errorWeight(f), 0);
  const rate = characters > 0 ? Math.round((weighted * 10000 * 100) / characters) / 100 : 0;
  return {
    errors: counted.length,
    weighted,
    characters,
    perTenThousand: rate,
    pass: rate <= ERROR_RATE_PASS,
  };
}
