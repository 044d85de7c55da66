/**
 * Photos in the body. The photos panel never touches nodes: it dispatches
 * INSERT_PHOTO_COMMAND after an import, REMOVE_PHOTO_COMMAND when a photo leaves
 * the story and REORDER_PHOTOS_COMMAND when it moves one (docs/style.md §3, §5).
 *
 * Image files dropped or pasted into the body arrive as rich-text's
 * DRAG_DROP_PASTE (the caret already at the drop point); this plugin hands the
 * image files on as PHOTO_FILES_COMMAND to whoever imports photos into the story
 * (PhotosPanel, which owns the story's photo list and the desk API call).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { $dfs, $insertNodeToNearestRoot, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $addUpdateTag,
  $isParagraphNode,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  type LexicalCommand,
  type LexicalEditor,
  SKIP_DOM_SELECTION_TAG,
} from 'lexical';
import { useEffect } from 'react';

import { $createPhotoNode, $isPhotoNode, PhotoNode } from '../../nodes/PhotoNode';
import { bodySlots } from './photo-order';

export const INSERT_PHOTO_COMMAND: LexicalCommand<{ photoId: string }> =
  createCommand('INSERT_PHOTO_COMMAND');
export const REMOVE_PHOTO_COMMAND: LexicalCommand<{ photoId: string }> =
  createCommand('REMOVE_PHOTO_COMMAND');
/** The placed photos should read in this order (ids; others are ignored). */
export const REORDER_PHOTOS_COMMAND: LexicalCommand<{ order: readonly string[] }> =
  createCommand('REORDER_PHOTOS_COMMAND');
/** Image files dropped or pasted into the body, to import into the story at the caret. */
export const PHOTO_FILES_COMMAND: LexicalCommand<File[]> = createCommand('PHOTO_FILES_COMMAND');

function $photoNodes(): PhotoNode[] {
  return $dfs()
    .map(({ node }) => node)
    .filter($isPhotoNode);
}

function $reorderPhotos(order: readonly string[]): void {
  const nodes = $photoNodes();
  const slots = bodySlots(
    nodes.map((n) => n.getPhotoId()),
    order,
  );
  nodes.forEach((node, i) => {
    const id = slots[i];
    if (id !== undefined && node.getPhotoId() !== id) node.setPhotoId(id);
  });
}

const isImage = (file: File) => file.type === '' || file.type.startsWith('image/');

function $insertPhoto(photoId: string): void {
  const node = $createPhotoNode(photoId);
  const selection = $getSelection();
  const block = $isRangeSelection(selection) ? selection.anchor.getNode().getTopLevelElement() : null;
  if ($isRangeSelection(selection) && selection.isCollapsed() && $isParagraphNode(block) && block.isEmpty()) {
    // The caret on an empty line (after Enter, or a drop there): the photo takes that line.
    block.replace(node);
    if (node.getNextSibling() === null) node.insertAfter($createParagraphNode());
  } else if (
    $isRangeSelection(selection) &&
    selection.isCollapsed() &&
    block !== null &&
    selection.anchor.offset === 0 &&
    selection.anchor.getNode().getPreviousSibling() === null &&
    (selection.anchor.getNode() === block || selection.anchor.getNode().getParent() === block)
  ) {
    // At the very start of a block: the photo goes before it, not into a split.
    block.insertBefore(node);
  } else if ($isRangeSelection(selection)) {
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
      REORDER_PHOTOS_COMMAND,
      ({ order }) => {
        // The panel keeps the focus (its move button or Alt+↑/↓).
        $addUpdateTag(SKIP_DOM_SELECTION_TAG);
        $reorderPhotos(order);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      DRAG_DROP_PASTE,
      (files) => {
        const images = files.filter(isImage);
        // Not ours when nothing is an image; and not handled when no one imports photos.
        return images.length > 0 && editor.dispatchCommand(PHOTO_FILES_COMMAND, images);
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      REMOVE_PHOTO_COMMAND,
      ({ photoId }) => {
        $addUpdateTag(SKIP_DOM_SELECTION_TAG);
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
