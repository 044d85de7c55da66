/**
 * DOCX for one story, built by hand (WordprocessingML, ECMA-376) and zipped with
 * fflate: the form Word, WPS and Founder 飞腾 all open. Every paragraph carries one
 * named style of the fixed list (style-names.ts) and runs carry the character styles
 * ("电头 Char", "署名 Char", "加粗 Char" …: Word keeps one name space for paragraph and
 * character styles, and "<name> Char" is its own convention for the linked one).
 *
 * Styles set eastAsia fonts (方正小标宋简体, 方正书宋简体, …) and fontTable.xml gives each
 * Founder face its common fallback as w:altName (宋体, 黑体, 楷体, 仿宋) with the GB2312
 * charset, so a machine without the Founder fonts still shows the right kind of face.
 * The parts: [Content_Types].xml, _rels/.rels, docProps/core.xml, word/document.xml,
 * word/styles.xml, word/fontTable.xml, word/settings.xml, word/_rels/document.xml.rels.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

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

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** ASCII style ids (some readers mishandle non-ASCII ids); the names are the Chinese ones. */
export const DOCX_PARAGRAPH_IDS: Record<ParagraphStyleKey, string> = {
  kicker: 'DjKicker',
  headline: 'DjHeadline',
  subheadline: 'DjSubheadline',
  dateline: 'DjDateline',
  byline: 'DjByline',
  body: 'DjBody',
  subhead: 'DjSubhead',
  caption: 'DjCaption',
  credit: 'DjCredit',
  box: 'DjBox',
  jump: 'DjJump',
};
export const DOCX_CHARACTER_IDS: Record<CharacterStyleKey, string> = {
  dateline: 'DjDatelineChar',
  byline: 'DjBylineChar',
  bold: 'DjBoldChar',
  italic: 'DjItalicChar',
  boldItalic: 'DjBoldItalicChar',
};

export function docxCharacterStyleName(key: CharacterStyleKey): string {
  return `${CHARACTER_STYLES[key]} Char`;
}

const JC: Record<NonNullable<StyleLook['align']>, string> = {
  left: 'left',
  center: 'center',
  justify: 'both',
};

function runProps(look: Partial<StyleLook>, italic = false): string {
  const parts: string[] = [];
  if (look.font) {
    const f = escapeXml(look.font);
    parts.push(`<w:rFonts w:eastAsia="${f}" w:hint="eastAsia"/>`);
  }
  if (look.bold) parts.push('<w:b/><w:bCs/>');
  if (italic) parts.push('<w:i/><w:iCs/>');
  if (look.size)
    parts.push(`<w:sz w:val="${Math.round(look.size * 2)}"/><w:szCs w:val="${Math.round(look.size * 2)}"/>`);
  return parts.length ? `<w:rPr>${parts.join('')}</w:rPr>` : '';
}

function stylesXml(): string {
  const paras = (Object.keys(PARAGRAPH_STYLES) as ParagraphStyleKey[]).map((key) => {
    const look = PARAGRAPH_LOOKS[key];
    const ppr: string[] = [];
    if (look.align) ppr.push(`<w:jc w:val="${JC[look.align]}"/>`);
    if (look.indentChars) ppr.push(`<w:ind w:firstLineChars="${look.indentChars * 100}"/>`);
    const link = key === 'dateline' || key === 'byline' ? `<w:link w:val="${DOCX_CHARACTER_IDS[key]}"/>` : '';
    return (
      `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${DOCX_PARAGRAPH_IDS[key]}">` +
      `<w:name w:val="${escapeXml(PARAGRAPH_STYLES[key])}"/><w:basedOn w:val="Normal"/>` +
      `<w:next w:val="${key === 'headline' || key === 'kicker' || key === 'subheadline' ? DOCX_PARAGRAPH_IDS.body : DOCX_PARAGRAPH_IDS[key]}"/>` +
      `${link}<w:qFormat/>` +
      (ppr.length ? `<w:pPr>${ppr.join('')}</w:pPr>` : '') +
      runProps(look) +
      '</w:style>'
    );
  });
  const chars = (Object.keys(CHARACTER_STYLES) as CharacterStyleKey[]).map((key) => {
    const look = CHARACTER_LOOKS[key];
    const link = key === 'dateline' || key === 'byline' ? `<w:link w:val="${DOCX_PARAGRAPH_IDS[key]}"/>` : '';
    return (
      `<w:style w:type="character" w:customStyle="1" w:styleId="${DOCX_CHARACTER_IDS[key]}">` +
      `<w:name w:val="${escapeXml(docxCharacterStyleName(key))}"/><w:basedOn w:val="DefaultParagraphFont"/>${link}<w:qFormat/>` +
      runProps(look, key === 'italic' || key === 'boldItalic') +
      '</w:style>'
    );
  });
  return (
    XML_HEAD +
    `<w:styles xmlns:w="${W}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>' +
    '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    paras.join('') +
    chars.join('') +
    '</w:styles>'
  );
}

/** The Founder faces and their fallbacks (w:altName), GB2312 charset. */
function fontTableXml(): string {
  const faces = new Map<string, string>([['宋体', '宋体']]);
  for (const look of [...Object.values(PARAGRAPH_LOOKS), ...Object.values(CHARACTER_LOOKS)]) {
    if (look.font) faces.set(look.font, look.fallback ?? '宋体');
  }
  const fonts = [...faces].map(([name, alt]) => {
    const altName = alt !== name ? `<w:altName w:val="${escapeXml(alt)}"/>` : '';
    return `<w:font w:name="${escapeXml(name)}">${altName}<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
  });
  return (
    XML_HEAD +
    `<w:fonts xmlns:w="${W}">` +
    '<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
    fonts.join('') +
    '</w:fonts>'
  );
}

/** A run's text: tabs and line breaks as their elements, the rest in w:t with spaces kept. */
function runXml(text: string, style: CharacterStyleKey | undefined): string {
  const rpr = style ? `<w:rPr><w:rStyle w:val="${DOCX_CHARACTER_IDS[style]}"/></w:rPr>` : '';
  const pieces = text.split(/(\r\n|\n|\r|\t)/);
  const inner = pieces
    .map((piece) => {
      if (piece === '\t') return '<w:tab/>';
      if (piece === '\n' || piece === '\r\n' || piece === '\r') return '<w:br/>';
      return piece ? `<w:t xml:space="preserve">${escapeXml(piece)}</w:t>` : '';
    })
    .join('');
  return `<w:r>${rpr}${inner}</w:r>`;
}

function paragraphXml(p: StyledParagraph): string {
  const runs = p.runs.map((r) => runXml(r.text, r.style)).join('');
  return `<w:p><w:pPr><w:pStyle w:val="${DOCX_PARAGRAPH_IDS[p.style]}"/></w:pPr>${runs}</w:p>`;
}

function documentXml(paragraphs: readonly StyledParagraph[]): string {
  return (
    XML_HEAD +
    `<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>` +
    paragraphs.map(paragraphXml).join('') +
    // A4, 2.5 cm margins: a reading copy; the layout desk sets its own page.
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1418" w:bottom="1440" w:left="1418" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>'
  );
}

export type DocxOptions = {
  title: string;
  author: string;
  /** ISO time written as created/modified and as every zip entry's time (deterministic output). */
  date: string;
};

/** The DOCX file's parts as text, by path (exported for tests). */
export function docxParts(
  paragraphs: readonly StyledParagraph[],
  options: DocxOptions,
): Record<string, string> {
  const when = escapeXml(options.date.replace(/\.\d+Z$/, 'Z'));
  return {
    '[Content_Types].xml':
      XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
      '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
    'docProps/core.xml':
      XML_HEAD +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${escapeXml(options.title)}</dc:title><dc:creator>${escapeXml(options.author)}</dc:creator>` +
      '<dc:language>zh-CN</dc:language>' +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
      '</cp:coreProperties>',
    'word/_rels/document.xml.rels':
      XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>' +
      '</Relationships>',
    'word/document.xml': documentXml(paragraphs),
    'word/styles.xml': stylesXml(),
    'word/settings.xml':
      XML_HEAD +
      `<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
      '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>',
    'word/fontTable.xml': fontTableXml(),
  };
}

/** The story as a .docx file. */
export function writeDocx(paragraphs: readonly StyledParagraph[], options: DocxOptions): Uint8Array {
  const parts = docxParts(paragraphs, options);
  const mtime = new Date(options.date);
  const files: Zippable = {};
  for (const [path, text] of Object.entries(parts)) files[path] = [strToU8(text), { mtime }];
  return zipSync(files, { level: 6 });
}
