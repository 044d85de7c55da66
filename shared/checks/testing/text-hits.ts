/**
 * For the rule tests: run copy-rule families over one text and reduce each finding
 * to what the tests compare — where it is, what it covers and the fix it offers.
 */
import { checkCopyText, type CopyCheckOptions } from '../copy-rules';
import type { TextKind } from '../copy-text';
import type { Finding } from '../finding';

/** [start, end, text, fix] of a finding's first location, in code points. */
export type Hit = [number, number, string, string | null];

export function hitOf(f: Finding): Hit {
  const at = f.locations[0]!;
  return [at.start, at.end, at.text, f.fix?.replacement ?? null];
}

/** The findings of `families` in one text of a story ('body' paragraph unless `kind` says otherwise). */
export function textFindings(
  text: string,
  families: string[],
  { kind = 'paragraph', context }: { kind?: TextKind; context?: CopyCheckOptions['context'] } = {},
): Finding[] {
  const field = kind === 'paragraph' || kind === 'subhead' || kind === 'quote' ? 'body' : kind;
  return checkCopyText({ story: 's', field, paragraph: 0, kind, text }, { families, context });
}
