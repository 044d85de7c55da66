/** The rules of each copy family, one list per family (the registry is copy-rules.ts). */
import { bylineSpacingRule } from './byline/spacing';
import { datelineBracketsRule } from './byline/dateline-brackets';
import { noRoleRule, unknownRoleRule } from './byline/roles';
import {
  captionEndStopRule,
  creditFormRule,
  creditInCaptionRule,
  missingCaptionRule,
  missingCreditRule,
} from './captions/captions';
import type { CopyRule } from './copy-text';
import { figureContradictionRule, figureMissingRule, figureQualifierRule } from './figures/figures';
import { unmatchedJumpFromRule, unmatchedJumpToRule } from './jumps/jumps';
import { newsLongRule, overBudgetRule, underBudgetRule } from './length/length';
import { approxYueRule, contradictoryApproxRule } from './numbers/approximations';
import { adjacentEstimateRule, jiArabicRule } from './numbers/estimates';
import { fullwidthRule } from './numbers/fullwidth';
import { rangeUnitRule } from './numbers/range-unit';
import { shortYearRule } from './numbers/short-year';
import { unitCharRule } from './numbers/unit-chars';
import { dashFormRule, rangeTildeRule, singleDashRule, spanDashRule } from './punct/dashes';
import { ellipsisRule } from './punct/ellipsis';
import { fixedPhraseRule } from './punct/fixed-phrases';
import { halfwidthRule } from './punct/halfwidth';
import { headlineEndRule, subheadlineDashRule } from './punct/headline';
import { numberingRule } from './punct/numbering';
import { straightQuoteRule } from './punct/straight-quotes';
import { titleCommaRule } from './punct/title-comma';
import { invalidRegionRule, missingRegionRule, regionMentionRule } from './region/region';
import { traditionalAmbiguousRule, traditionalRule } from './script/traditional';
import { termRule } from './wording/term-rule';

export const punct: readonly CopyRule[] = [
  halfwidthRule,
  straightQuoteRule,
  titleCommaRule,
  ellipsisRule,
  spanDashRule,
  rangeTildeRule,
  dashFormRule,
  singleDashRule,
  numberingRule,
  headlineEndRule,
  subheadlineDashRule,
  fixedPhraseRule,
];
export const numbers: readonly CopyRule[] = [
  fullwidthRule,
  unitCharRule,
  adjacentEstimateRule,
  jiArabicRule,
  rangeUnitRule,
  shortYearRule,
  contradictoryApproxRule,
  approxYueRule,
];
export const wording: readonly CopyRule[] = [termRule];
export const script: readonly CopyRule[] = [traditionalRule, traditionalAmbiguousRule];
export const byline: readonly CopyRule[] = [
  datelineBracketsRule,
  unknownRoleRule,
  noRoleRule,
  bylineSpacingRule,
];
export const captions: readonly CopyRule[] = [
  missingCaptionRule,
  missingCreditRule,
  creditFormRule,
  creditInCaptionRule,
  captionEndStopRule,
];
export const region: readonly CopyRule[] = [invalidRegionRule, missingRegionRule, regionMentionRule];
export const figures: readonly CopyRule[] = [figureMissingRule, figureQualifierRule, figureContradictionRule];
export const jumps: readonly CopyRule[] = [unmatchedJumpToRule, unmatchedJumpFromRule];
export const length: readonly CopyRule[] = [newsLongRule, overBudgetRule, underBudgetRule];
