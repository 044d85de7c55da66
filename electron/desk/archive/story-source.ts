/**
 * Reading stories to check or to archive: story files (.md, .txt through
 * import-story's readStoryFile; .json as a stored story document or bare content)
 * and folders of them. Errors are DeskErrors that name the file.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

import { DeskError } from '../../../shared/api';
import { StoryContentSchema, type StoryContent } from '../../../shared/model';
import { readStoryFile } from '../import-story';

export const STORY_FILE_EXTENSIONS = ['.md', '.txt', '.json'] as const;

export function isStoryFileName(name: string): boolean {
  return (
    !name.startsWith('.') &&
    (STORY_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())
  );
}

/** A story file's content (photos are not copied anywhere: checks only read text). */
export async function readStoryContent(path: string): Promise<StoryContent> {
  if (extname(path).toLowerCase() !== '.json') return (await readStoryFile(path)).content;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code)
      throw new DeskError(
        'not-found',
        'error.fileUnreadable',
        { file: path },
        `cannot read ${path}: ${String(err)}`,
      );
    throw new DeskError(
      'invalid-input',
      'error.storyFormat',
      { file: path },
      `${path}: not JSON (${(err as Error).message})`,
    );
  }
  // A stored story document (stories/<id>.json) carries more keys; keep the content ones.
  const parsed = StoryContentSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new DeskError(
      'invalid-input',
      'error.storyFormat',
      { file: path },
      `${path}: not a story (${issues})`,
    );
  }
  return parsed.data;
}

/** The story files directly inside `dir` (or below it, with `recursive`), sorted by path. */
export async function storyFilesIn(dir: string, recursive = false): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new DeskError(
      'not-found',
      'error.fileUnreadable',
      { file: dir },
      `cannot read folder ${dir}: ${String(err)}`,
    );
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && recursive && !entry.name.startsWith('.'))
      files.push(...(await storyFilesIn(path, true)));
    else if (entry.isFile() && isStoryFileName(entry.name)) files.push(path);
  }
  return files.sort();
}

/** Whether `path` is a folder (false for a file; a DeskError naming it when it is neither). */
export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    throw new DeskError(
      'not-found',
      'error.fileUnreadable',
      { file: path },
      `cannot read ${path}: ${String(err)}`,
    );
  }
}
