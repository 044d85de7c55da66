/**
 * Clipboard JSON from a Lexical editor (`application/x-lexical-editor`, ours or
 * any other app's) is untrusted input: it is read node by node and rebuilt as
 * PasteBlocks, so only the body's own node kinds with their known fields ever
 * reach the document (issue 3, "validated node by node").
 *
 * - paragraph, quote → the same; heading (any tag) → subhead (h3);
 * - text (and text-like nodes: code-highlight, hashtag …) → a run, keeping only
 *   the bold and italic bits of `format` (no style, mode or detail);
 * - linebreak → a line break; tab → a space;
 * - photo → kept only when its photoId is one of this story's photos;
 * - any other element (link, list, listitem, table, mark …) → unwrapped: its
 *   inline content joins the surrounding paragraph, block-level children become
 *   their own paragraphs;
 * - any other leaf (image, equation, horizontalrule …) → dropped.
 * Limits keep a hostile payload from costing much: nesting beyond MAX_DEPTH and
 * nodes beyond MAX_NODES are dropped.
 */
import {
  ALLOWED_FORMAT,
  cleanText,
  tidyRuns,
  type PasteBlock,
  type Run,
  type TextBlockKind,
} from './paste-blocks';

export const LEXICAL_MIME = 'application/x-lexical-editor';
const MAX_DEPTH = 32;
const MAX_NODES = 200_000;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const childrenOf = (n: Json): unknown[] => (Array.isArray(n.children) ? n.children : []);

const BLOCK_TYPES: Record<string, TextBlockKind> = {
  paragraph: 'paragraph',
  heading: 'subhead',
  quote: 'quote',
};

/** Element types other editors use inside a paragraph; at block level they join their neighbours. */
const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark']);

/** Does this unknown node hold blocks (so it is a container), or only inline content? */
function holdsBlocks(node: Json): boolean {
  return childrenOf(node).some(
    (c) =>
      isObject(c) &&
      (typeof c.type !== 'string' ||
        c.type in BLOCK_TYPES ||
        c.type === 'photo' ||
        Array.isArray(c.children)),
  );
}

export function blocksFromLexicalNodes(nodes: unknown, knownPhotoIds: ReadonlySet<string>): PasteBlock[] {
  const blocks: PasteBlock[] = [];
  let budget = MAX_NODES;
  let pending: Run[] = [];

  const endInline = () => {
    const runs = tidyRuns(pending);
    if (runs) blocks.push({ kind: 'paragraph', runs });
    pending = [];
  };

  const inline = (node: unknown, out: Run[], format: number, depth: number): void => {
    if (!isObject(node) || budget-- <= 0 || depth > MAX_DEPTH) return;
    const type = node.type;
    if (type === 'linebreak') {
      out.push({ br: true });
    } else if (type === 'tab') {
      out.push({ text: ' ', format });
    } else if (typeof node.text === 'string') {
      const f = typeof node.format === 'number' ? node.format & ALLOWED_FORMAT : 0;
      out.push({ text: cleanText(node.text), format: f | format });
    } else {
      for (const child of childrenOf(node)) inline(child, out, format, depth + 1);
    }
  };

  const block = (node: unknown, depth: number): void => {
    if (!isObject(node) || budget-- <= 0 || depth > MAX_DEPTH) return;
    const type = typeof node.type === 'string' ? node.type : '';
    if (type === 'photo') {
      endInline();
      if (typeof node.photoId === 'string' && knownPhotoIds.has(node.photoId)) {
        blocks.push({ kind: 'photo', photoId: node.photoId });
      }
      return;
    }
    const kind = BLOCK_TYPES[type];
    if (kind) {
      endInline();
      const runs: Run[] = [];
      for (const child of childrenOf(node)) inline(child, runs, 0, depth + 1);
      const tidy = tidyRuns(runs);
      if (tidy) blocks.push({ kind, runs: tidy });
      return;
    }
    if (Array.isArray(node.children) && !INLINE_ELEMENTS.has(type)) {
      endInline();
      if (type === 'root' || holdsBlocks(node)) {
        for (const child of node.children) block(child, depth + 1);
      } else {
        inline(node, pending, 0, depth);
      }
      endInline();
      return;
    }
    // Inline content at block level (a partial selection copies bare text and
    // link nodes): gather neighbours into one paragraph.
    inline(node, pending, 0, depth);
  };

  if (Array.isArray(nodes)) for (const node of nodes) block(node, 0);
  endInline();
  return blocks;
}

/** Parses a clipboard string; null when it is not a Lexical payload at all. */
export function blocksFromLexicalClipboard(
  json: string,
  knownPhotoIds: ReadonlySet<string>,
): PasteBlock[] | null {
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isObject(payload) || !Array.isArray(payload.nodes)) return null;
  return blocksFromLexicalNodes(payload.nodes, knownPhotoIds);
}
