/**
 * The live side of find and replace: reads the body's blocks, keeps the match
 * list up to date (debounced while the reporter types), paints the matches with
 * the CSS Custom Highlight API — a decoration over the DOM, never a change to
 * the document — and applies replacements as single, undoable updates.
 */
import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  HISTORY_PUSH_TAG,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';

import {
  blockString,
  findMatches,
  matchAtOrAfter,
  planReplacements,
  segmentsOf,
  type Match,
  type Piece,
} from './find-text';

export type FindState = {
  open: boolean;
  replace: boolean;
  query: string;
  replacement: string;
  matchCase: boolean;
  total: number;
  /** Index of the current match, -1 when none. */
  current: number;
  /** Bumped whenever the find bar should take focus, in focusTarget. */
  focus: number;
  focusTarget: 'query' | 'replacement';
};

const HIGHLIGHT = 'desk-find';
const HIGHLIGHT_CURRENT = 'desk-find-current';
const REFRESH_MS = 150;

type BlockIndex = { key: string; pieces: Piece[] };

function $piecesOf(element: ElementNode, out: Piece[]): void {
  for (const child of element.getChildren()) {
    if ($isTextNode(child)) out.push({ key: child.getKey(), text: child.getTextContent() });
    else if ($isLineBreakNode(child)) out.push({ key: null, text: '' });
    else if ($isElementNode(child)) $piecesOf(child, out);
  }
}

function $readBlocks(): BlockIndex[] {
  const blocks: BlockIndex[] = [];
  for (const child of $getRoot().getChildren()) {
    if (!$isElementNode(child)) continue;
    const pieces: Piece[] = [];
    $piecesOf(child, pieces);
    blocks.push({ key: child.getKey(), pieces });
  }
  return blocks;
}

/** The caret as (block index, offset in the block's text), for "find from here". */
function $caretPosition(blocks: readonly BlockIndex[]): [number, number] {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return [0, 0];
  const node = selection.anchor.getNode();
  const top = node.getTopLevelElement();
  const b = top ? blocks.findIndex((x) => x.key === top.getKey()) : -1;
  if (b < 0) return [0, 0];
  let offset = 0;
  for (const piece of blocks[b]!.pieces) {
    if (piece.key === node.getKey()) return [b, offset + selection.anchor.offset];
    offset += piece.key === null ? 1 : piece.text.length;
  }
  return [b, 0];
}

function textDomOf(editor: LexicalEditor, key: string): Text | null {
  const element = editor.getElementByKey(key);
  if (!element) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

const highlightsSupported = () =>
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

export class FindSession {
  private state: FindState = {
    open: false,
    replace: false,
    query: '',
    replacement: '',
    matchCase: false,
    total: 0,
    current: -1,
    focus: 0,
    focusTarget: 'query',
  };
  private listeners = new Set<() => void>();
  private blocks: BlockIndex[] = [];
  private matches: Match[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly editor: LexicalEditor) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): FindState => this.state;

  private set(patch: Partial<FindState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Follows the document while the bar is open; returns the unregister function. */
  register(): () => void {
    const unregister = this.editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (!this.state.open || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(false), REFRESH_MS);
    });
    return () => {
      unregister();
      clearTimeout(this.timer);
      this.clearHighlights();
    };
  }

  open(replace: boolean): void {
    let query = this.state.query;
    this.editor.getEditorState().read(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection) && !selection.isCollapsed()) {
        const text = selection.getTextContent();
        if (text.length <= 100 && !text.includes('\n')) query = text;
      }
    });
    // Ctrl+H with something to find goes straight to the replacement field.
    const focusTarget = replace && query !== '' ? 'replacement' : 'query';
    this.set({
      open: true,
      replace: replace || this.state.replace,
      query,
      focus: this.state.focus + 1,
      focusTarget,
    });
    this.refresh(true);
  }

  /** Closes the bar; the current match becomes the editor's selection so the reporter can go on from there. */
  close(): void {
    const match = this.matches[this.state.current];
    this.set({ open: false, replace: false, total: 0, current: -1 });
    this.clearHighlights();
    if (match) this.select(match);
    this.editor.focus();
  }

  setQuery(query: string): void {
    this.set({ query });
    this.refresh(true);
  }

  setReplacement(replacement: string): void {
    this.set({ replacement });
  }

  toggleMatchCase(): void {
    this.set({ matchCase: !this.state.matchCase });
    this.refresh(true);
  }

  toggleReplace(): void {
    const replace = !this.state.replace;
    this.set({ replace, focus: this.state.focus + 1, focusTarget: replace ? 'replacement' : 'query' });
  }

  next(): void {
    this.step(1);
  }

  previous(): void {
    this.step(-1);
  }

  private step(delta: number): void {
    const total = this.matches.length;
    if (total === 0) return;
    const current = this.state.current < 0 ? 0 : (this.state.current + delta + total) % total;
    this.set({ current });
    this.paint(true);
  }

  /** Recomputes the matches. `fromCaret`: start at the caret; otherwise keep the current position. */
  private refresh(fromCaret: boolean, from: Match | null = this.matches[this.state.current] ?? null): void {
    if (!this.state.open) return;
    const { query, matchCase } = this.state;
    let caret: [number, number] = [0, 0];
    this.editor.getEditorState().read(() => {
      this.blocks = $readBlocks();
      if (fromCaret) caret = $caretPosition(this.blocks);
    });
    this.matches = findMatches(
      this.blocks.map((b) => blockString(b.pieces)),
      query,
      { matchCase },
    );
    let current: number;
    if (fromCaret) current = matchAtOrAfter(this.matches, caret[0], caret[1]);
    else if (from) current = matchAtOrAfter(this.matches, from.block, from.start);
    else current = this.matches.length > 0 ? 0 : -1;
    this.set({ total: this.matches.length, current });
    this.paint(fromCaret);
  }

  private rangeOf(match: Match): Range | null {
    const block = this.blocks[match.block];
    const segments = block && segmentsOf(block.pieces, match.start, match.end);
    if (!segments) return null;
    const first = segments[0]!;
    const last = segments[segments.length - 1]!;
    const startNode = textDomOf(this.editor, first.key);
    const endNode = last.key === first.key ? startNode : textDomOf(this.editor, last.key);
    if (!startNode || !endNode) return null;
    try {
      const range = document.createRange();
      range.setStart(startNode, Math.min(first.from, startNode.length));
      range.setEnd(endNode, Math.min(last.to, endNode.length));
      return range;
    } catch {
      return null;
    }
  }

  private paint(scroll: boolean): void {
    if (!highlightsSupported()) return;
    const all: Range[] = [];
    let currentRange: Range | null = null;
    this.matches.forEach((match, i) => {
      const range = this.rangeOf(match);
      if (!range) return;
      if (i === this.state.current) currentRange = range;
      else all.push(range);
    });
    CSS.highlights.set(HIGHLIGHT, new Highlight(...all));
    if (currentRange) {
      CSS.highlights.set(HIGHLIGHT_CURRENT, new Highlight(currentRange));
      if (scroll) this.scrollTo(currentRange);
    } else {
      CSS.highlights.delete(HIGHLIGHT_CURRENT);
    }
  }

  private scrollTo(range: Range): void {
    const root = this.editor.getRootElement();
    const scroller = root?.closest('.story-scroll') as HTMLElement | null;
    if (!scroller) return;
    const rect = range.getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    // Leave room for the sticky toolbar and find bar at the top.
    if (rect.top < box.top + 120 || rect.bottom > box.bottom - 40) {
      scroller.scrollTop += rect.top - box.top - box.height / 3;
    }
  }

  private clearHighlights(): void {
    if (!highlightsSupported()) return;
    CSS.highlights.delete(HIGHLIGHT);
    CSS.highlights.delete(HIGHLIGHT_CURRENT);
  }

  private select(match: Match): void {
    const block = this.blocks[match.block];
    const segments = block && segmentsOf(block.pieces, match.start, match.end);
    if (!segments) return;
    const first = segments[0]!;
    const last = segments[segments.length - 1]!;
    this.editor.update(() => {
      if (!$getNodeByKey(first.key) || !$getNodeByKey(last.key)) return;
      const selection = $createRangeSelection();
      selection.anchor.set(first.key, first.from, 'text');
      selection.focus.set(last.key, last.to, 'text');
      $setSelection(selection);
    });
  }

  /** Replaces the current match and moves to the next one. One undo step. */
  replaceOne(): void {
    const match = this.matches[this.state.current];
    if (!match || !this.editor.isEditable()) return;
    this.apply(match);
  }

  /** Replaces every match in one update: one undo step for the whole operation. */
  replaceAll(): void {
    if (this.matches.length === 0 || !this.editor.isEditable()) return;
    this.apply(null);
  }

  /**
   * Replaces `only` (or every match) in one discrete update tagged as its own
   * history entry. The matches are found again inside the update, so text typed
   * since the last refresh cannot shift an offset.
   */
  private apply(only: Match | null): void {
    const { replacement, query, matchCase } = this.state;
    this.editor.update(
      () => {
        const blocks = $readBlocks();
        let matches = findMatches(
          blocks.map((b) => blockString(b.pieces)),
          query,
          { matchCase },
        );
        if (only) matches = matches.filter((m) => m.block === only.block && m.start === only.start);
        const byBlock = new Map<number, Match[]>();
        for (const m of matches) byBlock.set(m.block, [...(byBlock.get(m.block) ?? []), m]);
        for (const [b, list] of byBlock) {
          for (const edit of planReplacements(blocks[b]!.pieces, list, replacement)) {
            const node = $getNodeByKey(edit.key);
            if ($isTextNode(node)) node.spliceText(edit.offset, edit.remove, edit.insert);
          }
        }
      },
      { tag: HISTORY_PUSH_TAG, discrete: true },
    );
    // Continue after the replacement, so a replacement containing the query is not found again.
    this.refresh(false, only ? { ...only, start: only.start + replacement.length } : null);
  }
}
