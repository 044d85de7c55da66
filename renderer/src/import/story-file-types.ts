/** Which files 'stories.import' takes, known before any byte is read (no desk call here, so tests and pickers share it). */

/** The extensions 'stories.import' reads (electron/desk/import-story.ts STORY_IMPORT_EXTENSIONS). */
export const STORY_FILE_EXTENSIONS = ['.docx', '.md', '.txt'] as const;
/** For the file input's accept attribute. */
export const STORY_FILE_ACCEPT = STORY_FILE_EXTENSIONS.join(',');
/** The desk's limit for one file (import-handlers.ts). */
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;

export function isStoryFile(name: string): boolean {
  const lower = name.toLowerCase();
  return STORY_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
