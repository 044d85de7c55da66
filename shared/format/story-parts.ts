/**
 * A story as the layout desk receives it: its printed parts as paragraphs, each with
 * one style of the fixed list (style-names.ts) and runs of text with character styles.
 * ICML, DOCX, plain text and the proof all write from this, so they never disagree
 * about what a part is or which style it gets.
 *
 * - head: 引题, 主题, 副题 (empty lines left out);
 * - body: 转版 (上接) first; a top byline as 署名 paragraphs; the 电头 and a lead byline
 *   run into the first 正文 paragraph as character styles 电头 and 署名 (a story with
 *   no text paragraph gets them as a paragraph of their own); 正文 (paragraphs and
 *   quotes), 小标题; an end byline as a 署名 paragraph; 转版 (下转) last;
 * - figures: the key figures box, one 数据框 paragraph each ("投入资金1758万余元"), and
 *   "（数据截至2024年6月）" when they share an as-of date;
 * - captions: per photo in the story's order, 图片说明 then 图片署名.
 * Inside a run, "\n" is a line break within the paragraph and "\t" a tab.
 */
import type { Photo, StoryContent } from '../model';
import type { SerializedNode } from '../model/body';
import { bylineText } from '../model/byline';
import { figurePhrase } from '../text/figures';
import { photoCreditText } from './photo-credit';
import type { CharacterStyleKey, ParagraphStyleKey } from './style-names';

export type Run = { text: string; style?: CharacterStyleKey };
export type StyledParagraph = { style: ParagraphStyleKey; runs: Run[] };
export type CaptionPart = {
  photo: Photo;
  /** 1-based, in the story's photo order. */ order: number;
  paragraphs: StyledParagraph[];
};
export type StoryParts = {
  head: StyledParagraph[];
  body: StyledParagraph[];
  figures: StyledParagraph[];
  captions: CaptionPart[];
};

/** The content the writers read (a Story or a StoryContent). */
export type ExportContent = Pick<
  StoryContent,
  | 'kind'
  | 'kicker'
  | 'headline'
  | 'subheadline'
  | 'dateline'
  | 'byline'
  | 'body'
  | 'photos'
  | 'figures'
  | 'jumps'
>;

const BOLD = 1;
const ITALIC = 2;

function para(style: ParagraphStyleKey, text: string): StyledParagraph {
  return { style, runs: text ? [{ text }] : [] };
}

/** Runs of a block node: text nodes with their bold/italic format, line breaks and tabs as characters. */
function runsOf(node: SerializedNode, out: Run[] = []): Run[] {
  for (const child of node.children ?? []) {
    if (child.type === 'text' && typeof child.text === 'string') {
      const format = typeof child.format === 'number' ? child.format : 0;
      const style: CharacterStyleKey | undefined =
        format & BOLD && format & ITALIC
          ? 'boldItalic'
          : format & BOLD
            ? 'bold'
            : format & ITALIC
              ? 'italic'
              : undefined;
      pushRun(out, { text: child.text, style });
    } else if (child.type === 'linebreak' || child.type === 'tab') {
      // Breaks and tabs have no format of their own: they join the run before them.
      const ch = child.type === 'tab' ? '\t' : '\n';
      const last = out[out.length - 1];
      if (last) last.text += ch;
      else pushRun(out, { text: ch });
    } else {
      runsOf(child, out);
    }
  }
  return out;
}

/** Appends a run, merging it into the previous one when the style is the same. */
function pushRun(runs: Run[], run: Run): void {
  if (!run.text) return;
  const last = runs[runs.length - 1];
  if (last && last.style === run.style) last.text += run.text;
  else runs.push(run.style ? { text: run.text, style: run.style } : { text: run.text });
}

export function jumpText(direction: 'from' | 'to', page: string): string {
  return direction === 'from' ? `（上接${page}版）` : `（下转${page}版）`;
}

/** "2024-06" → "2024年6月", "2024-06-30" → "2024年6月30日". */
export function asOfText(asOf: string): string {
  const [y, m, d] = asOf.split('-');
  if (!y || !m) return asOf;
  return `${y}年${Number(m)}月${d ? `${Number(d)}日` : ''}`;
}

export function storyParts(story: ExportContent): StoryParts {
  const head: StyledParagraph[] = [];
  if (story.kicker) head.push(para('kicker', story.kicker));
  head.push(para('headline', story.headline));
  if (story.subheadline) head.push(para('subheadline', story.subheadline));

  const body: StyledParagraph[] = [];
  for (const j of story.jumps) if (j.direction === 'from') body.push(para('jump', jumpText('from', j.page)));
  const { position } = story.byline;
  const hasCredits = story.byline.credits.length > 0;
  if (position === 'top' && hasCredits) {
    for (const line of bylineText(story.byline).split('\n')) if (line) body.push(para('byline', line));
  }
  // The run-in: 电头, then the lead byline in brackets.
  const runIn: Run[] = [];
  if (story.dateline) runIn.push({ text: story.dateline, style: 'dateline' });
  if (position === 'lead' && hasCredits) {
    const full = bylineText(story.byline, story.dateline);
    const bracket = full.slice(story.dateline.length);
    if (bracket) runIn.push({ text: bracket, style: 'byline' });
  }
  let runInPlaced = runIn.length === 0;
  for (const node of story.body.root.children) {
    if (node.type === 'photo') continue;
    const runs = runsOf(node);
    if (runs.length === 0) continue;
    const style: ParagraphStyleKey = node.type === 'heading' ? 'subhead' : 'body';
    if (!runInPlaced && style === 'body') {
      body.push({ style, runs: [...runIn.map((r) => ({ ...r })), ...runs] });
      runInPlaced = true;
    } else {
      body.push({ style, runs });
    }
  }
  if (!runInPlaced) {
    // No text paragraph (photo news): the 电头 and byline stand alone, before the rest.
    const at = body.findIndex((p) => p.style !== 'jump' && p.style !== 'byline');
    const alone: StyledParagraph = { style: story.dateline ? 'dateline' : 'byline', runs: runIn };
    body.splice(at < 0 ? body.length : at, 0, alone);
  }
  if (position === 'end' && hasCredits) body.push(para('byline', bylineText(story.byline)));
  for (const j of story.jumps) if (j.direction === 'to') body.push(para('jump', jumpText('to', j.page)));

  const figures: StyledParagraph[] = story.figures.map((f) => para('box', `${f.label}${figurePhrase(f)}`));
  const dates = new Set(story.figures.map((f) => f.asOf));
  const [only] = [...dates];
  if (story.figures.length > 0 && dates.size === 1 && only)
    figures.push(para('box', `（数据截至${asOfText(only)}）`));

  const captions: CaptionPart[] = story.photos.map((photo, i) => ({
    photo,
    order: i + 1,
    paragraphs: [para('caption', photo.caption), para('credit', photoCreditText(photo))],
  }));
  return { head, body, figures, captions };
}

/** The plain text of a paragraph's runs. */
export function paragraphText(p: StyledParagraph): string {
  return p.runs.map((r) => r.text).join('');
}
