/**
 * `desk import`: story files (.docx, .md, .txt) into the data folder as drafts,
 * each with the notes of what the reporter should check; or, with --archive, past
 * pages as plain text into the archive, the split printed first.
 */
import { resolve } from 'node:path';

import { PAGE_NAME } from '../../../shared/model';
import type { ImportNote, PageSplit } from '../../../shared/import';
import { bylineText } from '../../../shared/model';
import { ArchiveStore, archiveDirOf } from '../../desk/archive/archive-store';
import { ArchiveSearch } from '../../desk/archive/search-service';
import { importStory, readStoryFile } from '../../desk/import-story';
import { pageArchiveEntries, pageRegions, readPageFile, splitPageText } from '../../desk/import/page-import';
import { DeskStore } from '../../desk/storage/desk-store';
import { defaultUser, openDeskServices } from '../../desk/services';
import { UsageError, dataDirOf } from '../usage';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function printNotes(notes: readonly ImportNote[], indent = '  '): void {
  for (const n of notes) console.log(`${indent}check: ${n.detail}${n.text ? `  「${n.text}」` : ''}`);
}

export async function runImport(values: Record<string, unknown>, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError('name at least one file');
  const page = typeof values.page === 'string' ? values.page : undefined;
  if (page !== undefined && !PAGE_NAME.test(page)) throw new UsageError(`--page "${page}" must look like B6`);
  if (values.archive) return runPageImport(values, paths, page);
  const services = await openDeskServices({ dataDir: dataDirOf(values), transport: 'http', demo: false });
  let failed = 0;
  try {
    for (const path of paths) {
      try {
        const read = await readStoryFile(resolve(path), { looseMarkdown: true });
        const { story, notes, encoding } = await importStory(services.store, resolve(path), read, {
          user: defaultUser(),
          patch: page ? { page } : undefined,
        });
        console.log(
          `imported ${path} → ${story.id}  ${story.headline}${encoding && encoding !== 'utf-8' ? `  (read as ${encoding.toUpperCase()})` : ''}`,
        );
        printNotes(notes);
      } catch (err) {
        failed++;
        console.error(`not imported: ${(err as Error).message} (nothing was written for this file)`);
      }
    }
  } finally {
    await services.close();
  }
  return failed ? 2 : 0;
}

function printSplit(path: string, split: PageSplit, encoding: string): void {
  console.log(
    `${path}: ${split.stories.length} stories${encoding !== 'utf-8' ? ` (read as ${encoding.toUpperCase()})` : ''}`,
  );
  split.stories.forEach((s, i) => {
    const chars = s.blocks.reduce((n, b) => n + b.text.length, 0);
    console.log(
      `  ${String(i + 1).padStart(2)}. ${s.headline}  [lines ${s.firstLine}–${s.lastLine}, ${s.blocks.length} blocks, ${chars} chars]`,
    );
    if (s.regionLabel)
      console.log(
        `      地区 ${s.regionLabel}${s.region ? ` → ${s.region.path.join('')} (${s.region.code})` : ''}`,
      );
    if (s.kicker) console.log(`      引题 ${s.kicker}`);
    if (s.subheadline) console.log(`      副题 ${s.subheadline}`);
    const byline = bylineText(s.byline, s.dateline);
    if (byline) console.log(`      署名 ${byline.replace(/\n/g, ' ')}`);
    for (const c of s.captions)
      console.log(
        `      图片 ${c.caption.slice(0, 30)}${c.caption.length > 30 ? '……' : ''} / ${c.creditName} ${c.creditKind}`,
      );
    for (const j of s.jumps) console.log(`      转版 ${j.direction === 'to' ? '下转' : '上接'}${j.page}版`);
    for (const j of s.joins) console.log(`      joined at line ${j.line}: …${j.end}|${j.start}…`);
  });
  for (const b of split.boxes)
    console.log(
      `  box [lines ${b.firstLine}–${b.lastLine}] ${b.lines.map((l) => l.text).join(' / ')} (not archived)`,
    );
  printNotes(
    split.notes.filter((n) => n.code !== 'joined' && n.code !== 'caption-attached' && n.code !== 'box'),
    '  ',
  );
}

async function runPageImport(
  values: Record<string, unknown>,
  paths: string[],
  page: string | undefined,
): Promise<number> {
  const date = typeof values.date === 'string' ? values.date : '';
  if (!DATE.test(date)) throw new UsageError('--date YYYY-MM-DD is the date the page was published');
  if (!page) throw new UsageError('--page B6 names the page');
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
    console.log('dry run: nothing was archived');
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
    console.log(`already archived: ${entries.length - fresh.length} of these stories (skipped)`);
  await archive.add(fresh);
  await archive.flush();
  console.log(
    `archived ${fresh.length} stories of ${date} page ${page}; the archive holds ${archive.list({ limit: 0 }).total}`,
  );
  return 0;
}
