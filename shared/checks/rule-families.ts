/**
 * Every family of page checks, by name: one entry per family (style.md: registries,
 * not scattering). `desk check --rules a,b` picks families; the punctuation, number,
 * wording and region families of issue 5 are added here as one entry each.
 */
import type { CheckedStory } from './duplicates/text-blocks';
import { COPY_RULE_FAMILIES } from './copy-rules';
import { checkPage as checkDuplicates } from './duplicates/check-page';
import type { Finding } from './finding';

export type RuleFamily = {
  name: string;
  summary: string;
  /** Findings of the family for a page (its stories in page order). */
  checkPage(stories: readonly CheckedStory[]): Finding[];
};

export const RULE_FAMILIES: readonly RuleFamily[] = [
  {
    name: 'duplicates',
    summary: 'text repeated within a story, across the page, or (with an archive) already published',
    checkPage: (stories) => checkDuplicates(stories),
  },
  // punct, numbers, wording, script, byline, captions, region, figures, jumps, length (issue 5)
  ...COPY_RULE_FAMILIES,
];

export function ruleFamily(name: string): RuleFamily | undefined {
  return RULE_FAMILIES.find((f) => f.name === name);
}
