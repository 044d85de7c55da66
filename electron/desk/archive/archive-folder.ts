/**
 * An archive made from a folder of past stories (.md, .txt, .json; `desk check
 * --archive DIR`). The index is cached in DIR/.desk-archive/ and rebuilt when the
 * folder's files change (their paths, sizes and modification times are hashed into
 * the manifest's `source`), or when the cache is missing, stale or damaged. A folder
 * that cannot be written to is indexed in memory for this run.
 *
 * Each file is one archived story: its id is the path relative to DIR, its title the
 * headline, its date the first YYYY-MM-DD (or YYYYMMDD) in that path, else the file's
 * modification date.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import type { ArchiveEntry } from '../../../shared/checks/duplicates';
import { DamagedFileError } from '../storage/durable-file';
import { ArchiveStore, archiveEntryOf } from './archive-store';
import { readStoryContent, storyFilesIn } from './story-source';

export const ARCHIVE_CACHE = '.desk-archive';

const DATE_IN_PATH = /(\d{4})-?(\d{2})-?(\d{2})/;

function dateOf(relPath: string, mtime: Date): string {
  const m = DATE_IN_PATH.exec(relPath);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) {
    return `${m[1]}-${m[2]}-${m[3]}`;
  }
  return mtime.toISOString().slice(0, 10);
}

export async function openArchiveFolder(dir: string): Promise<ArchiveStore> {
  const files = await storyFilesIn(dir, true);
  const stats = await Promise.all(files.map((f) => stat(f)));
  const hash = createHash('sha256');
  files.forEach((f, i) => hash.update(`${relative(dir, f)}\0${stats[i]!.size}\0${stats[i]!.mtimeMs}\n`));
  const source = `files:${hash.digest('hex')}`;
  const cache = join(dir, ARCHIVE_CACHE);

  try {
    const cached = await ArchiveStore.open(cache);
    if (cached.source === source) return cached;
  } catch (err) {
    if (!(err instanceof DamagedFileError)) throw err;
  }
  const entries: ArchiveEntry[] = [];
  for (const [i, file] of files.entries()) {
    const rel = relative(dir, file).split(sep).join('/');
    const content = await readStoryContent(file);
    entries.push(archiveEntryOf(rel, content, dateOf(rel, stats[i]!.mtime)));
  }
  return ArchiveStore.create(cache, entries, { source });
}
