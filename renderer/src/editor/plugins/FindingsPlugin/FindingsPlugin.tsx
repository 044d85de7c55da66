/**
 * Findings in the body (issues 4 and 5, "Where it shows"): marks on the flagged text
 * by severity, painted with the CSS Custom Highlight API like the find bar's matches
 * — a decoration over the DOM, never a change to the document. Hovering a mark shows
 * its message (and a duplicate's twin); clicking a duplicate mark goes to the twin,
 * in this story or in another story of the page (Alt+click only places the caret).
 *
 * Owns two commands the findings list dispatches (sidebars never touch nodes):
 * - REVEAL_FINDING_COMMAND: select a location of this story's body and scroll to it;
 * - APPLY_FINDING_FIX_COMMAND: replace exactly a location's characters, one undo step;
 *   refused (false) when the block no longer has those characters there.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  $setSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  HISTORY_PUSH_TAG,
  type ElementNode,
  type LexicalCommand,
  type LexicalEditor,
  type NodeKey,
} from 'lexical';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';

import type { FindingLocation, Severity } from '../../../../../shared/checks/finding';
import { useI18n } from '../../../app/i18n/i18n';
import { reachableElsewhere, useFindings, useFindingsApi } from '../../findings/FindingsContext';
import { excerpt, findingMessage, whereLabel } from '../../findings/finding-text';
import type { FindingsStore, ShownFinding } from '../../findings/findings-store';
import { takeReveal } from '../../findings/pending-reveal';
import { planReplacements, segmentsOf, type Piece } from '../FindReplacePlugin/find-text';
import { rangeInBlock, textSegments } from './block-text';
import { LiveBody, replacedWholeState } from './live-body';

export const REVEAL_FINDING_COMMAND: LexicalCommand<FindingLocation> =
  createCommand('REVEAL_FINDING_COMMAND');
export type FindingFix = { location: FindingLocation; replacement: string };
export const APPLY_FINDING_FIX_COMMAND: LexicalCommand<FindingFix> =
  createCommand('APPLY_FINDING_FIX_COMMAND');

/** Highlight names (editor.css styles ::highlight(...)); e2e specs read CSS.highlights by these. */
export const MARK_HIGHLIGHTS: Record<Severity | 'active', string> = {
  error: 'desk-finding-error',
  warning: 'desk-finding-warning',
  info: 'desk-finding-info',
  active: 'desk-finding-active',
};

/** A painted mark: the range, the finding and which of its locations it is. */
export type Mark = { range: Range; shown: ShownFinding; location: FindingLocation };

const highlightsSupported = () =>
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

function $piecesOf(element: ElementNode, out: Piece[]): Piece[] {
  for (const child of element.getChildren()) {
    if ($isTextNode(child)) out.push({ key: child.getKey(), text: child.getTextContent() });
    else if ($isLineBreakNode(child)) out.push({ key: null, text: '' });
    else if ($isElementNode(child)) $piecesOf(child, out);
  }
  return out;
}

/** The pieces of body block `paragraph` (index among the root's children, as blocksOfBody counts). */
function $blockPieces(paragraph: number | undefined): Piece[] | null {
  if (paragraph === undefined) return null;
  const block = $getRoot().getChildAtIndex(paragraph);
  return $isElementNode(block) ? $piecesOf(block, []) : null;
}

function textDomOf(editor: LexicalEditor, key: string): Text | null {
  const element = editor.getElementByKey(key);
  if (!element) return null;
  return document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode() as Text | null;
}

/** DOM ranges of a location, one per text node it covers; [] when it is stale or not on screen. */
function domRanges(editor: LexicalEditor, pieces: readonly Piece[], location: FindingLocation): Range[] {
  const at = rangeInBlock(pieces, location);
  if (!at) return [];
  const out: Range[] = [];
  for (const segment of textSegments(pieces, at.start, at.end)) {
    const node = textDomOf(editor, segment.key);
    if (!node) continue;
    const range = document.createRange();
    try {
      range.setStart(node, Math.min(segment.from, node.length));
      range.setEnd(node, Math.min(segment.to, node.length));
      out.push(range);
    } catch {
      // The DOM is behind the editor state for a moment: the next paint catches up.
    }
  }
  return out;
}

const inThisBody = (location: FindingLocation, storyId: string) =>
  location.story === storyId && location.field === 'body' && location.paragraph !== undefined;

/**
 * The blocks worth marking: those on screen and a screen's height above and below
 * (indices among the body's blocks); null when the body is not laid out in its
 * scrolling column, and then every block is. The browser revisits every highlight
 * range on each change of the document, so each keystroke costs every mark painted
 * (issue 3, typing benchmark): a long story with many findings paints the few near
 * the reporter, and scrolling brings the others (registerFindings).
 */
function nearBlocks(root: HTMLElement | null): { first: number; last: number } | null {
  const scroller = root?.closest('.story-scroll');
  if (!root || !scroller) return null;
  const box = scroller.getBoundingClientRect();
  if (box.height === 0) return null;
  const top = box.top - box.height;
  const bottom = box.bottom + box.height;
  const blocks = root.children;
  // Blocks are laid out top to bottom (off-screen ones at their remembered size): two binary searches.
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom < top) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().top <= bottom) lo = mid + 1;
    else hi = mid;
  }
  return { first, last: lo - 1 };
}

/**
 * What the last paint made, so the next one redoes only what changed: a location's
 * ranges are kept while its block is the same node, untouched by any update since
 * (dirty), and the ranges still cover its text. A finding unchanged between two
 * answers of the checks is the same object, and so are its locations (SentFindings).
 */
type PaintCache = {
  byLocation: Map<FindingLocation, { block: NodeKey; ranges: Range[] }>;
  /** Blocks an update touched since the last paint. */
  dirty: Set<NodeKey>;
  /** The ranges last given to each highlight (unchanged: the highlight is left alone). */
  painted: Partial<Record<Severity | 'active', Range[]>>;
};

const newPaintCache = (): PaintCache => ({ byLocation: new Map(), dirty: new Set(), painted: {} });

/** Kept ranges of an untouched block: still in the document and not collapsed (cheap; no text compared). */
const stillUsable = (ranges: readonly Range[]) =>
  ranges.length > 0 &&
  ranges.every((r) => !r.collapsed && r.startContainer.isConnected && r.endContainer.isConnected);

const sameRanges = (a: readonly Range[] | undefined, b: readonly Range[]) =>
  !!a && a.length === b.length && a.every((range, i) => range === b[i]);

/** Paints the open findings' locations in this body's blocks near the screen; returns the marks for hit-testing. */
function paint(editor: LexicalEditor, store: FindingsStore, cache: PaintCache): Mark[] {
  const { open, activeId, storyId } = store.getState();
  const near = nearBlocks(editor.getRootElement());
  const marks: Mark[] = [];
  const bySeverity: Record<Severity | 'active', Range[]> = { error: [], warning: [], info: [], active: [] };
  const next: PaintCache['byLocation'] = new Map();
  editor.getEditorState().read(() => {
    const root = $getRoot();
    const keys = new Map<number, NodeKey | null>();
    const blocks = new Map<number, Piece[] | null>();
    for (const shown of open) {
      for (const location of [shown.here, ...shown.twins]) {
        if (!inThisBody(location, storyId)) continue;
        const p = location.paragraph!;
        if (near && (p < near.first || p > near.last)) continue;
        let key = keys.get(p);
        if (key === undefined) {
          key = root.getChildAtIndex(p)?.getKey() ?? null;
          keys.set(p, key);
        }
        if (key === null) continue;
        const before = cache.byLocation.get(location);
        let ranges: Range[];
        if (before && before.block === key && !cache.dirty.has(key) && stillUsable(before.ranges)) {
          ranges = before.ranges;
        } else {
          if (!blocks.has(p)) blocks.set(p, $blockPieces(p));
          const pieces = blocks.get(p);
          ranges = pieces ? domRanges(editor, pieces, location) : [];
        }
        next.set(location, { block: key, ranges });
        for (const range of ranges) {
          marks.push({ range, shown, location });
          bySeverity[shown.finding.severity].push(range);
          if (shown.id === activeId) bySeverity.active.push(range);
        }
      }
    }
  });
  cache.byLocation = next;
  cache.dirty.clear();
  if (highlightsSupported()) {
    for (const [name, ranges] of Object.entries(bySeverity) as Array<[Severity | 'active', Range[]]>) {
      if (sameRanges(cache.painted[name], ranges) && CSS.highlights.has(MARK_HIGHLIGHTS[name])) continue;
      CSS.highlights.set(MARK_HIGHLIGHTS[name], new Highlight(...ranges));
      cache.painted[name] = ranges;
    }
  }
  const root = editor.getRootElement();
  root?.setAttribute('data-finding-marks', String(marks.length));
  // Where the checks ran ('worker', or 'main' when the worker could not be had): for the e2e specs.
  root?.setAttribute('data-finding-checks', store.checksRunIn);
  return marks;
}

function clearMarks(): void {
  if (!highlightsSupported()) return;
  for (const name of Object.values(MARK_HIGHLIGHTS)) CSS.highlights.delete(name);
}

/** The text position under a point (caretPositionFromPoint is newer than caretRangeFromPoint in Chromium). */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** The mark under the pointer: the caret position there lies in the mark and the point in its boxes. */
function markAt(marks: readonly Mark[], x: number, y: number): Mark | null {
  const caret = caretAt(x, y);
  if (!caret) return null;
  for (const mark of marks) {
    try {
      if (!mark.range.isPointInRange(caret.node, caret.offset)) continue;
    } catch {
      continue;
    }
    for (const r of mark.range.getClientRects()) {
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return mark;
    }
  }
  return null;
}

/**
 * Scrolls the story column (only it) so the location sits a third of the way down.
 * In a long body off-screen blocks skip layout (editor.css), so their text has no boxes yet:
 * bring the block near first, then place the text once it is laid out.
 */
function scrollToLocation(editor: LexicalEditor, location: FindingLocation): void {
  const root = editor.getRootElement();
  const scroller = root?.closest('.story-scroll') as HTMLElement | null;
  const block = root?.children.item(location.paragraph ?? -1) as HTMLElement | null;
  if (!scroller || !block) return;
  const place = (rect: DOMRect) => {
    const box = scroller.getBoundingClientRect();
    if (rect.top < box.top + 120 || rect.bottom > box.bottom - 40) {
      scroller.scrollTop += rect.top - box.top - box.height / 3;
    }
  };
  place(block.getBoundingClientRect());
  requestAnimationFrame(() => {
    const pieces = editor.getEditorState().read(() => $blockPieces(location.paragraph));
    const range = pieces ? domRanges(editor, pieces, location)[0] : undefined;
    const rect = range?.getBoundingClientRect();
    if (rect && rect.height > 0) place(rect);
  });
}

/** Selects a location of this body and scrolls to it; false when the text is not there (any more). */
function revealLocation(editor: LexicalEditor, location: FindingLocation): boolean {
  let found = false;
  editor.update(
    () => {
      const pieces = $blockPieces(location.paragraph);
      const at = pieces && rangeInBlock(pieces, location);
      const segments = at && textSegments(pieces, at.start, at.end);
      if (!segments || segments.length === 0) return;
      const first = segments[0]!;
      const last = segments[segments.length - 1]!;
      const selection = $createRangeSelection();
      selection.anchor.set(first.key, first.from, 'text');
      selection.focus.set(last.key, last.to, 'text');
      $setSelection(selection);
      found = true;
    },
    { onUpdate: () => found && scrollToLocation(editor, location) },
  );
  if (found) editor.getRootElement()?.focus({ preventScroll: true });
  return found;
}

function applyFix(editor: LexicalEditor, { location, replacement }: FindingFix): boolean {
  if (!editor.isEditable()) return false;
  let applied = false;
  editor.update(
    () => {
      const pieces = $blockPieces(location.paragraph);
      const at = pieces && rangeInBlock(pieces, location);
      // A fix never reaches over a line break (segmentsOf refuses), so it cannot merge lines.
      if (!at || !segmentsOf(pieces, at.start, at.end)) return;
      for (const edit of planReplacements(pieces, [{ block: location.paragraph!, ...at }], replacement)) {
        const node = $getNodeByKey(edit.key);
        if ($isTextNode(node)) node.spliceText(edit.offset, edit.remove, edit.insert);
      }
      applied = true;
    },
    { tag: HISTORY_PUSH_TAG, discrete: true },
  );
  return applied;
}

export type FindingsHooks = {
  onHover: (mark: Mark | null, x: number) => void;
  revealElsewhere: (location: FindingLocation) => void;
};

export function registerFindings(
  editor: LexicalEditor,
  store: FindingsStore,
  hooks: FindingsHooks,
): () => void {
  let marks: Mark[] = [];
  const cache = newPaintCache();
  let frame = 0;
  const repaint = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const started = performance.now();
      marks = paint(editor, store, cache);
      performance.measure('desk-findings-paint', { start: started });
    });
  };
  // While typing, ranges follow the text on their own (live DOM ranges): repaint only
  // after a short pause, off the keystroke path; new findings repaint at once.
  let settle: ReturnType<typeof setTimeout> | undefined;
  const repaintSoon = () => {
    clearTimeout(settle);
    settle = setTimeout(repaint, 200);
  };

  const goToTwin = (mark: Mark) => {
    const twin = [mark.shown.here, ...mark.shown.twins].find((l) => l !== mark.location);
    if (!twin) return;
    store.setActive(mark.shown.id);
    if (twin.story === store.storyId) {
      if (twin.field === 'body') revealLocation(editor, twin);
    } else if (reachableElsewhere(twin, store.getState().titles)) {
      hooks.revealElsewhere(twin);
    }
  };

  let hoverFrame = 0;
  let lastMove: MouseEvent | null = null;
  /** The store's ticket for what hovering a mark here last made active (see clearActive). */
  let hoverTicket = 0;
  const onMove = (event: MouseEvent) => {
    lastMove = event;
    if (hoverFrame) return;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      if (!lastMove) return;
      const mark = markAt(marks, lastMove.clientX, lastMove.clientY);
      hooks.onHover(mark, lastMove.clientX);
      hoverTicket = store.setActive(mark?.shown.id ?? null);
    });
  };
  // Leaving the body clears only what hovering a mark set, and only if nothing set the
  // active finding since: React's mouseenter of a findings row comes before the body's
  // mouseleave when the pointer jumps straight there, and the row's finding (often the
  // same one) stays active.
  const onLeave = () => {
    lastMove = null;
    hooks.onHover(null, 0);
    store.clearActive(hoverTicket);
  };
  const onClick = (event: MouseEvent) => {
    if (event.altKey || event.button !== 0 || event.detail > 1) return;
    if (!window.getSelection()?.isCollapsed) return;
    const mark = markAt(marks, event.clientX, event.clientY);
    if (mark && mark.shown.finding.rule.startsWith('duplicate.') && mark.shown.twins.length > 0)
      goToTwin(mark);
  };

  // Only blocks near the screen are marked (nearBlocks): a scroll or a resize brings others near.
  let scroller: Element | null = null;
  const unregisterRoot = editor.registerRootListener((root, previous) => {
    cache.byLocation.clear();
    previous?.removeEventListener('mousemove', onMove);
    previous?.removeEventListener('mouseleave', onLeave);
    previous?.removeEventListener('click', onClick);
    scroller?.removeEventListener('scroll', repaint);
    root?.addEventListener('mousemove', onMove);
    root?.addEventListener('mouseleave', onLeave);
    root?.addEventListener('click', onClick);
    scroller = root?.closest('.story-scroll') ?? null;
    scroller?.addEventListener('scroll', repaint, { passive: true });
  });
  window.addEventListener('resize', repaint);

  // A twin in this story asked for from another story: show it once the body is on screen.
  const pending = takeReveal(store.storyId);
  const revealTimer = pending
    ? setTimeout(() => {
        if (pending.field === 'body') revealLocation(editor, pending);
      }, 50)
    : undefined;

  // The checks read the body from here, and re-run after each change of its text.
  const live = new LiveBody(editor);
  const link = store.attachBody(() => live.read());

  repaint();
  return mergeRegister(
    unregisterRoot,
    link.detach,
    store.subscribe(repaint),
    editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, prevEditorState }) => {
      const replaced = replacedWholeState(dirtyElements, dirtyLeaves);
      if (replaced) cache.byLocation.clear();
      else for (const key of dirtyElements.keys()) cache.dirty.add(key);
      repaintSoon();
      if ((dirtyElements.size === 0 && dirtyLeaves.size === 0) || prevEditorState.isEmpty()) return;
      if (replaced) live.reset();
      else live.invalidate(dirtyElements);
      link.changed();
    }),
    editor.registerCommand(
      REVEAL_FINDING_COMMAND,
      (location) => revealLocation(editor, location),
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      APPLY_FINDING_FIX_COMMAND,
      (fix) => applyFix(editor, fix),
      COMMAND_PRIORITY_EDITOR,
    ),
    () => {
      scroller?.removeEventListener('scroll', repaint);
      window.removeEventListener('resize', repaint);
      cancelAnimationFrame(frame);
      clearTimeout(settle);
      cancelAnimationFrame(hoverFrame);
      clearTimeout(revealTimer);
      clearMarks();
    },
  );
}

/** The tooltip over a mark: message, and for a duplicate the twin's text and where it is. */
function MarkTooltip({ mark, x }: { mark: Mark; x: number }) {
  const i18n = useI18n();
  const { titles, storyId } = useFindings();
  const { finding } = mark.shown;
  const twins = [mark.shown.here, ...mark.shown.twins].filter((l) => l !== mark.location);
  const isDuplicate = finding.rule.startsWith('duplicate.');
  // Under the mark, or above it near the bottom of the window; set through the CSSOM (CSP allows it).
  const rect = mark.range.getBoundingClientRect();
  const below = rect.bottom + 150 < window.innerHeight;
  const place = {
    left: Math.max(8, Math.min(x - 40, window.innerWidth - 368)),
    ...(below ? { top: rect.bottom + 6 } : { bottom: window.innerHeight - rect.top + 6 }),
  };
  return (
    <div
      className={`finding-tip finding-tip-${finding.severity}`}
      role="tooltip"
      data-testid="finding-tooltip"
      data-rule={finding.rule}
      style={place}
    >
      <div className="finding-tip-message">{findingMessage(i18n, finding)}</div>
      {isDuplicate &&
        twins.slice(0, 3).map((twin, i) => (
          <div key={i} className="finding-tip-twin" data-testid="finding-tooltip-twin">
            <span className="finding-tip-where">{whereLabel(i18n, twin, storyId, titles, finding)}</span>
            <span className="finding-tip-text">“{excerpt(twin.text, 60)}”</span>
          </div>
        ))}
      {isDuplicate && twins.some((t) => t.story === storyId || titles.has(t.story)) && (
        <div className="finding-tip-hint">{i18n.t('findings.tip.clickToTwin')}</div>
      )}
    </div>
  );
}

export function FindingsPlugin() {
  const [editor] = useLexicalComposerContext();
  const { store, revealElsewhere } = useFindingsApi();
  const [hover, setHover] = useState<{ mark: Mark; x: number } | null>(null);

  useEffect(
    () =>
      registerFindings(editor, store, {
        onHover: (mark, x) => setHover(mark ? { mark, x } : null),
        revealElsewhere,
      }),
    [editor, store, revealElsewhere],
  );

  // In a portal: the body's containers use CSS containment, which would make `fixed` relative to them.
  return hover ? createPortal(<MarkTooltip mark={hover.mark} x={hover.x} />, document.body) : null;
}
