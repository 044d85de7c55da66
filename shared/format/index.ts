/** Plain-text story files: the `.md` format with front matter, and bare `.txt`. */
export {
  creditsOfText,
  normalizeNewlines,
  parseStoryMarkdown,
  parseStoryText,
  writeStoryMarkdown,
  type ParseStoryOptions,
} from './story-md';
export { StoryFormatError } from './story-format-error';
export { parsePhotoCredit, photoCreditText, writePhotoCredit, type PhotoCredit } from './photo-credit';
export { escapeText, unescapeText } from './story-text-escape';
