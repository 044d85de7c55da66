/**
 * `desk check [--json] [--rules LIST] [--archive DIR] [--data DIR] PATH...` (issue 4).
 *
 * Each PATH is a story file (.md, .txt, .json) or a folder holding the stories of one
 * page; the files named directly on the command line form one page together, in the
 * order given. Each page is checked within itself (every family of --rules,
 * `duplicates` by default); with --archive (a folder of past stories) or --data (a data
 * folder's archive/) every story is also checked against that archive.
 *
 * Output: text for people, one finding per entry:
 *   FILE:PARAGRAPH:START-END  SEVERITY  RULE  message
 *       the exact characters, then the twin's location and characters
 * (PARAGRAPH is the 0-based index among body blocks, START-END code-point offsets in
 * it, exactly as in the JSON); --json prints { "findings": [Finding] }.
 * Exit status: 0 no errors, 1 errors found, 2 bad usage or an unreadable story.
 */
import { relative, resolve, sep } from 'node:path';

import { DeskError } from '../../../shared/api';
import { RULE_FAMILIES, ruleFamily, type RuleFamily } from '../../../shared/checks';
import type { CheckedStory } from '../../../shared/checks/duplicates';
import type { Finding, FindingLocation } from '../../../shared/checks/finding';
import type { CharDiff } from '../../../shared/text/char-diff';
import { openArchiveFolder } from '../../desk/archive/archive-folder';
import { ArchiveStore, archiveDirOf } from '../../desk/archive/archive-store';
import { isFolder, readStoryContent, storyFilesIn } from '../../desk/archive/story-source';
import { loadCopyContext } from '../../desk/terms/copy-context';
import { UsageError } from '../usage';
import { deskErrorLines, familyText, fieldText, findingText, t } from '../i18n';

type Page = { label: string; files: string[] };

async function pagesOf(paths: string[]): Promise<Page[]> {
  const loose: string[] = [];
  const pages: Page[] = [];
  for (const path of paths) {
    if (await isFolder(path)) {
      const files = await storyFilesIn(path);
      if (files.length === 0) throw new UsageError(t('cli.check.emptyFolder', { path }));
      pages.push({ label: path, files });
    } else {
      loose.push(path);
    }
  }
  if (loose.length) pages.unshift({ label: 'files', files: loose });
  return pages;
}

function families(values: Record<string, unknown>): RuleFamily[] {
  if (typeof values.rules !== 'string') return [...RULE_FAMILIES];
  return values.rules
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name) => {
      const family = ruleFamily(name);
      if (!family) {
        const known = RULE_FAMILIES.map((f) => familyText(f.name)).join(t('cli.listSeparator'));
        throw new UsageError(t('cli.check.unknownRule', { name, known }));
      }
      return family;
    });
}

/** The findings of the chosen families for one page's stories (in page order). */
function checkStories(stories: readonly CheckedStory[], chosen: readonly RuleFamily[]): Finding[] {
  return chosen.flatMap((family) => family.checkPage(stories));
}

/**
 * The findings `desk check FILE...` gives one page of story files (without an archive):
 * each file read by the story reader, the page checked by the chosen families.
 */
export async function checkPageFiles(
  files: readonly string[],
  chosen: readonly RuleFamily[] = RULE_FAMILIES,
): Promise<Finding[]> {
  const stories: CheckedStory[] = [];
  for (const file of files) stories.push({ key: file, content: await readStoryContent(file) });
  return checkStories(stories, chosen);
}

export async function runCheck(values: Record<string, unknown>, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError(t('cli.check.noPaths'));
  const chosen = families(values);
  const json = values.json === true;

  let pages: Page[];
  const stories = new Map<string, CheckedStory>();
  const archives: Array<{ store: ArchiveStore; root: string | null }> = [];
  try {
    pages = await pagesOf(paths);
    for (const page of pages) {
      for (const file of page.files) stories.set(file, { key: file, content: await readStoryContent(file) });
    }
    if (typeof values.archive === 'string') {
      const root = resolve(values.archive);
      if (!(await isFolder(root)))
        throw new UsageError(t('cli.check.archiveNotFolder', { path: values.archive }));
      archives.push({ store: await openArchiveFolder(root), root });
    }
    // The copy families read the term bank (the data folder's, else the shipped one) and the region list.
    if (chosen.some((f) => f.name !== 'duplicates')) {
      await loadCopyContext(typeof values.data === 'string' ? { dataDir: resolve(values.data) } : {});
    }
    if (typeof values.data === 'string') {
      archives.push({ store: await ArchiveStore.open(archiveDirOf(resolve(values.data))), root: null });
    }
  } catch (err) {
    if (err instanceof DeskError) {
      console.error(t('cli.labelled', { label: 'desk check', text: deskErrorLines(err).join('\n') }));
      return 2;
    }
    throw err;
  }

  const findings: Finding[] = [];
  for (const page of pages)
    findings.push(
      ...checkStories(
        page.files.map((f) => stories.get(f)!),
        chosen,
      ),
    );
  if (chosen.some((f) => f.name === 'duplicates')) {
    for (const story of stories.values()) {
      for (const { store, root } of archives) {
        // A story that is itself in the --archive folder is not its own twin.
        const rel = root ? relative(root, resolve(story.key)) : '';
        const self = root && !rel.startsWith('..') && rel !== '' ? [rel.split(sep).join('/')] : [];
        findings.push(...store.checkAgainstArchive(story, { excludeIds: self }));
      }
    }
  }

  if (json) {
    console.log(JSON.stringify({ findings }, null, 2));
  } else {
    for (const line of formatFindings(findings)) console.log(line);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const archived = archives.reduce((n, a) => n + a.store.index.storyCount, 0);
    const counts = { errors, warnings, stories: stories.size, archived };
    console.log(t(archives.length ? 'cli.check.summaryArchive' : 'cli.check.summary', counts));
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function where(l: FindingLocation): string {
  const field = l.field === 'body' ? '' : t('cli.check.field', { field: fieldText(l.field) });
  return `${l.story}:${l.paragraph ?? '-'}:${l.start}-${l.end}${field}`;
}

/** A diff for a terminal: equal stretches shortened, [-deleted-] and {+inserted+}. */
function diffLine(diff: CharDiff): string {
  return diff
    .map(({ op, text }) => {
      if (op === 'delete') return `[-${text}-]`;
      if (op === 'insert') return `{+${text}+}`;
      const chars = [...text];
      return chars.length > 16 ? `${chars.slice(0, 6).join('')}…${chars.slice(-6).join('')}` : text;
    })
    .join('');
}

export function formatFindings(findings: readonly Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    const [here, ...twins] = f.locations;
    if (!here) continue;
    lines.push(`${where(here)}  ${t(`cli.severity.${f.severity}`)}  ${f.rule}  ${findingText(f)}`);
    if (here.text) lines.push(t('cli.check.text', { text: here.text }));
    for (const twin of twins) lines.push(t('cli.check.twin', { where: where(twin), text: twin.text }));
    if (f.diff) lines.push(t('cli.check.diff', { diff: diffLine(f.diff) }));
  }
  return lines;
}
