/** An import note or a file's encoding in the reader's language (the note's English `detail` when a key is missing). */
import type { ImportNote } from '../../../shared/import/import-note';
import type { Translator } from '../app/i18n/i18n';

export function encodingName({ tKey }: Translator, encoding: string): string {
  return tKey(`encoding.${encoding}`) ?? encoding.toUpperCase();
}

export function noteMessage(i18n: Translator, note: ImportNote): string {
  const params: Record<string, string | number> = { ...note.params };
  if (note.code === 'encoding') params.encodingName = encodingName(i18n, String(note.params.encoding ?? ''));
  return i18n.tKey(`importNote.${note.code}`, params) ?? note.detail;
}
