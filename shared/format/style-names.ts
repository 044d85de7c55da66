/**
 * The one fixed list of style names the layout desk's template maps once
 * (docs/architecture.md, Export): ICML and DOCX apply exactly these names, so a
 * placed ICML story and an opened DOCX land in the same InDesign / 飞腾 / Word styles.
 *
 * Paragraph styles are the architecture's eleven. Character styles carry what runs
 * inside a paragraph: the 电头 and the lead 署名 run into the first 正文 paragraph
 * (本报讯（记者 …）入夏以来…), and bold/italic from the editor. ICML keeps a paragraph
 * and a character style of the same name apart by their Self prefix; Word cannot
 * (one name space), so DOCX names a character style "<name> Char", Word's own
 * convention for a paragraph style's linked character style.
 */

export const PARAGRAPH_STYLES = {
  kicker: '引题',
  headline: '主题',
  subheadline: '副题',
  dateline: '电头',
  byline: '署名',
  body: '正文',
  subhead: '小标题',
  caption: '图片说明',
  credit: '图片署名',
  box: '数据框',
  jump: '转版',
} as const;
export type ParagraphStyleKey = keyof typeof PARAGRAPH_STYLES;

export const CHARACTER_STYLES = {
  dateline: '电头',
  byline: '署名',
  bold: '加粗',
  italic: '倾斜',
  boldItalic: '加粗倾斜',
} as const;
export type CharacterStyleKey = keyof typeof CHARACTER_STYLES;

/** The eleven paragraph style names in the architecture's order. */
export const PARAGRAPH_STYLE_NAMES: readonly string[] = Object.values(PARAGRAPH_STYLES);
export const CHARACTER_STYLE_NAMES: readonly string[] = Object.values(CHARACTER_STYLES);

/**
 * How a style looks by default: the template at the layout desk overrides it by name.
 * `font` is the Founder (方正) face a newspaper uses; `fallback` a face every Chinese
 * Windows has (Word's altName, ICML has none and takes the first).
 */
export type StyleLook = {
  font: string;
  fallback: string;
  /** Point size. */
  size: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'justify';
  /** First-line indent in characters (正文: two). */
  indentChars?: number;
};

export const PARAGRAPH_LOOKS: Record<ParagraphStyleKey, StyleLook> = {
  kicker: { font: '方正黑体简体', fallback: '黑体', size: 14, align: 'center' },
  headline: { font: '方正小标宋简体', fallback: '宋体', size: 28, align: 'center' },
  subheadline: { font: '方正楷体简体', fallback: '楷体', size: 14, align: 'center' },
  dateline: { font: '方正黑体简体', fallback: '黑体', size: 10 },
  byline: { font: '方正楷体简体', fallback: '楷体', size: 10 },
  body: { font: '方正书宋简体', fallback: '宋体', size: 10, align: 'justify', indentChars: 2 },
  subhead: { font: '方正黑体简体', fallback: '黑体', size: 11, align: 'center' },
  caption: { font: '方正楷体简体', fallback: '楷体', size: 9, align: 'justify' },
  credit: { font: '方正楷体简体', fallback: '楷体', size: 9 },
  box: { font: '方正仿宋简体', fallback: '仿宋', size: 10 },
  jump: { font: '方正楷体简体', fallback: '楷体', size: 9 },
};

export const CHARACTER_LOOKS: Record<CharacterStyleKey, Partial<StyleLook>> = {
  dateline: { font: '方正黑体简体', fallback: '黑体', bold: false },
  byline: { font: '方正楷体简体', fallback: '楷体' },
  bold: { bold: true },
  italic: {},
  boldItalic: { bold: true },
};
