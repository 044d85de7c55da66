import { $getRoot, $isElementNode, $isTextNode } from 'lexical';
import { describe, expect, it } from 'vitest';

import { blocksOfBody } from '../../../../../shared/model';
import { editorWith } from '../../testing/editor-with';
import { LiveBody, replacedWholeState } from './live-body';

const texts = (live: LiveBody) => blocksOfBody(live.read()).map((b) => (b.type === 'photo' ? '' : b.text));

describe('LiveBody', () => {
  it('follows typing in a block, and an undo (a replaced state that names only the root)', () => {
    const editor = editorWith(['一段', '二段', '三段']);
    const live = new LiveBody(editor);
    const seen: boolean[] = [];
    editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      const replaced = replacedWholeState(dirtyElements, dirtyLeaves);
      seen.push(replaced);
      if (replaced) live.reset();
      else live.invalidate(dirtyElements);
    });
    expect(texts(live)).toEqual(['一段', '二段', '三段']);
    const before = editor.getEditorState();

    editor.update(
      () => {
        const block = $getRoot().getChildAtIndex(1);
        const text = $isElementNode(block) ? block.getFirstDescendant() : null;
        if ($isTextNode(text)) text.setTextContent('二段改过');
      },
      { discrete: true },
    );
    expect(texts(live)).toEqual(['一段', '二段改过', '三段']);

    editor.update(() => $getRoot().getChildAtIndex(2)?.remove(), { discrete: true });
    expect(texts(live)).toEqual(['一段', '二段改过']);

    // Undo as @lexical/history does it: the earlier state, set whole.
    editor.setEditorState(before);
    expect(texts(live)).toEqual(['一段', '二段', '三段']);
    expect(seen).toEqual([false, false, true]);
  });
});
