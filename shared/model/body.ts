/**
 * The story body is stored as serialized Lexical editor state, versioned so that
 * a node change can be migrated. This module reads and builds that JSON without a
 * DOM or an editor, so the CLI, storage and checks share one understanding of it.
 */
import { z } from 'zod';

export const BODY_VERSION = 1;

/** A serialized Lexical node: validated for shape; unknown keys are kept for Lexical. */
export type SerializedNode = {
  type: string;
  version: number;
  children?: SerializedNode[];
  [key: string]: unknown;
};

const NodeSchema: z.ZodType<SerializedNode> = z.lazy(() =>
  z.looseObject({
    type: z.string().min(1).max(40),
    version: z.number().int(),
    children: z.array(NodeSchema).max(20000).optional(),
  }),
);

export const LexicalStateSchema = z.object({
  version: z.literal(BODY_VERSION),
  root: z.looseObject({
    type: z.literal('root'),
    version: z.number().int(),
    children: z.array(NodeSchema).max(20000),
  }),
});
export type LexicalState = z.infer<typeof LexicalStateSchema>;

/** The body as the text tools see it: one block per top-level node. */
export type BodyBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'subhead'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'photo'; photoId: string };

const BLOCK_BASE = { direction: null, format: '', indent: 0, version: 1 } as const;

function textNode(text: string): SerializedNode {
  return { type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' };
}

function withText(node: { type: string; [key: string]: unknown }, text: string): SerializedNode {
  return { ...BLOCK_BASE, ...node, children: text ? [textNode(text)] : [] };
}

export function blockToNode(block: BodyBlock): SerializedNode {
  switch (block.type) {
    case 'paragraph':
      return withText({ type: 'paragraph', textFormat: 0, textStyle: '' }, block.text);
    case 'subhead':
      return withText({ type: 'heading', tag: 'h3' }, block.text);
    case 'quote':
      return withText({ type: 'quote' }, block.text);
    case 'photo':
      return { type: 'photo', version: 1, photoId: block.photoId };
  }
}

export function bodyFromBlocks(blocks: readonly BodyBlock[]): LexicalState {
  const children = blocks.map(blockToNode);
  return { version: BODY_VERSION, root: { ...BLOCK_BASE, type: 'root', children } };
}

export function emptyBody(): LexicalState {
  return bodyFromBlocks([{ type: 'paragraph', text: '' }]);
}

/** Concatenated text of a node's descendants; line breaks become "\n". */
export function nodeText(node: SerializedNode): string {
  if (node.type === 'text' && typeof node.text === 'string') return node.text;
  if (node.type === 'linebreak') return '\n';
  if (node.type === 'tab') return '\t';
  return (node.children ?? []).map(nodeText).join('');
}

export function blocksOfBody(body: LexicalState): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const node of body.root.children) {
    if (node.type === 'photo') {
      blocks.push({ type: 'photo', photoId: String(node.photoId ?? '') });
    } else if (node.type === 'heading') {
      blocks.push({ type: 'subhead', text: nodeText(node) });
    } else if (node.type === 'quote') {
      blocks.push({ type: 'quote', text: nodeText(node) });
    } else {
      blocks.push({ type: 'paragraph', text: nodeText(node) });
    }
  }
  return blocks;
}

/** Plain text of the body, one block per line (photos omitted). */
export function bodyPlainText(body: LexicalState): string {
  return blocksOfBody(body)
    .flatMap((b) => (b.type === 'photo' ? [] : [b.text]))
    .join('\n');
}
