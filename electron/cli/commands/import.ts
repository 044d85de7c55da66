/**
 * `desk import`: story files (.docx, .md, .txt) into the data folder as drafts,
 * each with the notes of what the reporter should check; or, with --archive, past
 * pages as plain text into the archive, the split printed first.
 */
import { resolve } from 'node:path';

import { DeskError } from '../../../shared/api';
import type { ImportNote, PageSplit } from '../../../shared/import';
import { bylineText } from '../../../shared/model';
import { ArchiveStore, archiveDirOf } from '../../desk/archive/archive-store';
import { ArchiveSearch } from '../../desk/archive/search-service';
import { importStory, readStoryFile } from '../../desk/import-story';
import { pageArchiveEntries, pageRegions, readPageFile, splitPageText } from '../../desk/import/page-import';
import { DeskStore } from '../../desk/storage/desk-store';
import { defaultUser, openDeskServices } from '../../desk/services';
import { deskErrorLines, encodingText, noteText, t } from '../i18n';
import { UsageError, dataDirOf, dateOption, pageOption } from '../usage';

/** The notes of what to check, as the import dialog words them; the text concerned quoted when the note does not hold it. */
function printNotes(notes: readonly ImportNote[]): void {
  for (const n of notes) {
    const message = noteText(n);
    const text = n.text && !message.includes(n.text) ? `  ${t('cli.quote', { text: n.text })}` : '';
    console.log(t('cli.import.note', { message, text }));
  }
}

const readAs = (encoding: string) =>
  encoding !== 'utf-8' ? t('cli.import.readAs', { encoding: encodingText(encoding) }) : '';

export async function runImport(values: Record<string, unknown>, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError(t('cli.import.noFiles'));
  const page = pageOption(values);
  if (values.archive) return runPageImport(values, paths);
  const services = await openDeskServices({ dataDir: dataDirOf(values), transport: 'http', demo: false });
  let failed = 0;
  try {
    for (const path of paths) {
      try {
        const read = await readStoryFile(resolve(path), { looseMarkdown: true });
        const { story, notes } = await importStory(services.store, resolve(path), read, {
          user: defaultUser(),
          patch: page ? { page } : undefined,
        });
        const headline = story.headline || t('import.untitled');
        // A file read in another encoding than UTF-8 says so in its notes, as in the import dialog.
        console.log(t('cli.import.imported', { file: path, id: story.id, headline }));
        printNotes(notes);
      } catch (err) {
        failed++;
        const why = err instanceof DeskError ? deskErrorLines(err) : [(err as Error).message];
        console.error(
          [t('cli.import.failed', { file: path }), ...why, t('import.nothingWritten')].join('\n'),
        );
      }
    }
  } finally {
    await services.close();
  }
  if (paths.length > 1) {
    const counts = { total: paths.length, ok: paths.length - failed, failed };
    console.log(t(failed ? 'cli.import.summary' : 'cli.import.summaryAllOk', counts));
  }
  return failed ? 2 : 0;
}

function printSplit(path: string, split: PageSplit, encoding: string): void {
  console.log(t('cli.split.head', { file: path, count: split.stories.length, encoding: readAs(encoding) }));
  const field = (label: string, value: string) => console.log(t('cli.split.field', { label, value }));
  split.stories.forEach((s, i) => {
    const chars = s.blocks.reduce((n, b) => n + b.text.length, 0);
    const lines = t('pageImport.lines', { first: s.firstLine, last: s.lastLine });
    const n = String(i + 1).padStart(2);
    console.log(
      `  ${t('cli.split.story', { n, headline: s.headline, lines, blocks: s.blocks.length, chars })}`,
    );
    if (s.regionLabel)
      field(
        t('pageImport.region'),
        s.region
          ? t('cli.split.region', { label: s.regionLabel, path: s.region.path.join(''), code: s.region.code })
          : t('pageImport.regionUnresolved', { label: s.regionLabel }),
      );
    if (s.kicker) field(t('pageImport.kicker'), s.kicker);
    if (s.subheadline) field(t('pageImport.subheadline'), s.subheadline);
    const byline = bylineText(s.byline, s.dateline);
    if (byline) field(t('pageImport.byline'), byline.replace(/\n/g, ' '));
    for (const c of s.captions) {
      const caption = `${c.caption.slice(0, 30)}${c.caption.length > 30 ? '……' : ''}`;
      field(
        t('pageImport.captions'),
        t('cli.split.caption', { caption, credit: `${c.creditName} ${c.creditKind}` }),
      );
    }
    for (const j of s.jumps)
      field(
        t('pageImport.jumps'),
        t(j.direction === 'to' ? 'pageImport.jumpTo' : 'pageImport.jumpFrom', { page: j.page }),
      );
    for (const j of s.joins)
      console.log(`      ${t('pageImport.join', { line: j.line, end: j.end, start: j.start })}`);
  });
  for (const b of split.boxes)
    console.log(
      t('cli.split.box', {
        lines: t('pageImport.box', { first: b.firstLine, last: b.lastLine }),
        text: b.lines.map((l) => l.text).join(' / '),
      }),
    );
  printNotes(
    split.notes.filter((n) => n.code !== 'joined' && n.code !== 'caption-attached' && n.code !== 'box'),
  );
}

async function runPageImport(values: Record<string, unknown>, paths: string[]): Promise<number> {
  const page = pageOption(values, true);
  const date = dateOption(values);
  // The data folder's lock first: a folder another desk holds is refused before any work is printed.
  const store = values['dry-run']
    ? null
    : await DeskStore.open({ dataDir: dataDirOf(values), user: defaultUser() });
  try {
    return await splitAndArchive(values, paths, page, date, store);
  } finally {
    await store?.close();
  }
}

async function splitAndArchive(
  values: Record<string, unknown>,
  paths: string[],
  page: string,
  date: string,
  store: DeskStore | null,
): Promise<number> {
  const splits = [];
  const regions = await pageRegions();
  for (const path of paths) {
    const file = await readPageFile(resolve(path));
    const split = splitPageText(file.text, { regions });
    if (values.json) console.log(JSON.stringify({ file: path, encoding: file.encoding, ...split }));
    else printSplit(path, split, file.encoding);
    splits.push(split);
  }
  if (!store) {
    console.log(t('cli.split.dryRun'));
    return 0;
  }
  const archive = new ArchiveSearch(await ArchiveStore.open(archiveDirOf(dataDirOf(values))));
  const known = new Set(archive.list({ date, page, limit: 100_000 }).items.map((s) => s.id));
  const entries = splits.flatMap((split, n) =>
    pageArchiveEntries(split, date, page).map((e) =>
      n === 0 ? e : { ...e, id: e.id.replace(/\/(\d\d)-/, `/${n + 1}.$1-`) },
    ),
  );
  const fresh = entries.filter((e) => !known.has(e.id));
  if (fresh.length < entries.length)
    console.log(t('cli.split.skipped', { count: entries.length - fresh.length }));
  await archive.add(fresh);
  await archive.flush();
  const total = archive.list({ limit: 0 }).total;
  console.log(t('cli.split.archived', { count: fresh.length, date, page, total }));
  return 0;
}
