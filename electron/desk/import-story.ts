/**
 * Brings story files (.md, .txt) into the store. Photos referenced by a .md file
 * are copied into the data folder unmodified and the story points at the copy.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';

import { DeskError } from '../../shared/api';
import { parseStoryMarkdown, parseStoryText } from '../../shared/format';
import { StoryContentSchema, newStory, type Story, type StoryContent } from '../../shared/model';
import type { DeskStore } from './storage/desk-store';
import { newStoryId } from './ids';

const STORED_PHOTO = /^[a-f0-9]{16,64}\.(jpg|png|webp)$/;

/** Reads a story file into content, without touching the store. */
export async function readStoryFile(path: string): Promise<StoryContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DeskError('not-found', 'error.fileUnreadable', { file: path }, `cannot read ${path}: ${String(err)}`);
  }
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.md') return parseStoryMarkdown(text);
    if (ext === '.txt') return parseStoryText(text);
  } catch (err) {
    throw new DeskError('invalid-input', 'error.storyFormat', { file: path }, `${path}: ${(err as Error).message}`);
  }
  throw new DeskError('unsupported', 'error.fileType', { file: path }, `${path}: only .md and .txt stories can be read`);
}

/** Copies photos named by path (relative to the story file) into the store. */
async function storePhotos(store: DeskStore, content: StoryContent, baseDir: string): Promise<StoryContent> {
  const photos = [];
  for (const photo of content.photos) {
    if (STORED_PHOTO.test(photo.file)) {
      photos.push(photo);
      continue;
    }
    const source = isAbsolute(photo.file) ? photo.file : resolve(baseDir, photo.file);
    const bytes = await readFile(source).catch((err: unknown) => {
      throw new DeskError('not-found', 'error.photoMissing', { file: source }, `photo ${source}: ${String(err)}`);
    });
    const stored = await store.importPhoto(source, new Uint8Array(bytes));
    photos.push({ ...photo, file: stored.file });
  }
  return { ...content, photos };
}

export async function importStoryFile(
  store: DeskStore,
  path: string,
  opts: { user: string; now?: Date; patch?: Partial<StoryContent> },
): Promise<Story> {
  const raw = await readStoryFile(path);
  const content = await storePhotos(store, { ...raw, ...opts.patch }, dirname(path));
  const checked = StoryContentSchema.safeParse(content);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new DeskError('invalid-input', 'error.storyFormat', { file: path }, `${path}: ${issues}`);
  }
  const now = (opts.now ?? new Date()).toISOString();
  return store.create(newStory(newStoryId(), now, opts.user, checked.data));
}
