/**
 * ICML (InCopy Interchange) for one story part: what InDesign places with File ▸ Place
 * and keeps linked. Written by hand after the IDML specification's rules and Pandoc's
 * ICML writer (compared, not used):
 *
 * - the processing instructions InDesign looks for: the XML declaration, then
 *   `<?aid style="50" type="snippet" readerVersion="6.0" featureSet="513" product="8.0(370)" ?>`
 *   and `<?aid SnippetType="InCopyInterchange"?>`;
 * - `Document` holds the character style group, the paragraph style group, then one
 *   `Story`; every style the story applies is declared (all of the fixed list is, so
 *   the layout desk's template maps them once, and the two "[No … style]" roots);
 * - each paragraph is a `ParagraphStyleRange` of `CharacterStyleRange`s; the paragraph
 *   break `<Br/>` is the last child of the paragraph's last character range, as
 *   InDesign writes it, and the story's last paragraph has none;
 * - `<Content>` holds exactly the text: the writer never indents inside it; a line
 *   break within a paragraph is U+2028 (InDesign's forced line break);
 * - unlike Pandoc, no empty `Content` and no `Br` between ranges.
 */
import { escapeXml } from './xml-text';
import {
  CHARACTER_LOOKS,
  CHARACTER_STYLES,
  PARAGRAPH_LOOKS,
  PARAGRAPH_STYLES,
  type CharacterStyleKey,
  type ParagraphStyleKey,
  type StyleLook,
} from './style-names';
import type { StyledParagraph } from './story-parts';

export const ICML_PRODUCT = '8.0(370)';
export const NO_CHARACTER_STYLE = 'CharacterStyle/$ID/[No character style]';
export const NO_PARAGRAPH_STYLE = 'ParagraphStyle/$ID/[No paragraph style]';

export function paragraphStyleSelf(key: ParagraphStyleKey): string {
  return `ParagraphStyle/${PARAGRAPH_STYLES[key]}`;
}
export function characterStyleSelf(key: CharacterStyleKey): string {
  return `CharacterStyle/${CHARACTER_STYLES[key]}`;
}

const JUSTIFY: Record<NonNullable<StyleLook['align']>, string> = {
  left: 'LeftAlign',
  center: 'CenterAlign',
  justify: 'LeftJustified',
};

function lookAttrs(look: Partial<StyleLook>): string {
  const attrs: string[] = [];
  if (look.size) attrs.push(`PointSize="${look.size}"`);
  if (look.bold !== undefined) attrs.push(`FontStyle="${look.bold ? 'Bold' : 'Regular'}"`);
  if (look.align) attrs.push(`Justification="${JUSTIFY[look.align]}"`);
  if (look.indentChars && look.size) attrs.push(`FirstLineIndent="${look.indentChars * look.size}"`);
  return attrs.length ? ` ${attrs.join(' ')}` : '';
}

function fontProperty(look: Partial<StyleLook>): string {
  return look.font ? `<AppliedFont type="string">${escapeXml(look.font)}</AppliedFont>` : '';
}

function styleGroups(): string {
  const chars = (Object.keys(CHARACTER_STYLES) as CharacterStyleKey[]).map((key) => {
    const look = CHARACTER_LOOKS[key];
    const name = escapeXml(CHARACTER_STYLES[key]);
    return (
      `    <CharacterStyle Self="${escapeXml(characterStyleSelf(key))}" Name="${name}"${lookAttrs(look)}>` +
      `<Properties><BasedOn type="object">${NO_CHARACTER_STYLE}</BasedOn>${fontProperty(look)}</Properties>` +
      `</CharacterStyle>`
    );
  });
  const paras = (Object.keys(PARAGRAPH_STYLES) as ParagraphStyleKey[]).map((key) => {
    const look = PARAGRAPH_LOOKS[key];
    const name = escapeXml(PARAGRAPH_STYLES[key]);
    return (
      `    <ParagraphStyle Self="${escapeXml(paragraphStyleSelf(key))}" Name="${name}"${lookAttrs(look)}>` +
      `<Properties><BasedOn type="object">${NO_PARAGRAPH_STYLE}</BasedOn>${fontProperty(look)}</Properties>` +
      `</ParagraphStyle>`
    );
  });
  return [
    '  <RootCharacterStyleGroup Self="dj_character_styles">',
    `    <CharacterStyle Self="${NO_CHARACTER_STYLE}" Name="$ID/[No character style]"/>`,
    ...chars,
    '  </RootCharacterStyleGroup>',
    '  <RootParagraphStyleGroup Self="dj_paragraph_styles">',
    `    <ParagraphStyle Self="${NO_PARAGRAPH_STYLE}" Name="$ID/[No paragraph style]"/>`,
    ...paras,
    '  </RootParagraphStyleGroup>',
  ].join('\n');
}

/** Text for `<Content>`: escaped, a line break inside a paragraph as U+2028. */
function contentText(text: string): string {
  return escapeXml(text.replace(/\r\n?|\n/g, '\u2028')).replace(/\u2028/g, '&#x2028;');
}

function paragraphXml(p: StyledParagraph, last: boolean): string {
  const runs = p.runs.length ? p.runs : [{ text: '' }];
  const ranges = runs.map((run, i) => {
    const style = run.style ? characterStyleSelf(run.style) : NO_CHARACTER_STYLE;
    const content = run.text ? `<Content>${contentText(run.text)}</Content>` : '';
    const br = !last && i === runs.length - 1 ? '<Br/>' : '';
    return `      <CharacterStyleRange AppliedCharacterStyle="${escapeXml(style)}">${content}${br}</CharacterStyleRange>`;
  });
  return [
    `    <ParagraphStyleRange AppliedParagraphStyle="${escapeXml(paragraphStyleSelf(p.style))}">`,
    ...ranges,
    '    </ParagraphStyleRange>',
  ].join('\n');
}

export type IcmlOptions = {
  /** The Story element's Self id (unique within a placed document): "dj_<story>_<part>". */
  storyId: string;
  /** Shown in InDesign's Links panel and InCopy: "B6 01 石堰村… · 正文". */
  title: string;
};

/** One ICML document holding `paragraphs` as one story. */
export function writeIcml(paragraphs: readonly StyledParagraph[], options: IcmlOptions): string {
  const id = options.storyId.replace(/[^A-Za-z0-9_]/g, '_');
  const body = paragraphs.map((p, i) => paragraphXml(p, i === paragraphs.length - 1));
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<?aid style="50" type="snippet" readerVersion="6.0" featureSet="513" product="${ICML_PRODUCT}" ?>`,
    '<?aid SnippetType="InCopyInterchange"?>',
    '<Document DOMVersion="8.0" Self="dj_doc">',
    styleGroups(),
    `  <Story Self="${id}" AppliedTOCStyle="n" TrackChanges="false" StoryTitle="${escapeXml(options.title)}" AppliedNamedGrid="n">`,
    '    <StoryPreference OpticalMarginAlignment="false" OpticalMarginSize="12" FrameType="TextFrameType" StoryOrientation="Horizontal" StoryDirection="LeftToRightDirection"/>',
    ...body,
    '  </Story>',
    '</Document>',
    '',
  ].join('\n');
}
