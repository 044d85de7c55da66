/**
 * `desk archive add`: puts published stories (or a past page's story files) into
 * the data folder's archive, which the duplicate check compares drafts against.
 * It takes the data folder's lock like any writer, so it waits for no one and
 * never races a running desk.
 */
import { basename, resolve } from 'node:path';

import { ArchiveStore, archiveDirOf, archiveEntryOf } from '../../desk/archive/archive-store';
import { isFolder, readStoryContent, storyFilesIn } from '../../desk/archive/story-source';
import { DeskStore } from '../../desk/storage/desk-store';
import { defaultUser } from '../../desk/services';
import { t } from '../i18n';
import { UsageError, dataDirOf, dateOption, pageOption } from '../usage';

export async function runArchive(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [action, ...paths] = positionals;
  if (action !== 'add' && action !== 'info') throw new UsageError(t('cli.archive.action'));
  const dataDir = dataDirOf(values);
  const store = await DeskStore.open({ dataDir, user: defaultUser() });
  try {
    const archive = await ArchiveStore.open(archiveDirOf(dataDir));
    if (action === 'info') {
      const stories = archive.index.stories;
      const info = { count: stories.length, chars: archive.index.textLength, dir: archiveDirOf(dataDir) };
      console.log(t('cli.archive.info', info));
      return 0;
    }
    const date = dateOption(values);
    const page = pageOption(values) ?? '';
    if (paths.length === 0) throw new UsageError(t('cli.archive.noPaths'));
    const files: string[] = [];
    for (const path of paths.map((p) => resolve(p))) {
      files.push(...((await isFolder(path)) ? await storyFilesIn(path) : [path]));
    }
    const known = new Set(archive.index.stories.map((s) => s.id));
    const entries = [];
    for (const file of files) {
      const id = `${date}/${page || '-'}/${basename(file)}`;
      if (known.has(id)) {
        console.log(t('cli.archive.known', { file }));
        continue;
      }
      entries.push(archiveEntryOf(id, await readStoryContent(file), date));
    }
    await archive.add(entries);
    const added = { count: entries.length, date, page, total: archive.index.stories.length };
    console.log(t(page ? 'cli.archive.addedPage' : 'cli.archive.added', added));
    return 0;
  } finally {
    await store.close();
  }
}
