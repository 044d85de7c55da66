/** English strings of story import; the same keys as import-zh-CN.ts. */
import type { importZhCN } from './import-zh-CN';
import { storyImportEn } from '../../../shared/i18n/story-import-en';

export const importEn: { readonly [K in keyof typeof importZhCN]: string } = {
  ...storyImportEn,
  'import.button': 'Import',
  'import.buttonTitle':
    'Import stories from Word (.docx), Markdown (.md) or text (.txt) files, several at once; or drop the files on the story list',
  'import.pickLabel': 'Story files to import',
  'import.drop': 'Drop to import these files as new stories',
  'import.progressTitle': 'Importing stories',
  'import.progress': '{n} of {total}: {file}',
  'import.resultTitle': 'Import result',
  'import.summary': '{total} files: {ok} became new stories, {failed} were not imported.',
  'import.summaryAllOk': '{total} files, all now new stories. Check the points listed under each.',
  'import.fileOk': 'New story “{headline}”',
  'import.fileFailed': 'Not imported',
  'import.open': 'Open it',
  'import.close': 'Close',
  'import.encoding': 'Text encoding: {encoding}',
  'import.notesTitle': 'Please check ({count})',
  'import.noNotes': 'Everything was recognised; nothing to check.',
  'storyFormat.regionAmbiguous':
    '“{value}” names {count} places ({choices}): add its province and city, or the code',
  'storyFormat.badCredit':
    'photo credit “{value}” must read “<name> 摄”, “<organisation>供图” or “图 <name>”',
  'import.unsupported': '“{file}” is not a file this import reads: only .docx, .md and .txt.',
  'import.tooLarge': '“{file}” is larger than 40 MB and was not imported.',
  'import.unreadable': '“{file}” could not be read.',

  'importNote.head-unrecognised':
    'Not a headline part: kept as body text; write a headline if one is missing.',
  'importNote.byline-halfwidth':
    'The byline had half-width brackets “( )”; it prints with full-width “（）”.',
  'importNote.byline-no-role':
    'Names in the byline have no role (记者, 通讯员 …): kept as names only, check them.',
  'importNote.caption-without-photo':
    'A caption or photo credit has no photo to go with: kept as a paragraph.',
  'importNote.zip-entry-skipped':
    '{count} part(s) of the file have a name that leads outside it (.., an absolute path or a backslash); skipped, not read: {names}',
  'importNote.image-rejected':
    'The embedded image “{name}” is not a JPEG, PNG or WebP by its content: left out.',
  'importNote.tracked-changes':
    'The document had tracked changes: insertions kept, deletions left out (Word’s “final” view).',
  'importNote.joined':
    'Line {line} was cut from the line before by a column break: joined into one paragraph.',
  'importNote.region-unknown':
    'The region “{value}” on line {line} is not a GB/T 2260 division; the story has no region yet: choose it in the story, or write the full name or six-digit code in the file.',
  'importNote.region-ambiguous':
    'The region “{value}” on line {line} names {count} divisions; the story has no region yet. Choose which one:',
  'import.regionNotSaved': 'the story open in the editor could not be saved',
  'import.regionPick': 'Choose',
  'import.regionPicked': 'Region set to {region} ({code}).',
  'import.regionPickFailed':
    'The region could not be saved: {message}. The story itself was imported; choose the region in the editor.',
  'import.regionChoicesLabel': 'Divisions named “{value}”',

  'error.docxDamaged':
    '“{file}” is damaged or cut short; nothing was imported. Open it in Word or WPS, save it as .docx and import again.',
  'error.docxEncrypted':
    '“{file}” is password-protected or an old .doc: remove the password or save it as .docx in Word or WPS, then import again.',
  'error.archiveStoryMissing': 'The archive has no story {id}.',
};
