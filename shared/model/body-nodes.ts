/**
 * The stored body's node types and their fields (issue 16): exactly the nodes the
 * body editor registers (renderer/src/editor/editorNodes.ts plus Lexical's core
 * root, paragraph, text, tab and linebreak) with exactly the fields their
 * exportJSON writes. One list: the store's schema (body.ts) is built from it and
 * a unit test checks it against the editor's registry and its JSON, so a node
 * added to the editor and not here (or the reverse) fails.
 *
 * The body is flat by construction: root → block → inline. Anything else (a
 * `script` node, a block inside a block, an unknown field, `__proto__`) is refused
 * with an error that names it, never dropped.
 */
import { z } from 'zod';

/** Fields every element node (root and the blocks with text) may carry, as Lexical writes them. */
const ELEMENT_FIELDS = {
  version: z.number().int(),
  direction: z.enum(['ltr', 'rtl']).nullable().optional(),
  format: z.union([z.string().max(16), z.number().int()]).optional(),
  indent: z.number().int().min(0).max(40).optional(),
  textFormat: z.number().int().optional(),
  textStyle: z.string().max(1000).optional(),
};

const TEXT_FIELDS = {
  version: z.number().int(),
  text: z.string(),
  detail: z.number().int().optional(),
  format: z.number().int().optional(),
  mode: z.enum(['normal', 'token', 'segmented']).optional(),
  style: z.string().max(1000).optional(),
};

/** Inline nodes: the children of a block. */
export const BODY_INLINE_NODES = {
  text: TEXT_FIELDS,
  tab: TEXT_FIELDS,
  linebreak: { version: z.number().int() },
} as const;

/** Block nodes: the children of the root; `children: true` when they hold inline nodes. */
export const BODY_BLOCK_NODES = {
  paragraph: { fields: ELEMENT_FIELDS, children: true },
  heading: {
    fields: { ...ELEMENT_FIELDS, tag: z.enum(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) },
    children: true,
  },
  quote: { fields: ELEMENT_FIELDS, children: true },
  photo: { fields: { version: z.number().int(), photoId: z.string().max(200) }, children: false },
} as const;

/** The root's own fields (it always has children: the blocks). */
export const BODY_ROOT_FIELDS = ELEMENT_FIELDS;

/** Every node type a stored body may hold: the editor registry's types, root included. */
export const BODY_NODE_TYPES: readonly string[] = [
  'root',
  ...Object.keys(BODY_BLOCK_NODES),
  ...Object.keys(BODY_INLINE_NODES),
];
