/**
 * Brings story files (.md, .txt) into the store. Photos referenced by a .md file
 * are copied into the data folder unmodified and the story points at the copy.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';

import { DeskError } from '../../shared/api';
import { parseStoryMarkdown, parseStoryText } from '../../shared/format';
import { StoryContentSchema, newStory, type Story, type StoryContent } from '../../shared/model';
import type { DeskStore } from './storage/desk-store';
import { newStoryId } from './ids';

/** A story read from a file, with the photo files it names (relative to the file). */
export type StoryFileContent = { content: StoryContent; photoSources: Map<string, string> };

/**
 * Reads a story file into content, without touching the store. Photo lines name
 * files beside the story; each gets a placeholder name that storePhotos replaces.
 */
export async function readStoryFile(path: string): Promise<StoryFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DeskError('not-found', 'error.fileUnreadable', { file: path }, `cannot read ${path}: ${String(err)}`);
  }
  const ext = extname(path).toLowerCase();
  const photoSources = new Map<string, string>();
  const placeholder = (src: string) => {
    const name = `${photoSources.size.toString(16).padStart(16, '0')}.${src.toLowerCase().endsWith('.png') ? 'png' : src.toLowerCase().endsWith('.webp') ? 'webp' : 'jpg'}`;
    photoSources.set(name, isAbsolute(src) ? src : resolve(dirname(path), src));
    return name;
  };
  try {
    if (ext === '.md') return { content: parseStoryMarkdown(text, { photoFile: placeholder }), photoSources };
    if (ext === '.txt') return { content: parseStoryText(text), photoSources };
  } catch (err) {
    throw new DeskError('invalid-input', 'error.storyFormat', { file: path }, `${path}: ${(err as Error).message}`);
  }
  throw new DeskError('unsupported', 'error.fileType', { file: path }, `${path}: only .md and .txt stories can be read`);
}

/** Copies the photos a story file names into the store, unmodified. */
async function storePhotos(store: DeskStore, read: StoryFileContent): Promise<StoryContent> {
  const photos = [];
  for (const photo of read.content.photos) {
    const source = read.photoSources.get(photo.file);
    if (!source) {
      photos.push(photo);
      continue;
    }
    const bytes = await readFile(source).catch((err: unknown) => {
      throw new DeskError('not-found', 'error.photoMissing', { file: source }, `photo ${source}: ${String(err)}`);
    });
    const stored = await store.importPhoto(basename(source), new Uint8Array(bytes));
    photos.push({ ...photo, file: stored.file });
  }
  return { ...read.content, photos };
}

export async function importStoryFile(
  store: DeskStore,
  path: string,
  opts: { user: string; now?: Date; patch?: Partial<StoryContent> },
): Promise<Story> {
  const read = await readStoryFile(path);
  const content = { ...(await storePhotos(store, read)), ...opts.patch };
  const checked = StoryContentSchema.safeParse(content);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new DeskError('invalid-input', 'error.storyFormat', { file: path }, `${path}: ${issues}`);
  }
  const now = (opts.now ?? new Date()).toISOString();
  return store.create(newStory(newStoryId(), now, opts.user, checked.data));
}
