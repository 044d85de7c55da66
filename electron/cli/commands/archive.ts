/**
 * `desk archive add`: puts published stories (or a past page's story files) into
 * the data folder's archive, which the duplicate check compares drafts against.
 * It takes the data folder's lock like any writer, so it waits for no one and
 * never races a running desk.
 */
import { basename, resolve } from 'node:path';

import { PAGE_NAME } from '../../../shared/model';
import { ArchiveStore, archiveDirOf, archiveEntryOf } from '../../desk/archive/archive-store';
import { isFolder, readStoryContent, storyFilesIn } from '../../desk/archive/story-source';
import { DeskStore } from '../../desk/storage/desk-store';
import { defaultUser } from '../../desk/services';
import { UsageError, dataDirOf } from '../usage';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runArchive(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [action, ...paths] = positionals;
  if (action !== 'add' && action !== 'info') throw new UsageError('say "add" or "info"');
  const dataDir = dataDirOf(values);
  const store = await DeskStore.open({ dataDir, user: defaultUser() });
  try {
    const archive = await ArchiveStore.open(archiveDirOf(dataDir));
    if (action === 'info') {
      const stories = archive.index.stories;
      console.log(
        `${stories.length} archived stories, ${archive.index.textLength} characters (${archiveDirOf(dataDir)})`,
      );
      return 0;
    }
    const date = typeof values.date === 'string' ? values.date : '';
    if (!DATE.test(date)) throw new UsageError('--date YYYY-MM-DD is the date the stories were published');
    const page = typeof values.page === 'string' ? values.page : '';
    if (page && !PAGE_NAME.test(page)) throw new UsageError(`--page "${page}" must look like B6`);
    if (paths.length === 0) throw new UsageError('name the story files or page folders to archive');
    const files: string[] = [];
    for (const path of paths.map((p) => resolve(p))) {
      files.push(...((await isFolder(path)) ? await storyFilesIn(path) : [path]));
    }
    const known = new Set(archive.index.stories.map((s) => s.id));
    const entries = [];
    for (const file of files) {
      const id = `${date}/${page || '-'}/${basename(file)}`;
      if (known.has(id)) {
        console.log(`already archived: ${file}`);
        continue;
      }
      entries.push(archiveEntryOf(id, await readStoryContent(file), date));
    }
    await archive.add(entries);
    console.log(
      `archived ${entries.length} stories of ${date}${page ? ` page ${page}` : ''}; the archive holds ${archive.index.stories.length}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
