/**
 * Long bodies skip the layout and paint of off-screen blocks: above LONG_BODY_BLOCKS
 * top-level blocks the editable gets data-long-body, and editor.css gives each block
 * `content-visibility: auto`. Only long bodies get it: the browser then checks every
 * block's visibility on every frame, which in a 100-paragraph story costs more per
 * keystroke (layout 1.1 → 0.8 ms, plus the visibility pass) than laying out the whole
 * story, while a 200,000-character paste (1,300 blocks) would otherwise lay out all of it.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getRoot, RootNode, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';

export const LONG_BODY_BLOCKS = 400;
export const LONG_BODY_ATTRIBUTE = 'data-long-body';

export function registerLongBody(editor: LexicalEditor): () => void {
  const apply = (blocks: number) => {
    const element = editor.getRootElement();
    const long = blocks > LONG_BODY_BLOCKS;
    if (element && element.hasAttribute(LONG_BODY_ATTRIBUTE) !== long)
      element.toggleAttribute(LONG_BODY_ATTRIBUTE, long);
  };
  const applyFromState = () => apply(editor.getEditorState().read(() => $getRoot().getChildrenSize()));
  return mergeRegister(
    editor.registerRootListener(applyFromState),
    // Before the DOM is reconciled: the blocks of a long paste are created (and the
    // caret scrolled to, which lays the body out) with the attribute already there.
    // The root's transform runs only when blocks were added or removed.
    editor.registerNodeTransform(RootNode, (root) => apply(root.getChildrenSize())),
    // Undo, redo and loading a state set it whole, without transforms.
    editor.registerUpdateListener(({ dirtyElements }) => {
      if (dirtyElements.get('root') === true) applyFromState();
    }),
  );
}

export function LongBodyPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerLongBody(editor), [editor]);
  return null;
}
