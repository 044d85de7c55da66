/**
 * Between the body editor's state and comment anchors (issue 6): the selected
 * passage as (block, code-point offsets) exactly as the desk counts them
 * (shared/model/body.ts: a line break is "\n", a photo block is empty), and DOM
 * ranges over anchored passages for the CSS Highlight API — read only, never a
 * change to the document. `$` functions need an active editor state.
 */
import {
  $getRoot,
  $getSelection,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
  type PointType,
} from 'lexical';

import { codePointLength, codePointOffset, utf16Offset } from '../../../shared/text/code-points';

/** A passage of one body block: code-point offsets, end exclusive, and its text. */
export type BodyPassage = { block: number; start: number; end: number; quote: string };

type Piece = { key: string | null; text: string };

function $piecesOf(element: ElementNode, out: Piece[]): Piece[] {
  for (const child of element.getChildren()) {
    if ($isTextNode(child)) out.push({ key: child.getKey(), text: child.getTextContent() });
    else if ($isLineBreakNode(child)) out.push({ key: null, text: '\n' });
    else if ($isElementNode(child)) $piecesOf(child, out);
  }
  return out;
}

function $blockPieces(index: number): Piece[] | null {
  const block = $getRoot().getChildAtIndex(index);
  return $isElementNode(block) ? $piecesOf(block, []) : null;
}

/** The text of every top-level block of the body, as the desk's anchors count it. */
export function $bodyBlocks(): string[] {
  return $getRoot()
    .getChildren()
    .map((block) =>
      $isElementNode(block)
        ? $piecesOf(block, [])
            .map((p) => p.text)
            .join('')
        : '',
    );
}

/** A selection point as (block index, UTF-16 offset in the block's text), or null outside any block. */
function $pointInBody(point: PointType): { block: number; unit: number } | null {
  const node = point.getNode();
  const top = node.getTopLevelElement();
  if (!top || !$isElementNode(top)) return null;
  let acc = 0;
  let found: number | null = null;
  const walk = (el: ElementNode): boolean => {
    const children = el.getChildren();
    for (let i = 0; i < children.length; i++) {
      if (point.type === 'element' && el.getKey() === point.key && i === point.offset) {
        found = acc;
        return true;
      }
      const child = children[i]!;
      if ($isTextNode(child)) {
        if (point.type === 'text' && child.getKey() === point.key) {
          found = acc + point.offset;
          return true;
        }
        acc += child.getTextContentSize();
      } else if ($isLineBreakNode(child)) {
        acc += 1;
      } else if ($isElementNode(child) && walk(child)) {
        return true;
      }
    }
    if (point.type === 'element' && el.getKey() === point.key) {
      found = acc;
      return true;
    }
    return false;
  };
  walk(top);
  return found === null ? null : { block: top.getIndexWithinParent(), unit: found };
}

/**
 * The editor's selection: a passage when it is not collapsed and lies in one block
 * (not only blanks), a caret when collapsed; null otherwise.
 */
export function $bodySelection():
  { passage: BodyPassage } | { caret: { block: number; offset: number } } | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const a = $pointInBody(selection.anchor);
  const f = $pointInBody(selection.focus);
  if (!a || !f || a.block !== f.block) return null;
  const pieces = $blockPieces(a.block);
  if (!pieces) return null;
  const text = pieces.map((p) => p.text).join('');
  if (a.unit === f.unit) return { caret: { block: a.block, offset: codePointOffset(text, a.unit) } };
  const from = Math.min(a.unit, f.unit);
  const to = Math.max(a.unit, f.unit);
  const quote = text.slice(from, to);
  if (!quote.trim()) return null;
  return {
    passage: {
      block: a.block,
      start: codePointOffset(text, from),
      end: codePointOffset(text, to),
      quote,
    },
  };
}

/** DOM ranges over code points [start, end) of body block `block`, one per text node it covers. */
export function $passageRanges(editor: LexicalEditor, block: number, start: number, end: number): Range[] {
  const pieces = $blockPieces(block);
  if (!pieces) return [];
  const text = pieces.map((p) => p.text).join('');
  if (end > codePointLength(text)) return [];
  const from = utf16Offset(text, start);
  const to = utf16Offset(text, end);
  const out: Range[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const length = piece.text.length;
    const a = Math.max(from, offset);
    const b = Math.min(to, offset + length);
    if (piece.key !== null && a < b) {
      const element = editor.getElementByKey(piece.key);
      const node = element && document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
      if (node instanceof Text) {
        try {
          const range = document.createRange();
          range.setStart(node, Math.min(a - offset, node.length));
          range.setEnd(node, Math.min(b - offset, node.length));
          out.push(range);
        } catch {
          // The DOM is a moment behind the editor state: the next paint catches up.
        }
      }
    }
    offset += length;
    if (offset >= to) break;
  }
  return out;
}
