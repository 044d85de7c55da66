/**
 * A block of an incoming document before recognition: a paragraph's text with the
 * hints its source gave (a Word style, bold, a markdown "#"), or an image.
 */
export type BlockStyle =
  | 'normal'
  /** Title / 标题 / 主题, or markdown "# ". */
  | 'title'
  /** Subtitle / 副标题 / 副题. */
  | 'subtitle'
  /** The paper's own style names (our DOCX export writes them). */
  | 'kicker'
  | 'heading1'
  /** Heading 2…6, 小标题, markdown "## ". */
  | 'heading2'
  | 'dateline'
  | 'byline'
  | 'caption'
  | 'credit'
  | 'jump';

export type SourceBlock =
  | {
      kind: 'text';
      text: string;
      style: BlockStyle;
      /** Every run of the paragraph is bold. */
      bold: boolean;
      /** Came from a table cell (already flattened). */
      fromTable?: boolean;
    }
  | {
      kind: 'image';
      /** Key of the image bytes for the caller (a DOCX media path). */
      ref: string;
      /** The name the document gave it (for notes only; the type comes from the content). */
      name: string;
    };

export const textBlock = (text: string, style: BlockStyle = 'normal', bold = false): SourceBlock => ({
  kind: 'text',
  text,
  style,
  bold,
});
