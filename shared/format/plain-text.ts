/**
 * The plain-text copy of a story for the layout desk: every printed part in reading
 * order, one paragraph per line, a blank line between parts (head, body, figures box,
 * each caption). UTF-8 with a byte-order mark and CRLF line ends: Founder 飞腾 and
 * older Windows tools take a file without a BOM for GBK, and Notepad shows CRLF on
 * every version. Line breaks inside a paragraph become their own lines.
 */
import { strToU8 } from 'fflate';

import { paragraphText, type StoryParts, type StyledParagraph } from './story-parts';

const BOM = '\ufeff';

function lines(paragraphs: readonly StyledParagraph[]): string[] {
  return paragraphs.flatMap((p) => paragraphText(p).split(/\r\n|\n|\r/));
}

/** The text without BOM and with "\n" line ends (what tests and the proof compare). */
export function storyPlainText(parts: StoryParts): string {
  const blocks = [
    lines(parts.head),
    lines(parts.body),
    lines(parts.figures),
    ...parts.captions.map((c) => lines(c.paragraphs)),
  ].filter((b) => b.length > 0);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

/** The file's bytes: BOM, CRLF, UTF-8. */
export function writePlainText(parts: StoryParts): Uint8Array {
  return strToU8(BOM + storyPlainText(parts).replace(/\n/g, '\r\n'));
}
