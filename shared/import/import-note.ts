/**
 * What an import could not recognise or changed, listed for the reporter to check
 * (issue 8: never silently dropped). The text always stays in the story; a note
 * says where it went and why.
 */
import type { Region } from '../model';

export const IMPORT_NOTE_CODES = [
  /** The file's text encoding, and whether it was detected or declared (info). */
  'encoding',
  /** A headline part placed by position and length, not by a style: check it. */
  'head-guessed',
  /** A line above the body that is not a headline part: kept as the first paragraph. */
  'head-unrecognised',
  /** "—" / "--" at the start of the 副题 became "——". */
  'subheadline-dash',
  /** The lead's byline read with half-width brackets "( )". */
  'byline-halfwidth',
  /** Names in the byline without a role (记者, 通讯员 …): kept as names only. */
  'byline-no-role',
  /** A byline-like line that could not be read: kept as text. */
  'byline-unrecognised',
  /** A caption with no photo file to attach it to: kept as a paragraph. */
  'caption-without-photo',
  /** A photo with no caption line after it. */
  'photo-without-caption',
  /** An embedded image that is not a JPEG, PNG or WebP by its content: left out. */
  'image-rejected',
  /** A table: its rows became paragraphs. */
  'table-flattened',
  /** Links: the text is kept, the address dropped. */
  'links-removed',
  /** Tracked changes: insertions kept, deletions left out, as Word shows "final". */
  'tracked-changes',
  /** Text boxes, footnotes or other floating text: their paragraphs were appended. */
  'floating-text',
  /** A jump line (上接/下转) recognised and moved to the story's jumps. */
  'jump',
  /** Page text: a story part continued from another page (上接) starts here. */
  'continued',
  /** Page text: two lines joined where a column break cut a sentence. */
  'joined',
  /** Page text: a caption attached to the story before it; check it belongs there. */
  'caption-attached',
  /** Page text: a line that could not be placed in any story. */
  'orphan',
  /** More photos or jumps than a story holds: the rest kept as text. */
  'over-limit',
  /** Page text: a story without a headline, titled by its first words. */
  'story-untitled',
  /** Page text: a photo credit line with no caption line before it. */
  'credit-without-caption',
  /** Page text: a region label above a headline, resolved to one division: the story's region. */
  'region-label',
  /** Page text: a region label that names several divisions: choose one. */
  'region-unresolved',
  /** Page text: a region label read without the region list (it names no division yet). */
  'region-unlisted',
  /** Story file: the front matter's region names no GB/T 2260 division: imported without a region. */
  'region-unknown',
  /** Story file: the front matter's region names several divisions (`choices`): choose one. */
  'region-ambiguous',
  /** Page text: a slogan box (公益广告), kept as a box and not archived as a story. */
  'box',
  /** Page text: Markdown-like emphasis "**…**" taken away. */
  'emphasis-removed',
  /** Page text: a correction that names no line it could change (the text changed?). */
  'correction-unused',
  /** DOCX parts whose names lead out of the file (.., absolute, backslash): never read. */
  'zip-entry-skipped',
] as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

export type ImportNote = {
  code: ImportNoteCode;
  /** The text concerned, shortened for display (may be empty). */
  text: string;
  /** Values for the message (i18n params): counts, names, pages. */
  params: Record<string, string | number>;
  /** The same in English, for the CLI and logs. */
  detail: string;
  /** For region-ambiguous: the divisions of that name, each with its path (province → county), to choose from. */
  choices?: Region[];
};

export function note(
  code: ImportNoteCode,
  text: string,
  detail: string,
  params: Record<string, string | number> = {},
): ImportNote {
  return { code, text: shorten(text), params, detail };
}

/** At most `max` characters, with "……" when cut. */
export function shorten(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}……`;
}
