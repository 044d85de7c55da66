/** English strings of the command line (`--lang en`); the same keys as messages-zh-CN.ts. */
import { findingsEn } from '../../shared/i18n/findings-en';
import { pageReportEn } from '../../shared/i18n/page-report-en';
import type { cliZhCN } from './messages-zh-CN';

export const cliEn: { readonly [K in keyof typeof cliZhCN]: string } = {
  ...findingsEn,
  ...pageReportEn,
  'cli.usage': 'usage: {usage}',
  'cli.lang': '--lang must be zh-CN or en',
  'cli.unknownCommand': 'unknown command "{name}"',
  'cli.check.summary': '{errors} error(s), {warnings} warning(s) in {stories} story(ies)',
  'cli.check.summaryArchive':
    '{errors} error(s), {warnings} warning(s) in {stories} story(ies), checked against {archived} archived stories',

  'cli.error.dataLocked':
    'The data folder {dataDir} is in use: process {pid} holds it. Nothing was changed. Close the other 党建采编台 window (or that process) and try again.',
  'cli.error.dataLockBusy':
    'Could not take the lock of {dataDir}: other processes keep taking it. Nothing was changed; try again.',
  'cli.error.invalidInput': '{method}: {issues}. Nothing was saved.',
  'cli.error.pageNotFound':
    'There is no plan for page {page} of {date}. Make it with desk page plan --page {page} --date {date} (without story ids: the stories filed for that page).',
  'cli.error.pageConflict':
    'The plan of page {page} ({date}) changed elsewhere just now (revision {rev}); nothing was saved over it. Run the command again.',
  'cli.error.exportBlocked':
    'Page {page} ({date}) was not exported: {count} problem(s) to resolve. desk page show lists the preflight.',

  'cli.page.action': 'say "plan" or "show"',
  'cli.page.date': '--date must be the publication date, YYYY-MM-DD, e.g. 2026-11-22',
  'cli.page.edition': '--edition is at most 60 characters',
  'cli.page.idsOnShow': 'desk page show takes no story ids',
  'cli.page.noStories':
    'No story is filed for page {page}; the plan was not saved. Import stories with desk import --page {page}, or name the story ids.',
  'cli.page.unknownStory': 'There is no story {id} (desk list shows every id). The plan was not changed.',
  'cli.page.trashedStory': 'Story {id} is in the trash and cannot go on a page. The plan was not changed.',
  'cli.page.planned':
    'Saved the plan of page {page} ({date}), revision {rev}: {filled} stories in {slots} slots.',
  'cli.page.edition.line': 'Edition: {edition}',
  'cli.page.slot': '{slot}. {role}  {story}  {count}',
  'cli.page.slotStory': '“{headline}” {id} [{status}]',
  'cli.page.findings': 'Preflight:',
  'cli.page.workflowHead': 'Workflow and plan (not in the error rate):',
  'cli.page.textHead': 'Copy errors in the text:',
  'cli.page.finding': '  {severity}  {rule}  {message}{where}',
  'cli.page.where': '  (slot {slot}: “{text}”)',
  'cli.page.ready': 'Ready to export: desk export --data {data} --page {page} --date {date} --out DIR',
  'cli.page.needsOverride':
    '{count} open error(s): the export needs an editor’s override (--force --reason "…").',
  'cli.severity.error': 'error',
  'cli.severity.warning': 'warning',
  'cli.severity.info': 'info',

  'cli.export.noPlan':
    'There is no plan for page {page} of {date}; nothing was exported. Make it first with desk page plan --data {data} --page {page} --date {date} (without story ids: the stories filed for that page).',
};
