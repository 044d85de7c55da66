/** Checks: pure functions from stories (a page, an archive index) to findings. */
export { compareFindings, type Finding, type FindingLocation, type Severity } from './finding';
export { RULE_FAMILIES, ruleFamily, type RuleFamily } from './rule-families';
export * from './duplicates';
