/**
 * Keys act where the caret is now. Lexical follows the browser's caret through
 * `selectionchange`, which Chromium sends as an ordinary task after the key or
 * click that moved it, and input events go first: on a busy machine, or with
 * keys pressed faster than a frame, Ctrl+End then Enter reached Lexical before
 * the End's `selectionchange`, and Enter split the paragraph where the caret had
 * been (Backspace, Ctrl+B and paste acted on the old place alike). Lexical reads
 * the caret from the page for `beforeinput`, but keeps its own for a keydown.
 *
 * So before any keydown handler runs (the start of the critical queue), the
 * editor's selection is read again from the page when the two differ. When they
 * agree, as while typing, it costs a few property reads and changes nothing.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createRangeSelectionFromDom,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isSelectionCapturedInDecoratorInput,
  $isTextNode,
  $setSelection,
  COMMAND_PRIORITY_BEFORE_CRITICAL,
  getDOMSelection,
  KEY_DOWN_COMMAND,
  type LexicalEditor,
  type PointType,
  type RangeSelection,
} from 'lexical';
import { useEffect } from 'react';

/** The format and style typing will use, as Lexical sets them for a caret it moves itself. */
function $carryFormat(next: RangeSelection, previous: RangeSelection | null): void {
  if (previous && previous.anchor.key === next.anchor.key) {
    // Same text node: keep a format toggled with nothing typed yet (Ctrl+B, then type).
    next.format = previous.format;
    next.style = previous.style;
    return;
  }
  const node = next.anchor.getNode();
  if ($isTextNode(node)) {
    next.format = node.getFormat();
    next.style = node.getStyle();
  } else if ($isElementNode(node)) {
    next.format = node.getTextFormat();
    next.style = node.getTextStyle();
  }
}

/** Whether the page's selection end (`node`, `offset`) is the editor's text point. */
function atTextPoint(editor: LexicalEditor, point: PointType, node: Node, offset: number): boolean {
  return (
    point.type === 'text' && point.offset === offset && editor.getElementByKey(point.key)?.firstChild === node
  );
}

/** Before a keydown's handlers: the editor's selection becomes the page's, where they differ. */
export function $syncSelectionFromPage(editor: LexicalEditor): void {
  const root = editor.getRootElement();
  const page = getDOMSelection(root?.ownerDocument.defaultView ?? null);
  const { anchorNode, focusNode } = page ?? {};
  if (!root || !page || !anchorNode || !focusNode) return;
  const current = $getSelection();
  // A photo selected as a whole is not a caret in the page to follow.
  if (current !== null && !$isRangeSelection(current)) return;
  // The usual case, typing: both ends already where the editor has them (a few property reads).
  if (
    current &&
    atTextPoint(editor, current.anchor, anchorNode, page.anchorOffset) &&
    atTextPoint(editor, current.focus, focusNode, page.focusOffset)
  )
    return;
  if (!root.contains(anchorNode) || !root.contains(focusNode)) return;
  // A field inside a block (a decorator's input) keeps its own caret.
  if ($isSelectionCapturedInDecoratorInput(anchorNode)) return;
  const fromPage = $createRangeSelectionFromDom(page, editor);
  if (!fromPage) return;
  // The same place: nothing to do (the format may differ, a toggled format with nothing typed yet).
  if (current && fromPage.anchor.is(current.anchor) && fromPage.focus.is(current.focus)) return;
  $carryFormat(fromPage, current);
  $setSelection(fromPage);
}

export function registerSelectionSync(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    KEY_DOWN_COMMAND,
    () => {
      $syncSelectionFromPage(editor);
      return false;
    },
    COMMAND_PRIORITY_BEFORE_CRITICAL,
  );
}

export function SelectionSyncPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerSelectionSync(editor), [editor]);
  return null;
}
