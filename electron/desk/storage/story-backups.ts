/**
 * Rolling backups of story files: the last good versions a damaged file is
 * recovered from (architecture.md, Storage: "keep rolling backups").
 *
 * A backup is a hard link to the story file being replaced. Story files are never
 * modified in place (every write is a new file renamed over the old one), so the link
 * keeps the old version byte for byte, at the cost of one metadata operation per save.
 */
import { copyFile, link, mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { StorySchema, type Story } from '../../../shared/model';
import { DamagedFileError, readJsonFile } from './durable-file';

/** How many earlier versions of each story are kept. */
export const BACKUPS_PER_STORY = 3;

const BACKUP_NAME = /^(\d+)\.json$/;

export class StoryBackups {
  readonly #dir: string;

  constructor(backupsDir: string) {
    this.#dir = backupsDir;
  }

  /** The folder holding one story's backups, as `<rev>.json`. */
  folderOf(id: string): string {
    return join(this.#dir, id);
  }

  /**
   * Keeps `storyFile` (a version already read and validated, at revision `rev`) as a
   * backup, then drops the oldest beyond BACKUPS_PER_STORY. Not fsynced: losing a
   * backup in a power cut costs a fallback, never the story itself.
   */
  async keep(id: string, rev: number, storyFile: string): Promise<void> {
    const folder = this.folderOf(id);
    const target = join(folder, `${rev}.json`);
    try {
      await linkOrCopy(storyFile, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return; // this revision is already backed up
      if (code !== 'ENOENT') throw error;
      await mkdir(folder, { recursive: true });
      await linkOrCopy(storyFile, target).catch((again: NodeJS.ErrnoException) => {
        if (again.code !== 'EEXIST') throw again;
      });
    }
    const revs = await this.#revs(id);
    for (const old of revs.slice(BACKUPS_PER_STORY))
      await unlink(join(folder, `${old}.json`)).catch(() => undefined);
  }

  /** The newest backup that parses and validates as this story, or null. Damaged backups are skipped, not touched. */
  async newestGood(id: string): Promise<Story | null> {
    for (const rev of await this.#revs(id)) {
      try {
        const story = await readJsonFile(join(this.folderOf(id), `${rev}.json`), StorySchema);
        if (story && story.id === id) return story;
      } catch (error) {
        if (!(error instanceof DamagedFileError)) throw error;
      }
    }
    return null;
  }

  /** Moves one story's backups elsewhere (a purge keeps them with the purged file). */
  async moveTo(id: string, target: string): Promise<void> {
    await rename(this.folderOf(id), target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Revisions with a backup, newest first. */
  async #revs(id: string): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.folderOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((name) => BACKUP_NAME.exec(name)?.[1])
      .filter((rev): rev is string => rev !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
  }
}

/** Some file systems (FAT, some network shares) have no hard links: fall back to a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    // COPYFILE_EXCL: like link(), never replace an existing backup.
    await copyFile(from, to, 1);
  }
}
