/** English strings of the command line (`--lang en`); the same keys as messages-zh-CN.ts. */
import { evalReportEn } from '../../shared/i18n/eval-report-en';
import { findingsEn } from '../../shared/i18n/findings-en';
import { pageReportEn } from '../../shared/i18n/page-report-en';
import { storyImportEn } from '../../shared/i18n/story-import-en';
import type { cliZhCN } from './messages-zh-CN';

export const cliEn: { readonly [K in keyof typeof cliZhCN]: string } = {
  ...evalReportEn,
  ...findingsEn,
  ...pageReportEn,
  ...storyImportEn,
  'status.draft': 'Draft',
  'status.submitted': 'Submitted',
  'status.first-passed': '1st review passed',
  'status.second-passed': '2nd review passed',
  'status.approved': 'Final review passed',
  'status.laid-out': 'Laid out',
  'status.returned': 'Returned',
  'pages.export.step': '{step} ({done}/{total})',
  'pages.export.step.story': 'story {n}',
  'pages.export.step.proof': 'proof PDF',
  'pages.export.step.package': 'moving into the exports folder',
  'pages.export.overridden': '{by} overrode {count} errors: {reason}',
  'pageImport.jumps': 'Jump lines',

  'cli.usage': 'usage: {usage}',
  'cli.lang': '--lang must be zh-CN or en',
  'cli.unknownCommand': 'unknown command "{name}"',
  'cli.labelled': '{label}: {text}',
  'cli.quote': '“{text}”',
  'cli.listSeparator': ', ',
  'cli.family': '{name}',
  'cli.stop': '.',
  'cli.usage.unknownOption': 'unknown option {option}',
  'cli.usage.optionValue': '{option} needs a value',
  'cli.usage.optionNoValue': '{option} takes no value',
  'cli.usage.number': '{option} must be a whole number from 0 to 65535',
  'cli.usage.page': '--page "{page}": {reason}',
  'cli.usage.pageMissing': '--page is required: the page, e.g. --page B6',
  'cli.usage.date': '--date must be the publication date, YYYY-MM-DD, e.g. 2026-11-22, not "{date}"',
  'cli.usage.dateMissing': '--date is required: the publication date, YYYY-MM-DD, e.g. 2026-11-22',
  'cli.usage.extra': 'unexpected {args}: this command takes none',

  'cli.help.title': '党建采编台 (Dangjian Desk) command line',
  'cli.help.usage': 'usage: npm run desk -- [--lang zh-CN|en] <command> [options]',
  'cli.help.commands': 'Commands:',
  'cli.help.more': 'More on one command: npm run desk -- <command> --help',
  'cli.help.lang':
    '--lang zh-CN|en may stand anywhere; without it the CLI speaks the language the app is set to in the data folder, else Chinese.',
  'cli.help.options': 'Options:',
  'cli.help.data': '--data DIR  use this data folder (default: the desk’s own data folder on this computer)',

  'cli.help.serve.summary': 'serve the app in a browser through the loopback host (127.0.0.1 only)',
  'cli.help.serve.usage': 'desk serve [--data DIR] [--port N] [--open] [--no-demo]',
  'cli.help.server.summary': 'run the newsroom server on PostgreSQL (several desks, real sign-in)',
  'cli.help.server.usage':
    'desk server --db postgres://… [--listen 127.0.0.1:8443] [--tls-cert FILE --tls-key FILE] [--insecure-lan]  |  desk server --db … --init-admin NAME',
  'cli.help.import.summary':
    'import story files (.docx, .md, .txt), or past pages as text into the archive (--archive)',
  'cli.help.import.usage':
    'desk import [--data DIR] [--page B6] PATH...  |  desk import --archive --page B6 --date YYYY-MM-DD [--dry-run] [--json] [--data DIR] FILE...',
  'cli.help.import.options':
    '--page B6  file the imported stories for this page\n--archive  split past pages (plain text) into stories and put them into the archive (needs --page and --date)\n--date YYYY-MM-DD  the date the past page was published\n--dry-run  print the split only; archive nothing\n--json  the split as JSON, one line per file',
  'cli.help.list.summary': 'list the stories in the data folder',
  'cli.help.list.usage': 'desk list [--data DIR] [--json] [--trash]',
  'cli.help.list.options': '--trash  list the stories in the trash\n--json  print JSON',
  'cli.help.check.summary':
    'check story files or page folders: duplicates and the copy-desk rules (exit 1 on errors)',
  'cli.help.check.usage':
    'desk check [--json] [--rules duplicates,punct,numbers,…] [--archive DIR] [--data DIR] PATH...',
  'cli.help.check.options':
    '--rules LIST  only these rule families, comma-separated (default: all)\n--archive DIR  also look for text published in the past stories of this folder\n--data DIR  also check against its archive, and use its term bank\n--json  print every finding as JSON ({ "findings": [...] })',
  'cli.help.archive.summary': 'add published stories or past pages to the archive the duplicate check uses',
  'cli.help.archive.usage':
    'desk archive add --date YYYY-MM-DD [--page B6] [--data DIR] PATH...  |  desk archive info [--data DIR]',
  'cli.help.archive.options':
    'add  add story files or page folders (one page per folder)\ninfo  how many stories the archive holds\n--date YYYY-MM-DD  the date they were published\n--page B6  the page they were published on',
  'cli.help.export.summary':
    'write the layout package of a page (ICML, DOCX, text, images, manifest, proof.pdf); exit 1 when blocked',
  'cli.help.export.usage':
    'desk export --data DIR --page B6 --date YYYY-MM-DD --out DIR [--zip] [--no-pdf] [--force --reason "…"]',
  'cli.help.export.options':
    '--out DIR  write the package into this folder\n--zip  also write a zip of it\n--no-pdf  no proof PDF\n--force --reason "…"  an editor’s override of open errors, with the reason recorded',
  'cli.help.audit.summary':
    "verify the newsroom's audit trail and every signature against the stored revision (exit 1 on a mismatch)",
  'cli.help.audit.usage': 'desk audit verify --db postgres://… [--head SEQ:HASH] [--json]',
  'cli.help.eval.summary':
    'measure the duplicate check on generated pages with planted copies, beside an exhaustive reference (exit 1 when the goal is not met)',
  'cli.help.eval.usage': 'desk eval duplicates [--pages N] [--seed S] [--json]',
  'cli.help.eval.options':
    '--pages N  how many pages to generate (default 20)\n--seed S  the same seed gives the same run (without it, one is picked and printed)\n--json  print the report as JSON',
  'cli.help.page.summary':
    'make the plan of a page from its stories (plan), or print the plan and its preflight (show)',
  'cli.help.page.usage':
    'desk page plan --data DIR --page B6 --date YYYY-MM-DD [--edition …] [STORY-ID…]  |  desk page show --data DIR --page B6 --date YYYY-MM-DD [--json]',
  'cli.help.page.options':
    'plan  make the plan: the stories named, in order; without ids, the stories filed for that page\nshow  print the plan and its preflight (exit 1 while errors are open)\n--edition NAME  e.g. 党建周刊\n--json  print JSON',
  'cli.help.bench.summary': 'run the benchmarks and print figures against their baselines',
  'cli.help.bench.usage': 'desk bench [NAME...]',
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

  'cli.reason.ENOENT': ' (no such file or folder)',
  'cli.reason.EACCES': ' (permission denied)',
  'cli.reason.EISDIR': ' (a folder, not a file)',
  'cli.reason.ENOTDIR': ' (part of the path is not a folder)',
  'cli.problem': '  {where}: {message}',

  'cli.import.noFiles': 'name at least one file',
  'cli.import.imported': 'imported {file} → {id}  {headline}',
  'cli.import.readAs': ' (read as {encoding})',
  'cli.import.note': '  check: {message}{text}',
  'cli.import.failed': '{file} was not imported.',
  'cli.import.summary': '{total} files: {ok} became new stories, {failed} were not imported.',
  'cli.import.summaryAllOk': '{total} files, all now new stories.',
  'cli.split.head': '{file}: {count} stories{encoding}',
  'cli.split.story': '{n}. {headline}  [{lines}, {blocks} blocks, {chars} chars]',
  'cli.split.field': '      {label} {value}',
  'cli.split.region': '{label} → {path} ({code})',
  'cli.split.caption': '{caption} / {credit}',
  'cli.split.box': '  box [{lines}] {text} (not archived)',
  'cli.split.dryRun': 'dry run: nothing was archived',
  'cli.split.skipped': 'already archived: {count} of these stories (skipped)',
  'cli.split.archived': 'archived {count} stories of {date} page {page}; the archive holds {total}',

  'cli.archive.action': 'say "add" or "info"',
  'cli.archive.noPaths': 'name the story files or page folders to archive',
  'cli.archive.info': '{count} archived stories, {chars} characters ({dir})',
  'cli.archive.known': 'already archived: {file}',
  'cli.archive.added': 'archived {count} stories of {date}; the archive holds {total}',
  'cli.archive.addedPage': 'archived {count} stories of {date} page {page}; the archive holds {total}',

  'cli.list.noPage': '--',
  'cli.list.count': '{count} stories',
  'cli.list.trashCount': '{count} stories in the trash',

  'cli.export.out': '--out DIR is required: the folder to write the package into',
  'cli.export.reason': '--force needs --reason "…" (it is recorded)',
  'cli.export.step.preflightFile': 'writing the preflight (preflight.json)',
  'cli.export.step.manifest': 'writing the manifest (manifest.json)',
  'cli.export.step.zip': 'zipping',
  'cli.export.done': 'exported {page} {date} to {folder} ({files} files, {ms} ms)',
  'cli.export.zip': 'zip: {zip}',

  'cli.check.noPaths': 'name at least one story file or page folder',
  'cli.check.emptyFolder': '{path} holds no story files (.md, .txt, .json)',
  'cli.check.unknownRule': 'unknown rule family "{name}"; known: {known}',
  'cli.check.archiveNotFolder': '--archive {path} is not a folder',
  'cli.check.field': ' ({field})',
  'cli.check.text': '    “{text}”',
  'cli.check.twin': '    twin {where}  “{text}”',
  'cli.field.credit': 'Photo credit',
  'cli.field.byline': 'Byline',
  'cli.check.diff': '    diff {diff}',

  'cli.eval.target': 'name what to evaluate: {targets}',
  'cli.eval.pages': '--pages must be from 1 to 10000',
  'cli.eval.seed': '--seed must be a whole number from 0 to 4294967295',
};
