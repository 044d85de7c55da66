import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import { useEffect } from 'react';

import type { LexicalState } from '../../../../../shared/model';
import { editorJSONToBody } from '../../body-state';

/**
 * Reports the body as the story stores it after every change of content;
 * selection-only updates and the initial load are not changes.
 */
export function registerBodyChange(
  editor: LexicalEditor,
  onChange: (body: LexicalState) => void,
): () => void {
  return editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves, prevEditorState }) => {
    if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
    if (prevEditorState.isEmpty()) return;
    onChange(editorJSONToBody(editorState.toJSON()));
  });
}

export function BodyChangePlugin({ onChange }: { onChange: (body: LexicalState) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBodyChange(editor, onChange), [editor, onChange]);
  return null;
}
