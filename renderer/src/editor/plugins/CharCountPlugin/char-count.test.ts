import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type LexicalEditor,
} from 'lexical';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { countText, type Counts } from '../../../../../shared/text/counts';
import { editorWith } from '../../testing/editor-with';
import { registerCharCount } from './CharCountPlugin';

const wholeText = (editor: LexicalEditor) => editor.getEditorState().read(() => $getRoot().getTextContent());

describe('live counts kept per block', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('equal the counts of the whole text after typing, a new block and an undo', () => {
    const editor = editorWith(['2026年，全村 1,758 名党员', 'GDP 增长 6.1%。', '']);
    let last: Counts | null = null;
    const unregister = registerCharCount(editor, (c) => (last = c));
    const settle = () => vi.advanceTimersByTime(3_000);
    settle();
    expect(last).toEqual(countText(wholeText(editor)));
    const before = editor.getEditorState();

    editor.update(
      () => {
        const block = $getRoot().getChildAtIndex(1);
        const text = $isElementNode(block) ? block.getFirstDescendant() : null;
        if ($isTextNode(text)) text.setTextContent('GDP增长6.1%，ＡＢ１２');
      },
      { discrete: true },
    );
    editor.update(
      () =>
        $getRoot().append(
          $createParagraphNode().append(
            $createTextNode('一、'),
            $createLineBreakNode(),
            $createTextNode('abc def'),
          ),
        ),
      { discrete: true },
    );
    settle();
    expect(last).toEqual(countText(wholeText(editor)));

    editor.setEditorState(before);
    settle();
    expect(last).toEqual(countText(wholeText(editor)));
    unregister();
  });
});
