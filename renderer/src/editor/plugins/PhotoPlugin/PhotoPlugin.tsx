/**
 * Photos in the body. The photos panel never touches nodes: it dispatches
 * INSERT_PHOTO_COMMAND after an import and REMOVE_PHOTO_COMMAND when a photo
 * leaves the story (docs/style.md §3, §5).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $insertNodeToNearestRoot, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';

import { $createPhotoNode, $isPhotoNode, PhotoNode } from '../../nodes/PhotoNode';

export const INSERT_PHOTO_COMMAND: LexicalCommand<{ photoId: string }> =
  createCommand('INSERT_PHOTO_COMMAND');
export const REMOVE_PHOTO_COMMAND: LexicalCommand<{ photoId: string }> =
  createCommand('REMOVE_PHOTO_COMMAND');

function $insertPhoto(photoId: string): void {
  const node = $createPhotoNode(photoId);
  const selection = $getSelection();
  if ($isRangeSelection(selection)) {
    $insertNodeToNearestRoot(node);
  } else {
    const root = $getRoot();
    root.append(node);
    // Leave a paragraph after the photo so the caret has somewhere to go.
    if (node.getNextSibling() === null) node.insertAfter($createParagraphNode());
  }
}

function $removePhoto(photoId: string): void {
  for (const child of $getRoot().getChildren()) {
    if ($isPhotoNode(child) && child.getPhotoId() === photoId) child.remove();
  }
  if ($getRoot().getChildrenSize() === 0) $getRoot().append($createParagraphNode());
}

export function registerPhotoCommands(editor: LexicalEditor): () => void {
  if (!editor.hasNodes([PhotoNode])) {
    throw new Error('PhotoPlugin: PhotoNode is not registered; add it to editorNodes.ts');
  }
  return mergeRegister(
    editor.registerCommand(
      INSERT_PHOTO_COMMAND,
      ({ photoId }) => {
        $insertPhoto(photoId);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      REMOVE_PHOTO_COMMAND,
      ({ photoId }) => {
        $removePhoto(photoId);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
  );
}

export function PhotoPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerPhotoCommands(editor), [editor]);
  return null;
}
