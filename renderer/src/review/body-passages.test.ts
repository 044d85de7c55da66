import {
  $createLineBreakNode,
  $createParagraphNode,
  $createRangeSelection,
  $createTextNode,
  $getRoot,
  $setSelection,
  createEditor,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';

import { bodyFromBlocks } from '../../../shared/model/body';
import { fieldBlocks, makeAnchor } from '../../../shared/review/anchors';
import { $bodyBlocks, $bodySelection } from './body-passages';

/** A body of two paragraphs, the second with a line break, and its text nodes by text. */
function editorWithBody(): { editor: LexicalEditor; nodes: Map<string, string> } {
  const editor = createEditor({
    namespace: 'body-passages-test',
    onError: (e) => {
      throw e;
    },
  });
  const nodes = new Map<string, string>();
  editor.update(
    () => {
      const keep = (node: TextNode) => (nodes.set(node.getTextContent(), node.getKey()), node);
      $getRoot().append(
        $createParagraphNode().append(keep($createTextNode('𠮷第一段。'))),
        $createParagraphNode().append(
          keep($createTextNode('第二段，')),
          $createLineBreakNode(),
          keep($createTextNode('投入资金1758万元。')),
        ),
      );
    },
    { discrete: true },
  );
  return { editor, nodes };
}

function select(editor: LexicalEditor, anchor: [string, number], focus: [string, number]) {
  editor.update(
    () => {
      const s = $createRangeSelection();
      s.anchor.set(anchor[0], anchor[1], 'text');
      s.focus.set(focus[0], focus[1], 'text');
      $setSelection(s);
    },
    { discrete: true },
  );
  return editor.getEditorState().read(() => $bodySelection());
}

describe('body passages', () => {
  it('count blocks as the desk does: a line break is one character', () => {
    const { editor } = editorWithBody();
    const blocks = editor.getEditorState().read(() => $bodyBlocks());
    const desk = bodyFromBlocks([
      { type: 'paragraph', text: '𠮷第一段。' },
      { type: 'paragraph', text: '第二段，\n投入资金1758万元。' },
    ]);
    expect(blocks).toEqual(fieldBlocks({ kicker: '', headline: '', subheadline: '', body: desk }, 'body'));
  });

  it('give a selection after a line break (and backwards) the code-point offsets the desk quotes', () => {
    const { editor, nodes } = editorWithBody();
    const key = nodes.get('投入资金1758万元。')!;
    const sel = select(editor, [key, 8], [key, 4]);
    expect(sel).toEqual({ passage: { block: 1, start: 9, end: 13, quote: '1758' } });
    const desk = bodyFromBlocks([
      { type: 'paragraph', text: '𠮷第一段。' },
      { type: 'paragraph', text: '第二段，\n投入资金1758万元。' },
    ]);
    expect(
      makeAnchor({ kicker: '', headline: '', subheadline: '', body: desk }, 'body', 1, 9, 13)?.quote,
    ).toBe('1758');
  });

  it('count a surrogate pair as one code point, and report a caret', () => {
    const { editor, nodes } = editorWithBody();
    const key = nodes.get('𠮷第一段。')!;
    expect(select(editor, [key, 2], [key, 5])).toEqual({
      passage: { block: 0, start: 1, end: 4, quote: '第一段' },
    });
    expect(select(editor, [key, 4], [key, 4])).toEqual({ caret: { block: 0, offset: 3 } });
  });

  it('offer no passage across blocks', () => {
    const { editor, nodes } = editorWithBody();
    expect(select(editor, [nodes.get('𠮷第一段。')!, 2], [nodes.get('第二段，')!, 2])).toBeNull();
  });
});
