/** English words of story and page import shared with the app; the same keys as story-import-zh-CN.ts. */
import type { storyImportZhCN } from './story-import-zh-CN';

export const storyImportEn: { readonly [K in keyof typeof storyImportZhCN]: string } = {
  'pageImport.none': 'No story was found in this text. Check that the file is a page’s plain text.',
  'pageImport.kicker': 'Kicker',
  'pageImport.subheadline': 'Subheadline',
  'pageImport.byline': 'Byline',
  'pageImport.paragraphs': '{count} paragraphs ({subheads} subheads)',
  'pageImport.lines': 'lines {first}–{last} of the text',
  'pageImport.continued': 'Continued from another page',
  'pageImport.captions': 'Captions',
  'pageImport.jumpTo': 'continued on page {page}',
  'pageImport.jumpFrom': 'continued from page {page}',
  'pageImport.join': 'line {line} joined to the line before: “…{end}” + “{start}…”',
  'pageImport.region': 'Region',
  'pageImport.regionUnresolved': '“{label}” (which division is not certain)',
  'pageImport.boxes': 'Slogan boxes (public-service panels, not archived as stories)',
  'pageImport.box': 'lines {first}–{last}',
  'importNote.story-untitled':
    'The story from line {line} has no headline: titled “{headline}” by its first words for now; check it.',
  'importNote.credit-without-caption':
    'A photo credit line with no caption before it was added to the photos of “{headline}”.',
  'importNote.region-label':
    '“{label}” above the headline is a region label: the region of “{headline}” is {region}.',
  'importNote.region-unresolved':
    '“{label}” above the headline is a region label, but which division it names is not certain (perhaps: {names}); choose the region of “{headline}”.',
  'importNote.box':
    'Lines {first}–{last} are a slogan box ({count} lines): kept as a box, not archived as a story.',
  'importNote.emphasis-removed': '{count} Markdown-like emphasis mark(s) (**…**) were taken away.',
  'importNote.correction-unused':
    'A correction (line {line}) names no line of this text it could change: it had no effect.',
  'importNote.region-unlisted':
    '“{label}” above the headline is a region label; the region list could not be loaded, so choose the region of “{headline}”.',
  'import.untitled': '(untitled)',
  'import.nothingWritten': 'Nothing was written for this file; the other files are not affected.',
  'error.storyProblems': 'The story file “{file}” has {count} problems; fix them and import it again:',
  'storyFormat.line': 'line {line}',
  'storyFormat.whole': 'the file',
  'storyFormat.other': '{detail}',
  'storyFormat.noHeadline': 'the front matter has no headline (headline: …)',
  'storyFormat.unknownKey': 'unknown key “{key}” (known: {known})',
  'storyFormat.badKind': 'story kind “{value}” is not one of {known}',
  'storyFormat.badPage': 'page “{value}” must look like B6',
  'storyFormat.badSlot': 'slot “{value}” must be a number from 1 to 99',
  'storyFormat.badRegionCode': 'region code “{value}” must be a six-digit GB/T 2260 code, like “520113”',
  'storyFormat.regionNames': 'region {code} needs its names too, e.g. “{code} 贵州省 贵阳市 白云区”',
  'storyFormat.regionUnknown': 'no county is called “{value}”: write its full name or its six-digit code',
  'storyFormat.regionAmbiguous':
    '“{value}” names {count} places ({choices}): add its province and city, or the code',
  'storyFormat.roleWithoutName': 'byline role “{role}” is not followed by a name',
  'storyFormat.badJump': 'jump “{value}” must read like 下转B7版 or 上接B5版',
  'storyFormat.photoFile': 'photo file “{value}” is missing or not a photo',
  'storyFormat.badQualifier': 'figure qualifier “{value}” must be 余, 多, 约, 近 or empty',
  'storyFormat.badCredit':
    'photo credit “{value}” must read “<name> 摄”, “<organisation>供图” or “图 <name>”',
  'storyFormat.noPhotoId': 'no photo has the id “{id}”',
  'storyFormat.yaml': 'the front matter is not valid YAML ({message})',
  'storyFormat.invalid': '{field}: {message}',
  'encoding.utf-8': 'UTF-8',
  'encoding.gb18030': 'GB18030 (GBK compatible)',
  'encoding.utf-16le': 'UTF-16 (little-endian)',
  'encoding.utf-16be': 'UTF-16 (big-endian)',
  'importNote.encoding': 'The file was read as {encodingName}.',
  'importNote.head-guessed': 'Taken for a headline part by its place and length: check it.',
  'importNote.head-unrecognised':
    'Not a headline part: kept as body text; write a headline if one is missing.',
  'importNote.subheadline-dash': 'The dash opening the subheadline became “——”.',
  'importNote.byline-halfwidth':
    'The byline had half-width brackets “( )”; it prints with full-width “（）”.',
  'importNote.byline-no-role':
    'Names in the byline have no role (记者, 通讯员 …): kept as names only, check them.',
  'importNote.byline-unrecognised': 'Something like a byline could not be read: kept as text.',
  'importNote.caption-without-photo':
    'A caption or photo credit has no photo to go with: kept as a paragraph.',
  'importNote.photo-without-caption': 'A photo has no caption: write one.',
  'importNote.zip-entry-skipped':
    '{count} part(s) of the file have a name that leads outside it (.., an absolute path or a backslash); skipped, not read: {names}',
  'importNote.image-rejected':
    'The embedded image “{name}” is not a JPEG, PNG or WebP by its content: left out.',
  'importNote.table-flattened': '{count} table(s) became paragraphs (one per row, cells separated by “；”).',
  'importNote.links-removed': '{count} link(s): the text was kept, the addresses removed.',
  'importNote.tracked-changes':
    'The document had tracked changes: insertions kept, deletions left out (Word’s “final” view).',
  'importNote.floating-text': 'Paragraphs of {count} text box(es) or footnotes were added at the end.',
  'importNote.jump': 'A jump line (page {page}) was recognised and stored with the story’s jumps.',
  'importNote.continued': 'A story continued from page {page} starts here.',
  'importNote.joined':
    'Line {line} was cut from the line before by a column break: joined into one paragraph.',
  'importNote.caption-attached': 'Caption attached to “{headline}”: check it belongs there.',
  'importNote.orphan': 'Text that belongs to no story: kept on its own.',
  'importNote.over-limit': 'More photos or jump lines than a story holds: the rest kept as text.',
  'importNote.region-unknown':
    'The region “{value}” on line {line} is not a GB/T 2260 division; the story has no region yet: choose it in the story, or write the full name or six-digit code in the file.',
  'importNote.region-ambiguous':
    'The region “{value}” on line {line} names {count} divisions; the story has no region yet. Choose which one:',
  'error.docxNotWord': '“{file}” is not a Word document (.docx); nothing was imported.',
  'error.docxDamaged':
    '“{file}” is damaged or cut short; nothing was imported. Open it in Word or WPS, save it as .docx and import again.',
  'error.docxTooLarge': '“{file}” is too large (or unpacks to too much); nothing was imported.',
  'error.docxEncrypted':
    '“{file}” is password-protected or an old .doc: remove the password or save it as .docx in Word or WPS, then import again.',
  'error.docxTimeout': 'Reading “{file}” took too long and was abandoned; nothing was imported.',
  'error.fileEmpty': '“{file}” is empty; nothing was imported.',
  'error.fileTooLarge': '“{file}” is larger than 40 MB; nothing was imported.',
  'error.pageTooLarge': '“{file}” is larger than 5 MB, not a page’s text; nothing was imported.',
  'error.photoMissing': 'The image file {file} cannot be found.',
  'error.fileType': 'This kind of file is not supported: {file}',
  'error.fileUnreadable': 'The file cannot be read: {file}',
  'error.storyFormat': 'The story file has the wrong format: {file}',
  'error.lineTooLong':
    'Line {line} of {file} has {length} characters, more than the {limit} a paragraph may have; nothing was imported. Split it into paragraphs first.',
  'error.detail': 'Technical detail: {detail}',
};
