/**
 * Where everything lives inside a data folder. One place, so the store, the CLI and
 * tests agree, and a person browsing the folder finds self-explanatory names.
 */
import { join } from 'node:path';

/** The folders and documents of one data folder, as absolute paths. */
export type DataLayout = {
  root: string;
  /** One JSON document per story: stories/<id>.json. */
  stories: string;
  /** The last good versions of each story: backups/<id>/<rev>.json (hard links, never modified). */
  backups: string;
  /** Files that failed to parse or validate, moved here untouched: damaged/<name>.<timestamp>. */
  damaged: string;
  /** Purged stories and their backups: a purge moves, it never deletes. */
  purged: string;
  /** Imported photos, content-addressed: photos/<sha256 prefix>.<ext>. */
  photos: string;
  /** The list index: a snapshot plus an append-only journal. */
  index: string;
  prefs: string;
  notices: string;
};

export function dataLayout(dataDir: string): DataLayout {
  return {
    root: dataDir,
    stories: join(dataDir, 'stories'),
    backups: join(dataDir, 'backups'),
    damaged: join(dataDir, 'damaged'),
    purged: join(dataDir, 'purged'),
    photos: join(dataDir, 'photos'),
    index: join(dataDir, 'index'),
    prefs: join(dataDir, 'prefs.json'),
    notices: join(dataDir, 'notices.json'),
  };
}

/** A story file name: the id (lowercase, see STORY_ID) plus ".json". */
export const STORY_FILE_NAME = /^([a-z0-9][a-z0-9-]{5,63})\.json$/;

export function storyFileName(id: string): string {
  return `${id}.json`;
}
