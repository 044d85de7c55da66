/**
 * Past pages into the archive (issue 8): a page's plain text split into stories
 * (shared/import/page-text.ts), each story an archive entry with the id
 * "<date>/<page>/<nn>-<headline>", so the archive lists it by date and page.
 */
import { readFile } from 'node:fs/promises';

import { DeskError } from '../../../shared/api';
import { archiveStoryId } from '../../../shared/archive-search';
import { splitPageText, type PageSplit, type PageStory } from '../../../shared/import';
import { photoCreditText } from '../../../shared/format';
import type { RegionIndex } from '../../../shared/geo/regions';
import type { ArchiveRecord } from '../archive/archive-store';
import { regionIndex } from '../regions';
import { decodeTextFile, type TextEncodingName } from './text-encoding';

/**
 * The region list for a page's region labels; a page is still split without it
 * (its labels then name no division, and the notes say so).
 */
export async function pageRegions(): Promise<RegionIndex | null> {
  try {
    return await regionIndex();
  } catch {
    return null;
  }
}

export type PageFile = { text: string; encoding: TextEncodingName };

export async function readPageFile(path: string): Promise<PageFile> {
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
  return decodePage(path, bytes);
}

export function decodePage(path: string, bytes: Uint8Array): PageFile {
  if (bytes.length > 5 * 1024 * 1024) {
    throw new DeskError(
      'invalid-input',
      'error.pageTooLarge',
      { file: path },
      `${path} is larger than 5 MB: not a page's text; nothing was imported`,
    );
  }
  const { text, encoding } = decodeTextFile(bytes);
  return { text, encoding };
}

const slug = (headline: string) =>
  Array.from(headline.replace(/[\\/:*?"<>|\s]+/gu, ''))
    .slice(0, 16)
    .join('') || 'story';

/** The archive entries of a split page's stories (its slogan boxes are not stories): body blocks, then captions with their credits. */
export function pageArchiveEntries(split: PageSplit, date: string, page: string): ArchiveRecord[] {
  return split.stories.map((story, i) => ({
    id: archiveStoryId(date, page, `${String(i + 1).padStart(2, '0')}-${slug(story.headline)}`),
    title: story.headline,
    date,
    blocks: storyBlocks(story),
    details: { region: story.region, byline: story.byline, dateline: story.dateline },
  }));
}

export function storyBlocks(story: PageStory): string[] {
  return [
    ...story.blocks.map((b) => b.text),
    ...story.captions.map((c) =>
      [c.caption, c.creditName ? photoCreditText(c) : ''].filter(Boolean).join(' '),
    ),
  ];
}

export { splitPageText };
