/**
 * The paragraph-format toolbar: 正文段 / 小标题 (h3) / 引文 for the blocks under
 * the caret. Owns FORMAT_BLOCK_COMMAND; the toolbar buttons only dispatch it.
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
  createCommand,
  type ElementNode,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useState } from 'react';

import { useI18n } from '../../../app/i18n/i18n';

export type BlockFormat = 'paragraph' | 'subhead' | 'quote';
export const FORMAT_BLOCK_COMMAND: LexicalCommand<BlockFormat> = createCommand('FORMAT_BLOCK_COMMAND');

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

export function registerBlockFormat(editor: LexicalEditor, onFormat: (format: BlockFormat | null) => void) {
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
    editor.registerUpdateListener(({ editorState }) => {
      editorState.read(() => {
        const blocks = $selectedBlocks();
        onFormat(blocks[0] ? $formatOf(blocks[0]) : null);
      });
    }),
  );
}

const FORMATS: BlockFormat[] = ['paragraph', 'subhead', 'quote'];

export function BlockFormatPlugin({ disabled }: { disabled?: boolean }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [current, setCurrent] = useState<BlockFormat | null>(null);

  useEffect(() => registerBlockFormat(editor, setCurrent), [editor]);

  return (
    <div className="block-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className={current === format ? 'on' : ''}
          aria-pressed={current === format}
          data-testid={`format-${format}`}
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.dispatchCommand(FORMAT_BLOCK_COMMAND, format)}
        >
          {t(`toolbar.${format}`)}
        </button>
      ))}
    </div>
  );
}
