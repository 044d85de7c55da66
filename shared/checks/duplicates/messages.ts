/**
 * The duplicate rules, their i18n keys and English messages. The renderer's
 * catalogue has the same keys (check.duplicate.*) with the same parameters.
 */
import type { Finding, FindingLocation, Severity } from '../finding';
import type { CharDiff } from '../../text/char-diff';

export const DUPLICATE_RULES = {
  paragraph: 'duplicate.paragraph',
  run: 'duplicate.run',
  crossStory: 'duplicate.cross-story',
  nearParagraph: 'duplicate.near-paragraph',
  archive: 'duplicate.archive',
} as const;
export type DuplicateRule = (typeof DUPLICATE_RULES)[keyof typeof DUPLICATE_RULES];

type Params = Record<string, string | number>;

// Messages name the twin's story, never its paragraph number: locations[1] says where
// it is (0-based, like every location), and the CLI and UI show it beside the message.
const ENGLISH: Record<DuplicateRule, (p: Params) => string> = {
  'duplicate.paragraph': (p) =>
    `Paragraph printed twice: ${p.chars} characters repeat another paragraph of this story`,
  'duplicate.run': (p) => `Repeated text: ${p.chars} characters also in another paragraph of this story`,
  'duplicate.cross-story': (p) =>
    `Text reused: ${p.chars} characters also in “${p.twinHeadline}” on this page`,
  'duplicate.near-paragraph': (p) =>
    `Nearly the same paragraph (${p.similarity}% alike) as one in ${p.twinHeadline ? `“${p.twinHeadline}”` : 'this story'}`,
  'duplicate.archive': (p) =>
    `Already published: ${p.chars} characters also in “${p.twinHeadline}” (${p.date})`,
};

export function duplicateFinding(
  rule: DuplicateRule,
  severity: Severity,
  params: Params,
  locations: FindingLocation[],
  diff?: CharDiff,
): Finding {
  const finding: Finding = {
    rule,
    severity,
    messageKey: `check.${rule}`,
    params,
    message: ENGLISH[rule](params),
    locations,
  };
  if (diff) finding.diff = diff;
  return finding;
}
