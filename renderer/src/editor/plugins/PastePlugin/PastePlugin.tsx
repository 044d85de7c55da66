/**
 * Everything that enters the body from outside goes through here: paste, and
 * drops of text/HTML from other applications. The clipboard is read in the order
 * Lexical uses (its own JSON, then HTML, then plain text), turned into
 * PasteBlocks by pure, tested code (html-blocks.ts, lexical-json.ts), and
 * inserted in one update, so a paste is one undo step and 200,000 characters
 * cost one reconciliation rather than one per paragraph.
 *
 * Images are never inserted from a paste. PASTED_IMAGES_COMMAND carries their
 * sources to whoever can import them (the photos plugin); when nobody handles it
 * the plugin tells the reporter how many images were left out.
 *
 * A paste never makes the body longer than the stored format allows
 * (MAX_BODY_BLOCKS): the blocks beyond are left out, and the reporter is told how
 * many were kept and where the paste was cut (capToBody).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $addUpdateTag,
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_LOW,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  createCommand,
  DROP_COMMAND,
  PASTE_COMMAND,
  PASTE_TAG,
  type LexicalCommand,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { useContext, useEffect, useRef, useState } from 'react';

import { useI18n } from '../../../app/i18n/i18n';
import { $createPhotoNode } from '../../nodes/PhotoNode';
import { PhotosContext } from '../../photos-context';
import { blocksFromHtmlTree, domTree, neutraliseStyles } from './html-blocks';
import { blocksFromLexicalClipboard, LEXICAL_MIME } from './lexical-json';
import { MAX_LINE_CHARS } from '../../../../../shared/import/line-limit';
import {
  blocksFromPlainText,
  capToBody,
  MAX_BODY_BLOCKS,
  overlongBlock,
  type PasteBlock,
  type PasteCap,
  type PasteContent,
  type PastedImage,
} from './paste-blocks';

export type { PastedImage } from './paste-blocks';

/**
 * Dispatched after a paste or drop that contained images, which were not
 * inserted. A handler that offers the import (e.g. "导入 3 张图片") returns true;
 * otherwise the body shows a short notice. Sources are http(s)://, file:// or
 * data:image/… URLs, deduplicated, in document order.
 */
export const PASTED_IMAGES_COMMAND: LexicalCommand<{ images: PastedImage[] }> =
  createCommand('PASTED_IMAGES_COMMAND');

/** Reads a DataTransfer into blocks; null when there is nothing for the body in it (e.g. files only). */
export function readDataTransfer(
  data: DataTransfer,
  knownPhotoIds: ReadonlySet<string>,
): PasteContent | null {
  const lexical = data.getData(LEXICAL_MIME);
  if (lexical) {
    const blocks = blocksFromLexicalClipboard(lexical, knownPhotoIds);
    if (blocks) return { blocks, images: [] };
  }
  const html = data.getData('text/html');
  const plain = data.getData('text/plain');
  if (html) {
    // DOMParser documents are inert: no script runs, no image or frame loads.
    const doc = new DOMParser().parseFromString(neutraliseStyles(html), 'text/html');
    const content = blocksFromHtmlTree(domTree, doc.body ?? doc.documentElement);
    if (content.blocks.length > 0 || content.images.length > 0 || !plain) return content;
  }
  if (plain) return { blocks: blocksFromPlainText(plain), images: [] };
  return null;
}

function $nodeOf(block: PasteBlock): LexicalNode {
  if (block.kind === 'photo') return $createPhotoNode(block.photoId);
  const node =
    block.kind === 'subhead'
      ? $createHeadingNode('h3')
      : block.kind === 'quote'
        ? $createQuoteNode()
        : $createParagraphNode();
  node.append(
    ...block.runs.map((run) =>
      'br' in run ? $createLineBreakNode() : $createTextNode(run.text).setFormat(run.format),
    ),
  );
  return node;
}

/** Inserts blocks at the selection in the current update (one history entry, tagged as a paste). */
export function $insertPasteBlocks(blocks: readonly PasteBlock[]): boolean {
  const selection = $getSelection();
  if (selection === null) return false;
  if (blocks.length === 0) return true;
  $addUpdateTag(PASTE_TAG);
  const only = blocks[0];
  if (blocks.length === 1 && only && only.kind === 'paragraph' && $isRangeSelection(selection)) {
    // One line: insert inline, so it takes the format under the caret when it has none of its own.
    const runs = only.runs;
    if (runs.length === 1 && runs[0] && !('br' in runs[0]) && runs[0].format === 0) {
      selection.insertText(runs[0].text);
      return true;
    }
  }
  selection.insertNodes(blocks.map($nodeOf));
  return true;
}

export function registerPaste(
  editor: LexicalEditor,
  knownPhotoIds: () => ReadonlySet<string>,
  onImagesLeftOut: (count: number) => void,
  onCapped: (cap: PasteCap) => void = () => {},
  onTooLong: (length: number) => void = () => {},
): () => void {
  const $insert = (data: DataTransfer): boolean => {
    const content = readDataTransfer(data, knownPhotoIds());
    if (!content) return false;
    // Issue 16: a paragraph beyond the limit is refused whole (nothing inserted), and said.
    const long = overlongBlock(content.blocks);
    if (long) {
      queueMicrotask(() => onTooLong(long.length));
      return true;
    }
    const { blocks, cap } = capToBody(content.blocks, $getRoot().getChildrenSize());
    if (!$insertPasteBlocks(blocks)) return false;
    if (cap) queueMicrotask(() => onCapped(cap));
    if (content.images.length > 0) {
      const images = content.images;
      // After this update: the handler may start its own updates or UI.
      queueMicrotask(() => {
        if (!editor.dispatchCommand(PASTED_IMAGES_COMMAND, { images })) onImagesLeftOut(images.length);
      });
    }
    return true;
  };

  return mergeRegister(
    editor.registerCommand(
      PASTE_COMMAND,
      (event) => {
        if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false;
        const data = event.clipboardData;
        const hasText = ['text/plain', 'text/html', LEXICAL_MIME].some((t) => data.types.includes(t));
        // Files only (a screenshot, a photo from the file manager): the rich-text
        // plugin hands them to DRAG_DROP_PASTE for the photos plugin.
        if (!hasText) return false;
        event.preventDefault();
        return $insert(data);
      },
      COMMAND_PRIORITY_LOW,
    ),
    editor.registerCommand(
      CONTROLLED_TEXT_INSERTION_COMMAND,
      (payload) => {
        // A drop of text/HTML from another application arrives as beforeinput
        // insertFromDrop with a DataTransfer; Lexical would import it unsanitised.
        if (typeof payload === 'string' || !payload.dataTransfer) return false;
        $insert(payload.dataTransfer);
        return true;
      },
      COMMAND_PRIORITY_LOW,
    ),
    editor.registerCommand(
      DROP_COMMAND,
      (event) => {
        // A drag out of another Lexical editor carries a marker and its JSON, which
        // Lexical would insert without validation. Moving text within this body is
        // fine (same editor key); anything else is refused: copy and paste instead.
        const raw = event.dataTransfer?.getData('application/x-lexical-drag');
        if (!raw) return false;
        let key: unknown = null;
        try {
          key = (JSON.parse(raw) as { editorKey?: unknown }).editorKey;
        } catch {
          key = null;
        }
        if (key === editor.getKey()) return false;
        event.preventDefault();
        return true;
      },
      COMMAND_PRIORITY_LOW,
    ),
  );
}

/** The end of a block's text, where the paste was cut ("…为止"). */
function ending(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `…${chars.slice(-max).join('')}`;
}

export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const photos = useContext(PhotosContext);
  const photoIds = useRef<ReadonlySet<string>>(new Set());
  const [leftOut, setLeftOut] = useState(0);
  const [cap, setCap] = useState<PasteCap | null>(null);
  const [tooLong, setTooLong] = useState(0);

  useEffect(() => {
    photoIds.current = new Set(photos.map((p) => p.id));
  }, [photos]);

  useEffect(() => registerPaste(editor, () => photoIds.current, setLeftOut, setCap, setTooLong), [editor]);

  const fmt = (n: number) => n.toLocaleString('en-US');
  return (
    <>
      {cap && (
        <div className="paste-notice" role="alert" data-testid="paste-capped-notice" data-kept={cap.kept}>
          <span>
            {cap.kept > 0
              ? t('paste.capped', {
                  total: fmt(cap.total),
                  max: fmt(MAX_BODY_BLOCKS),
                  kept: fmt(cap.kept),
                  last: ending(cap.lastKept, 20),
                  dropped: fmt(cap.total - cap.kept),
                })
              : t('paste.bodyFull', { total: fmt(cap.total), max: fmt(MAX_BODY_BLOCKS) })}
          </span>
          <button type="button" onClick={() => setCap(null)}>
            {t('paste.dismiss')}
          </button>
        </div>
      )}
      {tooLong > 0 && (
        <div className="paste-notice" role="alert" data-testid="paste-too-long-notice">
          <span>{t('paste.lineTooLong', { length: fmt(tooLong), max: fmt(MAX_LINE_CHARS) })}</span>
          <button type="button" onClick={() => setTooLong(0)}>
            {t('paste.dismiss')}
          </button>
        </div>
      )}
      {leftOut > 0 && (
        <div className="paste-notice" role="status" data-testid="paste-images-notice">
          <span>{t('paste.imagesLeftOut', { count: leftOut })}</span>
          <button type="button" onClick={() => setLeftOut(0)}>
            {t('paste.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
