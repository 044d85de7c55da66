/**
 * Key figures and the body text (issue 3). The figures panel never reads the
 * DOM or touches nodes; it dispatches:
 *
 * - FIGURE_FROM_SELECTION_COMMAND: read the body's selection ("种植苗木6.1万余棵"),
 *   parse it (shared/text/figures.ts) and announce the result as
 *   FIGURE_PARSED_COMMAND, which the panel handles by adding the figure;
 * - REVEAL_FIGURE_COMMAND: select the figure's first occurrence in the body and
 *   scroll to it; the command returns false when the body does not contain it.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelection,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  type LexicalCommand,
  type LexicalEditor,
  type NodeKey,
  type TextNode,
} from 'lexical';
import { useEffect } from 'react';

import { findFigure, parseFigure, type ParsedFigure } from '../../../../../shared/text/figures';

export const FIGURE_FROM_SELECTION_COMMAND: LexicalCommand<void> = createCommand(
  'FIGURE_FROM_SELECTION_COMMAND',
);

/** The outcome of FIGURE_FROM_SELECTION_COMMAND: the selected text and its figure (null: none in it). */
export type FigureParsed = { text: string; figure: ParsedFigure | null };
export const FIGURE_PARSED_COMMAND: LexicalCommand<FigureParsed> = createCommand('FIGURE_PARSED_COMMAND');

export type FigureLocator = Pick<ParsedFigure, 'value' | 'unit' | 'qualifier'>;
export const REVEAL_FIGURE_COMMAND: LexicalCommand<FigureLocator> = createCommand('REVEAL_FIGURE_COMMAND');

/** The text node and offset at a character offset of the concatenated texts. */
function pointAt(
  texts: readonly TextNode[],
  offset: number,
  isEnd: boolean,
): { key: NodeKey; offset: number } | null {
  let seen = 0;
  for (const node of texts) {
    const size = node.getTextContentSize();
    // A start on a boundary belongs to the next node, an end to the previous one.
    if (isEnd ? offset <= seen + size : offset < seen + size)
      return { key: node.getKey(), offset: offset - seen };
    seen += size;
  }
  return null;
}

/** Selects the figure's first occurrence; returns the key of its block, or null. */
function $selectFigure(figure: FigureLocator): NodeKey | null {
  for (const block of $getRoot().getChildren()) {
    if (!$isElementNode(block)) continue;
    const texts = block.getAllTextNodes();
    const at = findFigure(texts.map((t) => t.getTextContent()).join(''), figure);
    if (!at) continue;
    const anchor = pointAt(texts, at.start, false);
    const focus = pointAt(texts, at.end, true);
    if (!anchor || !focus) continue;
    const selection = $createRangeSelection();
    selection.anchor.set(anchor.key, anchor.offset, 'text');
    selection.focus.set(focus.key, focus.offset, 'text');
    $setSelection(selection);
    return block.getKey();
  }
  return null;
}

/**
 * Scrolls only the element's nearest scrolling container (the story column), so
 * the window and the side panels stay where they are.
 */
function centreInScroller(element: HTMLElement | null): void {
  let scroller = element?.parentElement ?? null;
  while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY))
    scroller = scroller.parentElement;
  if (!element || !scroller) return;
  const box = element.getBoundingClientRect();
  const frame = scroller.getBoundingClientRect();
  scroller.scrollTop += box.top - frame.top - (frame.height - Math.min(box.height, frame.height)) / 2;
}

export function registerFigures(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerCommand(
      FIGURE_FROM_SELECTION_COMMAND,
      () => {
        const selection = $getSelection();
        const text = $isRangeSelection(selection) ? selection.getTextContent() : '';
        editor.dispatchCommand(FIGURE_PARSED_COMMAND, {
          text,
          figure: text.trim() ? parseFigure(text) : null,
        });
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      REVEAL_FIGURE_COMMAND,
      (figure) => {
        const blockKey = $selectFigure(figure);
        if (blockKey === null) return false;
        // Focus first so the selection is drawn; scroll once the DOM has it.
        editor.getRootElement()?.focus({ preventScroll: true });
        editor.update(() => {}, { onUpdate: () => centreInScroller(editor.getElementByKey(blockKey)) });
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
  );
}

export function FiguresPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerFigures(editor), [editor]);
  return null;
}
