import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import { useEffect } from 'react';

import type { LexicalState } from '../../../../../shared/model';
import { editorJSONToBody } from '../../body-state';
import type { BodyLink } from '../../story-draft';

/** Where the body's changes go: the story draft (story-draft.ts). */
export type BodySink = { attachBody: (read: () => LexicalState) => BodyLink };

/**
 * Tells the draft that the body changed after every change of content, and lets
 * it read the body when it needs it. Serializing a 20,000-character body takes
 * milliseconds, so it never happens here, per keystroke: the draft calls `read`
 * at save time (issue 3, typing benchmark). Selection-only updates and the
 * initial load are not changes.
 */
export function registerBodyChange(editor: LexicalEditor, sink: BodySink): () => void {
  const link = sink.attachBody(() => editorJSONToBody(editor.getEditorState().toJSON()));
  const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, prevEditorState }) => {
    if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
    if (prevEditorState.isEmpty()) return;
    link.changed();
  });
  return () => {
    unregister();
    link.detach();
  };
}

export function BodyChangePlugin({ sink }: { sink: BodySink }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBodyChange(editor, sink), [editor, sink]);
  return null;
}
