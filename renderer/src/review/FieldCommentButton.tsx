/**
 * The comment button beside a headline line (引题/主题/副题, issue 6): shows how many
 * open comments the line has and opens the comment popover for it — on the
 * selected part of the line when text is selected in it, else on the line as a
 * whole. Lives in the editor's headline block; talks to the review strip through
 * the comment hub, never to the desk itself.
 */
import { useSyncExternalStore, type RefObject } from 'react';

import { codePointOffset } from '../../../shared/text/code-points';
import { useI18n } from '../app/i18n/i18n';
import type { HeadField } from './comment-hub';
import { useCommentHub } from './ReviewContext';

export function FieldCommentButton({
  field,
  input,
}: {
  field: HeadField;
  input: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const hub = useCommentHub();
  const state = useSyncExternalStore(hub.subscribe, hub.getState);
  if (!state.openField) return null;
  const open = state.comments.filter(
    (c) => c.parentId === null && !c.resolved && c.anchor?.field === field,
  ).length;
  const label = t(`diff.field.${field}`);
  const title =
    open > 0
      ? t('comments.fieldCount', { field: label, count: open })
      : t('comments.fieldNone', { field: label });
  return (
    <button
      type="button"
      className={`field-comment ${open > 0 ? 'has-comments' : ''}`}
      data-field-comment={field}
      data-testid={`field-comment-${field}`}
      aria-label={title}
      title={title}
      // Keep the line's selection: it says which part of the line the comment is on.
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => {
        const el = input.current;
        const text = el?.value ?? '';
        const from = el?.selectionStart ?? 0;
        const to = el?.selectionEnd ?? 0;
        const selection =
          el && to > from && text.slice(from, to).trim()
            ? { start: codePointOffset(text, from), end: codePointOffset(text, to) }
            : null;
        const rect = (el ?? e.currentTarget).getBoundingClientRect();
        state.openField?.(field, text, { left: rect.left, top: rect.top, bottom: rect.bottom }, selection);
      }}
    >
      <svg className="field-comment-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M2 3h12v8H7l-3 3v-3H2z" />
      </svg>
      {open > 0 && <span className="field-comment-count">{open}</span>}
    </button>
  );
}
