/**
 * The editor's node registry and the stored body format are one list (issue 16,
 * shared/model/body-nodes.ts): every node the editor registers is a stored type,
 * every stored type is one the editor has, and the JSON the editor writes for each
 * of them passes the store's schema.
 */
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  createEditor,
} from 'lexical';
import { expect, it, vi } from 'vitest';

import { BODY_NODE_TYPES, LexicalStateSchema } from '../../../shared/model';

// PhotoNode's view reads the platform (a meta tag, sessionStorage) when imported; there is no DOM here.
vi.stubGlobal('document', { querySelector: () => null });
vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => {} });
const { editorNodes } = await import('./editorNodes');
const { $createPhotoNode } = await import('./nodes/PhotoNode');

/** Lexical's own placeholder node, never serialized. */
const INTERNAL = new Set(['artificial']);

it('registers exactly the stored node types', () => {
  const editor = createEditor({
    namespace: 'registry',
    nodes: [...editorNodes],
    onError: (e) => {
      throw e;
    },
  });
  const registered = [...editor._nodes.keys()].filter((type) => !INTERNAL.has(type));
  expect(registered.sort()).toEqual([...BODY_NODE_TYPES].sort());
});

it('writes JSON for every node, with every field set, that the store accepts', () => {
  const editor = createEditor({
    namespace: 'registry',
    nodes: [...editorNodes],
    onError: (e) => {
      throw e;
    },
  });
  editor.update(
    () => {
      const text = $createTextNode('加粗').toggleFormat('bold');
      text.setStyle('color: red');
      const paragraph = $createParagraphNode().append(text, $createLineBreakNode(), $createTabNode());
      paragraph.setFormat('center').setIndent(1).setDirection('ltr');
      $getRoot().append(
        paragraph,
        $createHeadingNode('h3').append($createTextNode('小标题')),
        $createQuoteNode().append($createTextNode('引文')),
        $createPhotoNode('p1.jpg'),
      );
    },
    { discrete: true },
  );
  const json = JSON.parse(JSON.stringify(editor.getEditorState().toJSON())) as Record<string, unknown>;
  const parsed = LexicalStateSchema.safeParse({ version: 1, ...json });
  expect(parsed.success ? 'accepted' : parsed.error.issues).toBe('accepted');
});
