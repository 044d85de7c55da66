/**
 * Comments in the body's text (issue 6): a subtle mark on every open, anchored
 * passage (CSS Custom Highlight API — decorations, never a change to the document),
 * and the selection as the review strip needs it: a passage to comment on, or a
 * caret inside commented passages (click or keyboard) to show their threads.
 *
 * Cheap on the typing path: an update only restarts a timer; the marks are redrawn
 * after a pause, and only while the story has anchored comments. Between saves a
 * mark follows its passage in the live text (the same re-anchoring the desk does on
 * save, over the editor's blocks), so text typed before it never leaves it behind.
 *
 * Mounted inside the composer by the review strip (StoryReview), so the body
 * editor's own plugin list is untouched.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import type { LexicalEditor } from 'lexical';
import { useEffect, useRef } from 'react';

import { reanchorInBlocks } from '../../../shared/review/anchors';
import type { CommentAnchor, ReviewComment } from '../../../shared/review/schemas';
import { $bodyBlocks, $bodySelection, $passageRanges, type BodyPassage } from './body-passages';
import type { ScreenBox } from './comment-hub';

/** Highlight names (review.css styles ::highlight(...)); e2e specs read CSS.highlights by these. */
export const COMMENT_HIGHLIGHTS = { open: 'review-comment', active: 'review-comment-active' } as const;

/** How long the text must rest before marks are redrawn and the selection read. */
const SETTLE_MS = 200;

export type CommentMarksHooks = {
  /** The editor's selection is a passage of one block (null: it is not). */
  onPassage: (passage: BodyPassage | null, box: ScreenBox | null) => void;
  /** The page's selection moved out of the body (into a panel, a dialog): the editor keeps its own. */
  onSelectionLeft: () => void;
  /** The caret (click or keyboard) is in these threads' passages; [] when in none. `forced`: a click. */
  onCaret: (threadIds: string[], box: ScreenBox | null, forced: boolean) => void;
  /** Ctrl+Alt+M in the body: comment on the selection, or go to the thread under the caret. */
  onShortcut: () => void;
};

type Mark = { id: string; block: number; start: number; end: number; ranges: Range[] };

const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

function boxOf(ranges: readonly Range[]): ScreenBox | null {
  const rect = ranges[0]?.getBoundingClientRect();
  const last = ranges.at(-1)?.getBoundingClientRect();
  if (!rect || !last || (rect.width === 0 && rect.height === 0)) return null;
  return { left: rect.left, top: rect.top, bottom: last.bottom };
}

/** The box of the page's selection (for the offer and the new-comment popover). */
export function selectionBox(): ScreenBox | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const rects = sel.getRangeAt(0).getClientRects();
  const first = rects[0];
  const last = rects[rects.length - 1];
  return first && last ? { left: last.right, top: first.top, bottom: last.bottom } : null;
}

/** The threads with a live passage in the body, anchored where their quote is now. */
function liveAnchors(
  comments: readonly ReviewComment[],
  blocks: () => string[],
): Array<{ id: string; anchor: CommentAnchor }> {
  const out: Array<{ id: string; anchor: CommentAnchor }> = [];
  for (const c of comments) {
    if (c.parentId !== null || c.resolved || !c.anchor || c.anchor.field !== 'body') continue;
    const anchor = reanchorInBlocks(c.anchor, blocks());
    if (!anchor.lost) out.push({ id: c.id, anchor });
  }
  return out;
}

/** The threads whose popover is open (marked stronger); `repaint` is set by registerCommentMarks. */
export type ActiveThreads = { ids: readonly string[]; repaint: () => void };

export function registerCommentMarks(
  editor: LexicalEditor,
  comments: readonly ReviewComment[],
  active: ActiveThreads,
  hooks: CommentMarksHooks,
): () => void {
  const anchored = comments.some((c) => c.parentId === null && !c.resolved && c.anchor?.field === 'body');
  let marks: Mark[] = [];
  let textChanged = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const paint = () => {
    if (!anchored) {
      marks = [];
      if (supported()) CSS.highlights.delete(COMMENT_HIGHLIGHTS.open);
      return;
    }
    editor.getEditorState().read(() => {
      let blocks: string[] | null = null;
      marks = liveAnchors(comments, () => (blocks ??= $bodyBlocks())).map(({ id, anchor }) => ({
        id,
        block: anchor.block,
        start: anchor.start,
        end: anchor.end,
        ranges: $passageRanges(editor, anchor.block, anchor.start, anchor.end),
      }));
    });
    if (supported())
      CSS.highlights.set(COMMENT_HIGHLIGHTS.open, new Highlight(...marks.flatMap((m) => m.ranges)));
    paintActive();
    editor.getRootElement()?.setAttribute('data-comment-marks', String(marks.length));
  };

  const paintActive = () => {
    if (!supported()) return;
    const ids = new Set(active.ids);
    const ranges = marks.filter((m) => ids.has(m.id)).flatMap((m) => m.ranges);
    if (ranges.length) CSS.highlights.set(COMMENT_HIGHLIGHTS.active, new Highlight(...ranges));
    else CSS.highlights.delete(COMMENT_HIGHLIGHTS.active);
  };

  const readSelection = (forced: boolean) => {
    const sel = editor.getEditorState().read(() => $bodySelection());
    if (sel && 'passage' in sel) {
      hooks.onPassage(sel.passage, selectionBox());
      return;
    }
    hooks.onPassage(null, null);
    if (!sel) return;
    const { block, offset } = sel.caret;
    const hits = marks.filter((m) => m.block === block && offset >= m.start && offset <= m.end);
    hooks.onCaret(
      hits.map((m) => m.id),
      hits[0] ? boxOf(hits[0].ranges) : null,
      forced,
    );
  };

  const settle = (forced = false) => {
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        if (textChanged) paint();
        textChanged = false;
        readSelection(forced);
      },
      forced ? 0 : SETTLE_MS,
    );
  };

  const onClick = () => settle(true);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey && event.altKey && event.code === 'KeyM') {
      event.preventDefault();
      // Do now what the pause would do, so the shortcut sees the caret where it is.
      clearTimeout(timer);
      if (textChanged) paint();
      textChanged = false;
      readSelection(true);
      hooks.onShortcut();
    }
  };
  // The DOM selection left the body (a click in a panel, a dialog): no passage to offer any more.
  const onDocumentSelection = () => {
    const root = editor.getRootElement();
    const sel = window.getSelection();
    if (root && sel && sel.anchorNode && !root.contains(sel.anchorNode)) hooks.onSelectionLeft();
  };

  active.repaint = paintActive;
  paint();
  document.addEventListener('selectionchange', onDocumentSelection);
  return mergeRegister(
    editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      previous?.removeEventListener('keydown', onKeyDown);
      root?.addEventListener('click', onClick);
      root?.addEventListener('keydown', onKeyDown);
    }),
    editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) textChanged = true;
      settle();
    }),
    () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', onDocumentSelection);
      editor.getRootElement()?.removeAttribute('data-comment-marks');
      if (supported()) {
        CSS.highlights.delete(COMMENT_HIGHLIGHTS.open);
        CSS.highlights.delete(COMMENT_HIGHLIGHTS.active);
      }
    },
  );
}

/** Marks the story's anchored comments in the body and reports the selection; renders nothing. */
export function CommentMarksPlugin({
  comments,
  activeIds,
  hooks,
}: {
  comments: readonly ReviewComment[];
  activeIds: readonly string[];
  hooks: CommentMarksHooks;
}) {
  const [editor] = useLexicalComposerContext();
  const hooksRef = useRef(hooks);
  const active = useRef<ActiveThreads>({ ids: activeIds, repaint: () => undefined });
  useEffect(() => {
    hooksRef.current = hooks;
  });
  useEffect(
    () =>
      registerCommentMarks(editor, comments, active.current, {
        onPassage: (...args) => hooksRef.current.onPassage(...args),
        onCaret: (...args) => hooksRef.current.onCaret(...args),
        onSelectionLeft: () => hooksRef.current.onSelectionLeft(),
        onShortcut: () => hooksRef.current.onShortcut(),
      }),
    [editor, comments],
  );
  useEffect(() => {
    active.current.ids = activeIds;
    active.current.repaint();
  }, [activeIds]);
  return null;
}
