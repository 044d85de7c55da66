/** Import of stories (DOCX, text) and of past pages: pure parts (issue 8). */
export { IMPORT_NOTE_CODES, note, shorten, type ImportNote, type ImportNoteCode } from './import-note';
export { textBlock, type BlockStyle, type SourceBlock } from './source-block';
export { recogniseStory, type RecognisedStory, type RecogniseOptions } from './recognise-story';
export {
  readDocx,
  readImageRels,
  readStyles,
  styleKindOf,
  type DocxBlocks,
  type DocxParts,
} from './docx-document';
export {
  splitPageText,
  type PageBlock,
  type PageCaption,
  type PageJoin,
  type PageSplit,
  type PageStory,
} from './page-text';
export { textToBlocks } from './text-blocks';
export {
  endsSentence,
  looksLikeCaption,
  personCredits,
  readBylineLine,
  readCreditLine,
  readEndByline,
  readJump,
  readLead,
  readSubheadlineDash,
  splitCaptionCredit,
} from './story-lines';
export {
  DEFAULT_ZIP_LIMITS,
  ZipError,
  readZipEntry,
  unsafeZipName,
  zipEntries,
  type ZipEntry,
  type ZipLimits,
} from './zip-reader';
export { XmlError, decodeEntities, tokenizeXml, type XmlToken } from './xml-lite';
export { MAX_LINE_CHARS, overlongLine } from './line-limit';
