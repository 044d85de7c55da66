/**
 * The text blocks of a story that the duplicate check compares: every body block
 * with text (paragraph, subhead, quote) and the caption of every photo placed in the
 * body, each normalised once with its harmless mask.
 */
import { blocksOfBody, type StoryContent } from '../../model';
import { normalizeAllForMatch, type NormalizedText } from '../../text/normalize';
import { echoGrams, harmlessMask } from './harmless';
import type { DuplicateSettings } from './settings';

/** A story as the checks see it: a key for locations (its id, or a file path) and its content. */
export type CheckedStory = {
  /** Goes into FindingLocation.story: the story id in the desk, the file path in the CLI. */
  key: string;
  content: Pick<StoryContent, 'kicker' | 'headline' | 'subheadline' | 'body' | 'photos'>;
};

export type TextBlock = {
  /** Index of the story in the checked page. */
  story: number;
  field: 'body' | 'caption';
  /** Index among the body's blocks (for a caption: its photo block). */
  paragraph: number;
  kind: 'paragraph' | 'subhead' | 'quote' | 'caption';
  text: string;
  norm: NormalizedText;
  harmless: Uint8Array;
};

/** The blocks of one story, in body order (a caption right after its photo's place). */
export function textBlocks(story: CheckedStory, index: number, settings: DuplicateSettings): TextBlock[] {
  const { content } = story;
  const body = blocksOfBody(content.body);
  const n = settings.echoMinChars;
  const headEchoes = echoGrams([content.kicker, content.headline, content.subheadline], n);
  const subheads = body.flatMap((b) => (b.type === 'subhead' ? [b.text] : []));
  const captionEchoes = subheads.length
    ? echoGrams([content.kicker, content.headline, content.subheadline, ...subheads], n)
    : headEchoes;
  const picked: Array<Pick<TextBlock, 'paragraph' | 'kind' | 'text'>> = [];
  body.forEach((block, paragraph) => {
    if (block.type === 'photo') {
      const photo = content.photos.find((p) => p.id === block.photoId);
      if (photo?.caption) picked.push({ paragraph, kind: 'caption', text: photo.caption });
    } else if (block.text) {
      picked.push({ paragraph, kind: block.type, text: block.text });
    }
  });
  // One buffer for the story's normalised text and one for its harmless masks.
  const norms = normalizeAllForMatch(picked.map((b) => b.text));
  const masks = new Uint8Array(norms.reduce((sum, norm) => sum + norm.codes.length, 0));
  const out: TextBlock[] = [];
  let at = 0;
  picked.forEach(({ paragraph, kind, text }, i) => {
    const norm = norms[i]!;
    const length = norm.codes.length;
    if (length === 0) return;
    const echoes = kind === 'caption' ? captionEchoes : headEchoes;
    out.push({
      story: index,
      field: kind === 'caption' ? 'caption' : 'body',
      paragraph,
      kind,
      text,
      norm,
      harmless: harmlessMask(text, norm, settings, echoes, masks.subarray(at, at + length)),
    });
    at += length;
  });
  return out;
}
