/** English strings of the page report; the same keys as page-report-zh-CN.ts. */
import type { pageReportZhCN } from './page-report-zh-CN';

export const pageReportEn: { readonly [K in keyof typeof pageReportZhCN]: string } = {
  'pages.role.lead': 'Lead',
  'pages.role.secondary': 'Secondary',
  'pages.role.brief': 'Brief',
  'pages.role.photo': 'Photo',
  'pages.role.box': 'Box',
  'pages.preflight.totals': '{errors} errors · {warnings} warnings · {infos} notes',
  'pages.preflight.rate':
    'Error rate: {rate} per 10,000 characters ({weighted} weighted errors / {characters} characters)',
  'pages.preflight.ratePass': 'pass (≤ 3)',
  'pages.preflight.rateFail': 'fail (> 3)',
  'check.page.slot-empty': 'Slot {slot} has no story',
  'check.page.story-missing': 'Slot {slot}: the story is missing or in the trash',
  'check.page.not-approved': 'Slot {slot}: the story is not approved yet',
  'check.page.signatures-missing': 'Slot {slot}: no signature for {levels}',
  'check.page.signatures-same-person': 'Slot {slot}: one person signed two review levels',
  'check.page.signatures-unrecorded': 'Slot {slot}: no review signatures are recorded',
  'check.page.jump-unlinked': 'Slot {slot}: the jump line to page {page} is not linked to a story there',
  'pages.preflight.workflow':
    'Workflow and plan, listed apart and not in the error rate: {errors} errors · {warnings} warnings',
  'pages.preflight.rateCounts': 'The error rate counts copy errors in the text only.',
  'check.page.story-other-page': 'Slot {slot}: the story is filed for page {page}, not this page ({plan})',
  'check.page.more-stories-than-slots':
    '{stories} stories are filed for this page but the plan has {slots} slots; {left} not on the page: {headlines}',
  'pages.new.nameInvalid': 'A page is one capital letter and one or two digits, e.g. B6.',
  'pages.head': 'Page {name} · {date}',
  'pages.head.rev': 'revision {rev}, saved by {by} at {at}',
  'pages.plan.noStory': '(empty slot)',
  'pages.plan.count': '{count} / {budget} chars',
  'pages.plan.countOnly': '{count} chars',
  'pages.plan.noBudget': 'none',
  'pages.preflight.hard': 'These must be resolved first; no override can pass them:',
  'pages.preflight.clean': 'Nothing open.',
  'pages.preflight.signed': 'Signed: {list}',
  'pages.preflight.unsigned': 'No signatures yet',
  'error.pageStoryTwice':
    'Story {id} is in two slots of page {page}: a story can fill only one slot. The plan was not changed.',
};
