/**
 * What the side panels need to know about the body, read from the editor and
 * narrowly, so that typing in the body re-renders no panel (issue 3, typing
 * benchmark; panels only read the editor, docs/style.md §5):
 *
 * - useBodyPhotoIds: the photos placed in the body, in order; it changes only
 *   when a photo node is added, removed or moved;
 * - useBodyTexts: the text of each block, for the figures panel; it follows the
 *   body after a pause in typing (after-body-pause.ts), never during non-stop
 *   typing, and as a transition: the panel re-reads every paragraph for figures
 *   and re-renders its suggestions, which React then does in slices that a
 *   keystroke can interrupt.
 */
import { $getRoot, type EditorState, type LexicalEditor } from 'lexical';
import { startTransition, useEffect, useMemo, useState, useSyncExternalStore } from 'react';

import { $isPhotoNode, PhotoNode } from './nodes/PhotoNode';
import { registerAfterBodyPause } from './after-body-pause';

function $photoIds(): string {
  return $getRoot()
    .getChildren()
    .filter($isPhotoNode)
    .map((node) => node.getPhotoId())
    .join('\n');
}

/** The ids of the body's photo nodes in document order, joined by "\n" (a stable string to compare). */
export function useBodyPhotoIds(editor: LexicalEditor): string {
  const store = useMemo(() => {
    let last: { state: EditorState; ids: string } | null = null;
    return {
      subscribe: (notify: () => void) =>
        editor.registerMutationListener(PhotoNode, notify, { skipInitialization: true }),
      get: () => {
        const state = editor.getEditorState();
        if (last?.state !== state) last = { state, ids: state.read($photoIds) };
        return last.ids;
      },
    };
  }, [editor]);
  return useSyncExternalStore(store.subscribe, store.get);
}

function readTexts(state: EditorState): string[] {
  return state.read(() =>
    $getRoot()
      .getChildren()
      .filter((node) => !$isPhotoNode(node))
      .map((node) => node.getTextContent()),
  );
}

const sameTexts = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((text, i) => text === b[i]);

/** The text of each block of the body but photos, as of the last pause in typing (never per keystroke). */
export function useBodyTexts(editor: LexicalEditor): readonly string[] {
  const [texts, setTexts] = useState(() => readTexts(editor.getEditorState()));
  useEffect(
    () =>
      registerAfterBodyPause(
        editor,
        () => {
          const next = readTexts(editor.getEditorState());
          startTransition(() => setTexts((prev) => (sameTexts(prev, next) ? prev : next)));
        },
        { pauseOnly: true },
      ),
    [editor],
  );
  return texts;
}
