/**
 * Block formats of the body: 正文段 (paragraph) / 小标题 (heading h3, the stored
 * type shared/model/body.ts reads as a subhead) / 引文 (quote). Owns
 * FORMAT_BLOCK_COMMAND, which the toolbar dispatches, and its keys:
 * Ctrl+Alt+1 / 2 / 3 (by physical key, so the layout does not matter; never
 * while an input method is composing).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_LOW,
  createCommand,
  KEY_DOWN_COMMAND,
  type ElementNode,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';

export type BlockFormat = 'paragraph' | 'subhead' | 'quote';
export const FORMAT_BLOCK_COMMAND: LexicalCommand<BlockFormat> = createCommand('FORMAT_BLOCK_COMMAND');

export const BLOCK_FORMATS: readonly BlockFormat[] = ['paragraph', 'subhead', 'quote'];
/** The shortcut of each format, as shown in the toolbar's tooltips. */
export const BLOCK_FORMAT_KEYS: Record<BlockFormat, string> = {
  paragraph: 'Ctrl+Alt+1',
  subhead: 'Ctrl+Alt+2',
  quote: 'Ctrl+Alt+3',
};
const BY_CODE: Record<string, BlockFormat> = {
  Digit1: 'paragraph',
  Numpad1: 'paragraph',
  Digit2: 'subhead',
  Numpad2: 'subhead',
  Digit3: 'quote',
  Numpad3: 'quote',
};

function $formatOf(block: ElementNode): BlockFormat {
  if ($isHeadingNode(block)) return 'subhead';
  if ($isQuoteNode(block)) return 'quote';
  return 'paragraph';
}

function $createBlock(format: BlockFormat): ElementNode {
  if (format === 'subhead') return $createHeadingNode('h3');
  if (format === 'quote') return $createQuoteNode();
  return $createParagraphNode();
}

function $selectedBlocks(): ElementNode[] {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return [];
  const blocks = new Map<string, ElementNode>();
  for (const node of selection.getNodes()) {
    const top = node.getTopLevelElement();
    if (top && $isElementNode(top)) blocks.set(top.getKey(), top);
  }
  const anchorTop = selection.anchor.getNode().getTopLevelElement();
  if (anchorTop && $isElementNode(anchorTop)) blocks.set(anchorTop.getKey(), anchorTop);
  return [...blocks.values()];
}

/** The format of the block under the caret (the first selected block), null without a range selection. */
export function $selectedBlockFormat(): BlockFormat | null {
  const selection = $getSelection();
  if ($isRangeSelection(selection) && selection.isCollapsed()) {
    // The caret (every keystroke): its block, without listing the selected nodes.
    const top = selection.anchor.getNode().getTopLevelElement();
    return top && $isElementNode(top) ? $formatOf(top) : null;
  }
  const blocks = $selectedBlocks();
  return blocks[0] ? $formatOf(blocks[0]) : null;
}

export function registerBlockFormat(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerCommand(
      FORMAT_BLOCK_COMMAND,
      (format) => {
        for (const block of $selectedBlocks()) {
          if ($formatOf(block) !== format) block.replace($createBlock(format), true);
        }
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        if (event.isComposing || event.keyCode === 229) return false;
        if (!event.ctrlKey || !event.altKey || event.shiftKey || event.metaKey) return false;
        const format = BY_CODE[event.code];
        if (!format) return false;
        event.preventDefault();
        return editor.dispatchCommand(FORMAT_BLOCK_COMMAND, format);
      },
      COMMAND_PRIORITY_LOW,
    ),
  );
}

export function BlockFormatPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBlockFormat(editor), [editor]);
  return null;
}
