/**
 * The story body is stored as serialized Lexical editor state, versioned so that
 * a node change can be migrated. This module reads and builds that JSON without a
 * DOM or an editor, so the CLI, storage and checks share one understanding of it.
 */
import { z } from 'zod';

import { BODY_BLOCK_NODES, BODY_INLINE_NODES, BODY_ROOT_FIELDS } from './body-nodes';

export const BODY_VERSION = 1;

/** A serialized Lexical node: validated for shape; unknown keys are kept for Lexical. */
export type SerializedNode = {
  type: string;
  version: number;
  children?: SerializedNode[];
  [key: string]: unknown;
};

/** The most top-level blocks, and inline nodes in one block, a body may have. */
const MAX_CHILDREN = 20000;
/** Keys that would reach an object's prototype: refused by name wherever they appear in a node. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type LexicalState = {
  version: typeof BODY_VERSION;
  root: { type: 'root'; version: number; children: SerializedNode[]; [key: string]: unknown };
};

type Issue = { path: (string | number)[]; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const strictSchemas = new WeakMap<Record<string, z.ZodType>, z.ZodType>();
function strictSchemaOf(fields: Record<string, z.ZodType>): z.ZodType {
  let schema = strictSchemas.get(fields);
  if (!schema) strictSchemas.set(fields, (schema = z.strictObject(fields)));
  return schema;
}

/** Checks one node's own fields (not its children) against its type's schema; the first problem, or null. */
function fieldIssue(
  node: Record<string, unknown>,
  fields: Record<string, z.ZodType>,
  hasChildren: boolean,
  path: (string | number)[],
): Issue | null {
  for (const key of Object.keys(node)) {
    if (PROTOTYPE_KEYS.has(key)) {
      return { path: [...path, key], message: `the key "${key}" is not allowed in a body node` };
    }
    if (key === 'type' || (key === 'children' && hasChildren)) continue;
    if (!(key in fields)) {
      return { path: [...path, key], message: `a ${String(node.type)} node has no field "${key}"` };
    }
  }
  const own = Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'type' && k !== 'children'));
  const parsed = strictSchemaOf(fields).safeParse(own);
  if (parsed.success) return null;
  const first = parsed.error.issues[0]!;
  return { path: [...path, ...(first.path as (string | number)[])], message: first.message };
}

function childrenIssue(
  node: Record<string, unknown>,
  path: (string | number)[],
  check: (child: unknown, at: (string | number)[]) => Issue | null,
): Issue | null {
  const children = node.children;
  if (!Array.isArray(children)) return { path: [...path, 'children'], message: 'children must be a list' };
  if (children.length > MAX_CHILDREN) {
    return { path: [...path, 'children'], message: `more than ${MAX_CHILDREN} children` };
  }
  for (let i = 0; i < children.length; i++) {
    const issue = check(children[i], [...path, 'children', i]);
    if (issue) return issue;
  }
  return null;
}

function typeIssue(value: unknown, allowed: readonly string[], where: string, path: (string | number)[]) {
  if (!isRecord(value)) return { path, message: `a ${where} node must be an object` };
  const type = value.type;
  if (typeof type !== 'string' || !allowed.includes(type)) {
    return {
      path: [...path, 'type'],
      message: `unknown ${where} node type "${String(type).slice(0, 40)}" (the editor has: ${allowed.join(', ')})`,
    };
  }
  return null;
}

function inlineIssue(value: unknown, path: (string | number)[]): Issue | null {
  const types = Object.keys(BODY_INLINE_NODES);
  const bad = typeIssue(value, types, 'inline', path);
  if (bad) return bad;
  const node = value as Record<string, unknown>;
  return fieldIssue(node, BODY_INLINE_NODES[node.type as keyof typeof BODY_INLINE_NODES], false, path);
}

function blockIssue(value: unknown, path: (string | number)[]): Issue | null {
  const types = Object.keys(BODY_BLOCK_NODES);
  const bad = typeIssue(value, types, 'block', path);
  if (bad) return bad;
  const node = value as Record<string, unknown>;
  const spec = BODY_BLOCK_NODES[node.type as keyof typeof BODY_BLOCK_NODES];
  const own = fieldIssue(node, spec.fields, spec.children, path);
  if (own || !spec.children) return own;
  return childrenIssue(node, path, inlineIssue);
}

/** The first problem of a stored body, or null: exactly the editor's nodes and fields (body-nodes.ts). */
export function bodyIssue(value: unknown): Issue | null {
  if (!isRecord(value)) return { path: [], message: 'the body must be an object' };
  for (const key of Object.keys(value)) {
    if (key !== 'version' && key !== 'root') return { path: [key], message: `a body has no field "${key}"` };
  }
  if (value.version !== BODY_VERSION) {
    return { path: ['version'], message: `the body format version must be ${BODY_VERSION}` };
  }
  const root = value.root;
  if (!isRecord(root) || root.type !== 'root') {
    return { path: ['root'], message: 'the body has no root node' };
  }
  return fieldIssue(root, BODY_ROOT_FIELDS, true, ['root']) ?? childrenIssue(root, ['root'], blockIssue);
}

/**
 * The stored body (issue 16): checked by hand against the node list rather than
 * by a recursive schema, so the error names the refused type or field and no depth
 * of nesting can overflow the stack (the format is three levels deep by design).
 */
export const LexicalStateSchema: z.ZodType<LexicalState> = z
  .custom<LexicalState>()
  .superRefine((value, ctx) => {
    const issue = bodyIssue(value);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

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
