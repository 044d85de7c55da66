/**
 * Brings story files (.docx, .md, .txt) into the store (issue 8). Photos referenced
 * by a .md file, or embedded in a .docx, are copied into the data folder unmodified
 * and the story points at the copy. Everything the import could not recognise is
 * listed in `notes` for the reporter; nothing is dropped silently.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';

import { DeskError } from '../../shared/api';
import { parseStoryMarkdown, StoryFormatError } from '../../shared/format';
import {
  MAX_LINE_CHARS,
  note,
  overlongLine,
  recogniseStory,
  textToBlocks,
  type ImportNote,
} from '../../shared/import';
import { regionByName } from '../../shared/geo/region-by-name';
import { StoryContentSchema, newStory, type Region, type Story, type StoryContent } from '../../shared/model';
import { readDocxFile } from './import/docx-read';
import { decodeTextFile, isCompoundFile, type TextEncodingName } from './import/text-encoding';
import type { DeskStore } from './storage/desk-store';
import { sniffPhotoType } from './storage/photo-type';
import { newStoryId } from './ids';
import { regionIndex } from './regions';

/** A story read from a file, with the photos it names (files beside it, or bytes from inside a .docx). */
export type StoryFileContent = {
  content: StoryContent;
  photoSources: Map<string, string>;
  photoBytes?: Map<string, Uint8Array>;
  /** What the reporter should check (empty for a .md written by the desk). */
  notes?: ImportNote[];
  /** For text files: the encoding detected. */
  encoding?: TextEncodingName;
};

export const STORY_IMPORT_EXTENSIONS = ['.docx', '.md', '.txt'] as const;

/**
 * Reads a story file into content, without touching the store. Photo lines name
 * files beside the story; each gets a placeholder name that storePhotos replaces.
 */
export type ReadStoryOptions = {
  /**
   * A .md without front matter is read like a text (markdown "#" headings as hints)
   * instead of refused. For imports; checks keep .md strict.
   */
  looseMarkdown?: boolean;
};

export async function readStoryFile(path: string, options: ReadStoryOptions = {}): Promise<StoryFileContent> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new DeskError(
      'not-found',
      'error.fileUnreadable',
      { file: path },
      `cannot read ${path}: ${String(err)}`,
    );
  }
  return readStoryBytes(path, bytes, options);
}

/** Reads a story from its bytes; `path` names it in messages and locates the photos a .md names. */
export async function readStoryBytes(
  path: string,
  bytes: Uint8Array,
  options: ReadStoryOptions = {},
): Promise<StoryFileContent> {
  const ext = extname(path).toLowerCase();
  const photoSources = new Map<string, string>();
  const placeholder = (src: string) => {
    const name = `${photoSources.size.toString(16).padStart(16, '0')}.${src.toLowerCase().endsWith('.png') ? 'png' : src.toLowerCase().endsWith('.webp') ? 'webp' : 'jpg'}`;
    photoSources.set(name, isAbsolute(src) ? src : resolve(dirname(path), src));
    return name;
  };
  if (ext === '.docx' || ext === '.doc' || (ext !== '.md' && ext !== '.txt' && isCompoundFile(bytes))) {
    return readDocxStory(path, bytes);
  }
  if (ext !== '.md' && ext !== '.txt') {
    throw new DeskError(
      'unsupported',
      'error.fileType',
      { file: path },
      `${path}: only .docx, .md and .txt stories can be read`,
    );
  }
  const decoded = decodeTextFile(bytes);
  refuseOverlong(path, decoded.text);
  const notes: ImportNote[] = [];
  if (decoded.encoding !== 'utf-8') {
    notes.push(
      note('encoding', '', `the file was read as ${decoded.encoding.toUpperCase()}`, {
        encoding: decoded.encoding,
      }),
    );
  }
  const regions = ext === '.md' ? await storyRegions(decoded.text) : null;
  try {
    if (
      ext === '.md' &&
      (!options.looseMarkdown || /^\s*---\s*(\n|$)/.test(decoded.text.replace(/\r\n?/g, '\n')))
    ) {
      let content: StoryContent;
      try {
        content = parseStoryMarkdown(decoded.text, {
          photoFile: placeholder,
          ...(regions ? { resolveRegion: regions.resolve } : {}),
        });
      } catch (err) {
        // A file refused for other problems lists its region's problem with them (all at once).
        if (err instanceof StoryFormatError && regions?.problems.length)
          throw StoryFormatError.all([err, ...regions.problems]);
        throw err;
      }
      return {
        content,
        photoSources,
        notes: [...notes, ...(regions?.notes ?? [])],
        encoding: decoded.encoding,
      };
    }
    const read = recogniseStory(textToBlocks(decoded.text));
    if (!read.content.headline && blocksEmpty(read.content)) {
      throw new Error('the text is empty: its first line should be the headline');
    }
    return {
      content: read.content,
      photoSources,
      notes: [...notes, ...read.notes],
      encoding: decoded.encoding,
    };
  } catch (err) {
    if (err instanceof DeskError) throw err;
    if (err instanceof StoryFormatError) throw storyFormatError(path, err);
    throw new DeskError(
      'invalid-input',
      'error.storyFormat',
      { file: path },
      `${path}: ${(err as Error).message}`,
    );
  }
}

/**
 * The region list for a .md whose front matter has a region (none otherwise: the list
 * is read only when needed). A region that names no division, or several, leaves the
 * story without one: a note says so (with the choices, for the import dialog to ask),
 * and the same problem stands beside the others if the file is refused for them.
 */
async function storyRegions(text: string): Promise<{
  resolve: (written: string, line: number) => Region | null;
  notes: ImportNote[];
  problems: StoryFormatError[];
} | null> {
  if (!/^region\s*:/mu.test(text)) return null;
  // Without the list (resources unreadable) a region must be written with its code and names.
  const index = await regionIndex().catch(() => null);
  if (!index) return null;
  const notes: ImportNote[] = [];
  const problems: StoryFormatError[] = [];
  const resolve = (written: string, line: number): Region | null => {
    const code = /^\d{6}$/u.test(written) ? index.lookup(written) : undefined;
    if (code) return { code: code.code, path: code.path };
    const found =
      code === undefined && !/^\d/u.test(written) ? regionByName(index, written) : { kind: 'none' as const };
    if (found.kind === 'one') return found.region;
    if (found.kind === 'none') {
      notes.push(
        note(
          'region-unknown',
          written,
          `line ${line}: region "${written}" is not a GB/T 2260 division; imported without a region (write its full name or six-digit code)`,
          { line, value: written },
        ),
      );
      problems.push(
        new StoryFormatError(
          line,
          `region "${written}" is not a GB/T 2260 division: write its full name or its six-digit code`,
          'regionUnknown',
          { value: written },
        ),
      );
      return null;
    }
    const names = found.choices.map((r) => `${r.code} ${r.path.join('')}`).join('; ');
    notes.push({
      ...note(
        'region-ambiguous',
        written,
        `line ${line}: region "${written}" names ${found.choices.length} divisions (${names}); imported without a region: choose one, or write its code`,
        {
          line,
          value: written,
          count: found.choices.length,
          names: found.choices.map((r) => r.path.join('')).join('、'),
        },
      ),
      choices: found.choices,
    });
    problems.push(
      new StoryFormatError(
        line,
        `region "${written}" names ${found.choices.length} divisions (${names}): add its province and city, or write the code`,
        'regionAmbiguous',
        {
          value: written,
          count: found.choices.length,
          choices: found.choices.map((r) => `${r.path.join('')}（${r.code}）`).join('；'),
        },
      ),
    );
    return null;
  };
  return { resolve, notes, problems };
}

/** Every problem of a story file in one error, each with its line and its i18n key. */
export function storyFormatError(path: string, err: StoryFormatError): DeskError {
  const problems = err.problems.map((p) => ({
    line: p.line,
    key: p.key ? `storyFormat.${p.key}` : 'storyFormat.other',
    params: { ...p.params, detail: p.detail },
    detail: p.detail,
  }));
  return new DeskError(
    'invalid-input',
    'error.storyFormat',
    { file: path, count: problems.length },
    `${path}: ${err.message}`,
    problems,
  );
}

function blocksEmpty(content: StoryContent): boolean {
  const children = content.body.root.children;
  return children.length <= 1 && JSON.stringify(children).indexOf('"text":"') < 0;
}

/** Refuses a text with a line beyond MAX_LINE_CHARS before any recogniser sees it (issue 16). */
function refuseOverlong(path: string, text: string): void {
  const long = overlongLine(text);
  if (!long) return;
  throw new DeskError(
    'invalid-input',
    'error.lineTooLong',
    { file: path, line: long.line, length: long.length, limit: MAX_LINE_CHARS },
    `${path}: line ${long.line} has ${long.length} characters, more than the ${MAX_LINE_CHARS} a paragraph may have; nothing was imported. Split it into paragraphs.`,
  );
}

async function readDocxStory(path: string, bytes: Uint8Array): Promise<StoryFileContent> {
  const read = await readDocxFile(path, bytes);
  refuseOverlong(path, read.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n'));
  const photoBytes = new Map<string, Uint8Array>();
  const notes = [...read.notes];
  const photoFile = (ref: string): string | null => {
    const data = read.images.get(ref);
    const type = data ? sniffPhotoType(data) : null;
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    if (!data || !type) {
      notes.push(
        note('image-rejected', name, `${name} is not a JPEG, PNG or WebP by its content: left out`, { name }),
      );
      return null;
    }
    const placeholder = `${photoBytes.size.toString(16).padStart(16, '0')}.${type.ext}`;
    photoBytes.set(placeholder, data);
    return placeholder;
  };
  const story = recogniseStory(read.blocks, { photoFile });
  return { content: story.content, photoSources: new Map(), photoBytes, notes: [...notes, ...story.notes] };
}

/** Copies the photos a story file names (or holds) into the store, unmodified. */
async function storePhotos(store: DeskStore, read: StoryFileContent): Promise<StoryContent> {
  const photos = [];
  for (const photo of read.content.photos) {
    const inline = read.photoBytes?.get(photo.file);
    if (inline) {
      const stored = await store.importPhoto(photo.file, inline);
      photos.push({ ...photo, file: stored.file });
      continue;
    }
    const source = read.photoSources.get(photo.file);
    if (!source) {
      photos.push(photo);
      continue;
    }
    const bytes = await readFile(source).catch((err: unknown) => {
      throw new DeskError(
        'not-found',
        'error.photoMissing',
        { file: source },
        `photo ${source}: ${String(err)}`,
      );
    });
    const stored = await store.importPhoto(basename(source), new Uint8Array(bytes));
    photos.push({ ...photo, file: stored.file });
  }
  return { ...read.content, photos };
}

/** The story created by an import, and what the reporter should check. */
export type ImportedStory = { story: Story; notes: ImportNote[]; encoding?: TextEncodingName };

export async function importStoryFile(
  store: DeskStore,
  path: string,
  opts: { user: string; now?: Date; patch?: Partial<StoryContent> },
): Promise<Story> {
  return (await importStory(store, path, await readStoryFile(path), opts)).story;
}

/** Imports a story already read (readStoryFile / readStoryBytes): photos stored, story created. */
export async function importStory(
  store: DeskStore,
  path: string,
  read: StoryFileContent,
  opts: { user: string; now?: Date; patch?: Partial<StoryContent> },
): Promise<ImportedStory> {
  const content = { ...(await storePhotos(store, read)), ...opts.patch };
  const checked = StoryContentSchema.safeParse(content);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new DeskError('invalid-input', 'error.storyFormat', { file: path }, `${path}: ${issues}`);
  }
  const now = (opts.now ?? new Date()).toISOString();
  const story = await store.create(newStory(newStoryId(), now, opts.user, checked.data));
  return { story, notes: read.notes ?? [], ...(read.encoding ? { encoding: read.encoding } : {}) };
}
