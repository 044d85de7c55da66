/**
 * Story files into new drafts, one after another ('stories.import'): what the
 * import button and the drop zone share. A file the desk would refuse anyway (wrong
 * extension, over 40 MB) is refused here before its bytes cross the API; every other
 * failure is the desk's own message naming the file (nothing was written for it).
 */
import { DeskError } from '../../../shared/api';
import type { ImportNote } from '../../../shared/import/import-note';
import { desk } from '../platform/desk-client';
import { readFileAsBase64 } from '../platform/read-file';
import { isStoryFile, MAX_IMPORT_BYTES } from './story-file-types';

export type ImportedFile =
  | { file: string; ok: true; storyId: string; headline: string; notes: ImportNote[]; encoding?: string }
  | { file: string; ok: false; error: unknown };

export type ImportProgress = { done: number; total: number; file: string };

/** Imports `files` in order (one at a time: the DOCX reader is a worker with a memory limit). */
export async function importStoryFiles(
  files: readonly File[],
  options: { page?: string | null; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportedFile[]> {
  const results: ImportedFile[] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.({ done: i, total: files.length, file: file.name });
    results.push(await importOne(file, options.page ?? null));
  }
  options.onProgress?.({ done: files.length, total: files.length, file: '' });
  return results;
}

async function importOne(file: File, page: string | null): Promise<ImportedFile> {
  const name = file.name;
  if (!isStoryFile(name)) {
    return {
      file: name,
      ok: false,
      error: new DeskError(
        'unsupported',
        'import.unsupported',
        { file: name },
        `${name}: only .docx, .md and .txt`,
      ),
    };
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      file: name,
      ok: false,
      error: new DeskError('invalid-input', 'import.tooLarge', { file: name }, `${name}: ${file.size} bytes`),
    };
  }
  let data: string;
  try {
    data = await readFileAsBase64(file);
  } catch (err) {
    return {
      file: name,
      ok: false,
      error: new DeskError('not-found', 'import.unreadable', { file: name }, String(err)),
    };
  }
  try {
    const result = await desk['stories.import']({ name, data, ...(page ? { page } : {}) });
    return {
      file: name,
      ok: true,
      storyId: result.story.id,
      headline: result.story.headline,
      notes: result.notes,
      ...(result.encoding ? { encoding: result.encoding } : {}),
    };
  } catch (error) {
    return { file: name, ok: false, error };
  }
}
