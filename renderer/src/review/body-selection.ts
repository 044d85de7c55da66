/**
 * Between the body editor's DOM and comment anchors: the selected passage as
 * (block, code-point offsets), and DOM ranges for anchored passages so they can be
 * marked with the CSS Highlight API (never a change to the document).
 */
import { codePointLength, utf16Offset } from '../../../shared/text/code-points';

export type BodySelection = { block: number; start: number; end: number; quote: string };

function bodyRoot(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="story-screen"] [data-lexical-editor="true"]');
}

function topBlock(root: HTMLElement, node: Node): HTMLElement | null {
  let el: Node | null = node;
  while (el && el.parentNode !== root) el = el.parentNode;
  return el instanceof HTMLElement ? el : null;
}

function offsetIn(block: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(block, 0);
  range.setEnd(node, offset);
  return codePointLength(range.toString());
}

/** The body selection when it lies within one block and is not empty. */
export function bodySelection(): BodySelection | null {
  const root = bodyRoot();
  const sel = window.getSelection();
  if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const startBlock = topBlock(root, range.startContainer);
  if (!startBlock || startBlock !== topBlock(root, range.endContainer)) return null;
  const block = Array.prototype.indexOf.call(root.children, startBlock) as number;
  const start = offsetIn(startBlock, range.startContainer, range.startOffset);
  const end = offsetIn(startBlock, range.endContainer, range.endOffset);
  const quote = range.toString();
  return end > start && quote.trim() ? { block, start, end, quote } : null;
}

/** A DOM range over code points [start, end) of body block `block`, or null. */
export function blockRange(block: number, start: number, end: number): Range | null {
  const root = bodyRoot();
  const el = root?.children[block];
  if (!el) return null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const length = codePointLength(text);
    if (!started && start <= seen + length) {
      range.setStart(node, utf16Offset(text, start - seen));
      started = true;
    }
    if (started && end <= seen + length) {
      range.setEnd(node, utf16Offset(text, end - seen));
      return range;
    }
    seen += length;
  }
  return null;
}
