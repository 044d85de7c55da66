/**
 * Pasted HTML (Word, WPS, WeChat articles, web pages) to the body's blocks.
 *
 * The walk is written against a tiny tree interface so the same code runs over
 * the browser's inert DOMParser document in the app and over a hand-built tree
 * in unit tests (vitest runs in Node, without a DOM). It is iterative, so
 * 5,000 nested <div>s cannot overflow the stack, and linear in the input.
 *
 * What is kept, and why:
 * - block structure: p, div, section, li, td … each become a paragraph (tables
 *   are flattened cell by cell); h1–h4 become subheads (小标题, h3); blockquote
 *   and Word's MsoQuote paragraphs become quotes; <br> ends a paragraph;
 * - a paragraph that is bold from end to end, at most SUBHEAD_MAX_CHARS long and
 *   not ending like a sentence becomes a subhead (how WeChat and Word authors
 *   mark 小标题 when they don't use heading styles);
 * - bold and italic, from <b>/<strong>/<i>/<em> or from inline font-weight /
 *   font-style (so Google Docs' <b style="font-weight:normal"> is not bold);
 * - links: the text only. A printed body has no use for hrefs, and keeping none
 *   means no javascript:/data: URL can ever reach the document;
 * - images: never inserted; their src/alt are collected (PastedImage) so the
 *   photos panel can offer to import them.
 * Everything else is dropped: styles, classes, fonts, event handlers, scripts,
 * iframes, forms, SVG, Word's <o:p> markup and hidden (display:none) text.
 */
import {
  BOLD,
  cleanText,
  isBoldOnlySubhead,
  ITALIC,
  tidyRuns,
  withoutBold,
  type PasteBlock,
  type PasteContent,
  type PastedImage,
  type Run,
  type TextBlockKind,
} from './paste-blocks';

/** The little a sanitiser needs to know about a node. */
export interface HtmlTree<N> {
  /** The text of a text node; null for anything else. */
  text(node: N): string | null;
  /** The lower-case tag name of an element; null for anything else (comments …). */
  tag(node: N): string | null;
  attr(node: N, name: string): string | null;
  children(node: N): ArrayLike<N>;
}

/** Elements whose whole subtree is dropped, text included. */
const DROP = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'noembed',
  'noframes',
  'svg',
  'math',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'button',
  'input',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'progress',
  'meter',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'map',
  'area',
  'xml',
  'dialog',
  'slot',
  'portal',
  'param',
  'desk-style',
]);

/** Elements that start and end a block of text. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const SUBHEAD_TAGS = new Set(['h1', 'h2', 'h3', 'h4']);
const IMAGE_TAGS = new Set(['img', 'v:imagedata']);

/** Image sources worth offering for import; anything else (javascript:, blob:, cid: …) is dropped. */
const IMAGE_SRC = /^(?:https?:\/\/|file:\/\/|data:image\/(?:png|jpe?g|gif|webp);base64,)/i;
const MAX_IMAGES = 500;

type Ctx = { format: number; kind: TextBlockKind; pre: boolean };

function styleOf(style: string | null, ctx: Ctx): { ctx: Ctx; hidden: boolean } {
  if (!style) return { ctx, hidden: false };
  const s = style.toLowerCase();
  if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)/.test(s)) {
    return { ctx, hidden: true };
  }
  let { format, pre } = ctx;
  const weight = /(?:^|;)\s*font-weight\s*:\s*([a-z0-9]+)/.exec(s)?.[1];
  if (weight) {
    if (/^(?:bold|bolder|[6-9]00)$/.test(weight)) format |= BOLD;
    else if (/^(?:normal|lighter|[1-5]00)$/.test(weight)) format &= ~BOLD;
  }
  const fontStyle = /(?:^|;)\s*font-style\s*:\s*([a-z]+)/.exec(s)?.[1];
  if (fontStyle) {
    if (fontStyle === 'italic' || fontStyle === 'oblique') format |= ITALIC;
    else if (fontStyle === 'normal') format &= ~ITALIC;
  }
  const space = /(?:^|;)\s*white-space\s*:\s*([a-z-]+)/.exec(s)?.[1];
  if (space) pre = space === 'pre' || space === 'pre-wrap' || space === 'pre-line';
  return { ctx: { ...ctx, format, pre }, hidden: false };
}

function isQuoteClass(cls: string | null): boolean {
  return cls !== null && /\bMso(?:Intense)?Quote\b/i.test(cls);
}

class BlockBuilder {
  readonly blocks: PasteBlock[] = [];
  private kind: TextBlockKind = 'paragraph';
  private runs: Run[] = [];
  private hasText = false;
  /** The format of a collapsed space waiting for the next word (a browser keeps the first space of a run). */
  private pendingSpace: number | null = null;

  /** Ends the current block (at a block element's edges and at <br>). */
  flush(): void {
    const runs = tidyRuns(this.runs);
    if (runs) {
      if (this.kind === 'paragraph' && isBoldOnlySubhead(runs)) {
        this.blocks.push({ kind: 'subhead', runs: withoutBold(runs) });
      } else {
        this.blocks.push({ kind: this.kind, runs: this.kind === 'subhead' ? withoutBold(runs) : runs });
      }
    }
    this.runs = [];
    this.hasText = false;
    this.pendingSpace = null;
  }

  private push(text: string, ctx: Ctx): void {
    if (!this.hasText) {
      this.kind = ctx.kind;
      this.hasText = true;
    }
    this.runs.push({ text, format: ctx.format });
  }

  /**
   * Text with HTML's white-space collapsing, as a browser shows it. A source line
   * break becomes a space, also between Chinese characters: Word wraps its HTML
   * only where the text has a space, so that space is real.
   */
  text(raw: string, ctx: Ctx): void {
    const text = cleanText(raw);
    if (ctx.pre) {
      const lines = text.split(/\r\n|\r|\n/);
      lines.forEach((line, i) => {
        if (i > 0) this.flush();
        if (line !== '') this.push(line, ctx);
      });
      return;
    }
    for (const m of text.matchAll(/[ \t\n\r\f]+|[^ \t\n\r\f]+/g)) {
      const part = m[0];
      const c = part.charCodeAt(0);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
        this.pendingSpace ??= ctx.format;
        continue;
      }
      if (this.pendingSpace !== null && this.hasText) this.push(' ', { ...ctx, format: this.pendingSpace });
      this.pendingSpace = null;
      this.push(part, ctx);
    }
  }
}

/**
 * Walks `root` and returns the blocks and the images found. `root` is usually
 * the <body> of a DOMParser document.
 */
export function blocksFromHtmlTree<N>(tree: HtmlTree<N>, root: N): PasteContent {
  const out = new BlockBuilder();
  const images: PastedImage[] = [];
  const seen = new Set<string>();
  type Item = { node: N; ctx: Ctx } | { end: true };
  const stack: Item[] = [{ node: root, ctx: { format: 0, kind: 'paragraph', pre: false } }];

  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('end' in item) {
      out.flush();
      continue;
    }
    const { node } = item;
    const text = tree.text(node);
    if (text !== null) {
      out.text(text, item.ctx);
      continue;
    }
    const tag = tree.tag(node);
    if (tag === null || DROP.has(tag)) continue;
    if (tree.attr(node, 'hidden') !== null) continue;

    if (IMAGE_TAGS.has(tag)) {
      const src = (tree.attr(node, 'src') || tree.attr(node, 'data-src') || '').trim();
      if (IMAGE_SRC.test(src) && !seen.has(src) && images.length < MAX_IMAGES) {
        seen.add(src);
        const alt = cleanText(tree.attr(node, 'alt') ?? tree.attr(node, 'title') ?? '')
          .trim()
          .slice(0, 200);
        images.push({ src, alt });
      }
      continue;
    }
    if (tag === 'br') {
      out.flush();
      continue;
    }

    let ctx = item.ctx;
    if (tag === 'b' || tag === 'strong') ctx = { ...ctx, format: ctx.format | BOLD };
    else if (tag === 'i' || tag === 'em') ctx = { ...ctx, format: ctx.format | ITALIC };
    else if (tag === 'pre') ctx = { ...ctx, pre: true };
    if (SUBHEAD_TAGS.has(tag)) ctx = { ...ctx, kind: 'subhead' };
    else if ((tag === 'blockquote' || isQuoteClass(tree.attr(node, 'class'))) && ctx.kind !== 'subhead') {
      ctx = { ...ctx, kind: 'quote' };
    }
    const styled = styleOf(tree.attr(node, 'style'), ctx);
    if (styled.hidden) continue;
    ctx = styled.ctx;

    const block = BLOCK.has(tag);
    if (block) {
      out.flush();
      stack.push({ end: true });
    }
    const children = tree.children(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, ctx });
  }
  out.flush();
  return { blocks: out.blocks, images };
}

/** Where neutraliseStyles moves style attributes, and what it renames <style> elements to. */
const STYLE_ATTR = 'data-desk-style';
const STYLE_TAG = 'desk-style';

/**
 * Renames style attributes and <style> elements before the HTML is parsed. Even an
 * inert DOMParser document checks them against the page's CSP (style-src 'self'):
 * every one is a reported violation, and Word HTML has thousands, which made a
 * large paste take seconds. Renamed, they are plain data the walk reads instead.
 * A tag this regex misses only costs a console warning, never safety.
 */
export function neutraliseStyles(html: string): string {
  return html
    .replace(/<(\/?)style\b/gi, `<$1${STYLE_TAG}`)
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)style(\s*=)/gi, `$1${STYLE_ATTR}$2`));
}

/** The HtmlTree view of a real DOM (a DOMParser document: inert, scripts never run, images never load). */
export const domTree: HtmlTree<Node> = {
  text: (node) => (node.nodeType === 3 ? (node as Text).data : null),
  tag: (node) => (node.nodeType === 1 ? (node as Element).localName.toLowerCase() : null),
  attr: (node, name) => (node as Element).getAttribute(name === 'style' ? STYLE_ATTR : name),
  children: (node) => node.childNodes,
};
