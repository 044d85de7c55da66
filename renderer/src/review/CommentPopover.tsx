/**
 * The comment popover on the text itself (issue 6): the threads of a marked body
 * passage (opened by a click or the caret arriving there), a new comment on the
 * selected passage, or the comments of a headline line. Non-modal: the body keeps
 * its caret; Escape or the close button shut it. In a portal, placed through the
 * CSSOM (CSP allows it; style attributes in markup it would not), because the
 * body's containers use CSS containment, which would make `fixed` relative to them.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

import type { AnchorInput } from '../../../shared/review/review-contract';
import type { ReviewComment } from '../../../shared/review/schemas';
import { sliceCodePoints } from '../../../shared/text/code-points';
import { useI18n } from '../app/i18n/i18n';
import type { BodyPassage } from './body-passages';
import type { HeadField, ScreenBox } from './comment-hub';
import { CommentThread, type CommentActions } from './CommentThread';

export type PopoverTarget =
  | { kind: 'threads'; ids: readonly string[]; box: ScreenBox; focus: boolean }
  | { kind: 'new'; passage: BodyPassage; box: ScreenBox }
  | {
      kind: 'field';
      field: HeadField;
      /** The line as it read when the button was pressed, and the selected part (code points), if any. */
      text: string;
      selection: { start: number; end: number } | null;
      box: ScreenBox;
    };

const WIDTH = 360;

function place(box: ScreenBox): { left: number; top?: number; bottom?: number } {
  const left = Math.max(8, Math.min(box.left, window.innerWidth - WIDTH - 8));
  // Below the passage, or above it when the window has no room under it.
  return box.bottom + 280 < window.innerHeight
    ? { left, top: box.bottom + 6 }
    : { left, bottom: Math.max(8, window.innerHeight - box.top + 6) };
}

export function CommentPopover({
  target,
  comments,
  actions,
  onAdd,
  onClose,
}: {
  target: PopoverTarget;
  comments: readonly ReviewComment[];
  actions: CommentActions;
  onAdd: (text: string, anchor: AnchorInput) => Promise<void>;
  onClose: (refocus: boolean) => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        onClose(true);
      }
    };
    // A press outside the popover and outside the text it belongs to closes it.
    const onDown = (event: MouseEvent) => {
      const el = event.target as Node;
      if (ref.current?.contains(el)) return;
      if (el instanceof Element && el.closest('[data-lexical-editor="true"], [data-field-comment]')) return;
      onClose(false);
    };
    // Placed once on the screen: when the text scrolls away under it, it goes (unless someone is typing in it).
    const onScroll = (event: Event) => {
      if (ref.current?.contains(event.target as Node) || ref.current?.contains(document.activeElement))
        return;
      onClose(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [onClose]);

  const threads =
    target.kind === 'threads'
      ? comments.filter((c) => target.ids.includes(c.id))
      : target.kind === 'field'
        ? comments.filter((c) => c.parentId === null && c.anchor?.field === target.field)
        : [];

  let anchor: AnchorInput | null = null;
  let quote: string | null = null;
  if (target.kind === 'new') {
    anchor = {
      field: 'body',
      block: target.passage.block,
      start: target.passage.start,
      end: target.passage.end,
    };
    quote = t('comments.selectionQuote', { quote: target.passage.quote });
  } else if (target.kind === 'field') {
    const field = t(`diff.field.${target.field}`);
    const sel = target.selection;
    anchor = sel
      ? { field: target.field, block: 0, start: sel.start, end: sel.end }
      : { field: target.field, block: 0, start: 0, end: 0, whole: true };
    quote = sel
      ? t('comments.fieldQuote', { field, quote: sliceCodePoints(target.text, sel.start, sel.end) })
      : `${field}（${t('comments.wholeLine')}）`;
  }

  const send = () => {
    if (!anchor || !text.trim()) return;
    void onAdd(text, anchor).then(() => setText(''));
  };

  return createPortal(
    <div
      ref={ref}
      className="comment-popover"
      role="dialog"
      aria-label={t('comments.popover')}
      data-testid="comment-popover"
      data-kind={target.kind}
      style={place(target.box)}
    >
      <div className="comment-popover-head">
        <strong>
          {target.kind === 'field'
            ? t('comments.onField', { field: t(`diff.field.${target.field}`) })
            : t('comments.popover')}
        </strong>
        <button
          type="button"
          className="comment-popover-close"
          aria-label={t('comments.close')}
          title={t('comments.close')}
          data-testid="comment-popover-close"
          onClick={() => onClose(true)}
        >
          ×
        </button>
      </div>
      {threads.length > 0 && (
        <ul className="comment-threads">
          {threads.map((c, i) => (
            <CommentThread
              key={c.id}
              thread={c}
              replies={comments.filter((r) => r.parentId === c.id)}
              autoFocusReply={target.kind === 'threads' && target.focus && i === 0}
              actions={actions}
            />
          ))}
        </ul>
      )}
      {anchor && actions.canComment && (
        <div className="comment-popover-new">
          {quote && <blockquote className="comment-quote">{quote}</blockquote>}
          <textarea
            data-testid="comment-popover-input"
            rows={3}
            autoFocus
            placeholder={t('comments.newPlaceholder')}
            aria-label={t('comments.newPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
            }}
          />
          <div className="comment-popover-actions">
            <button type="button" onClick={() => onClose(true)}>
              {t('review.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="comment-popover-send"
              disabled={!text.trim()}
              onClick={send}
            >
              {t('comments.send')}
            </button>
          </div>
        </div>
      )}
    </div>,
    document.body,
  );
}
