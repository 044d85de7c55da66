/** One comment thread: the passage it is on, the comment, its replies, reply and resolve/reopen (issue 6). */
import { useState } from 'react';

import type { ReviewComment } from '../../../shared/review/schemas';
import { useI18n } from '../app/i18n/i18n';

export type CommentActions = {
  onReply: (text: string, parentId: string) => Promise<void>;
  onResolve: (comment: ReviewComment, resolved: boolean) => Promise<void>;
  canComment: boolean;
};

export function anchorLabel(c: ReviewComment, t: ReturnType<typeof useI18n>['t']): string | null {
  const a = c.anchor;
  if (!a || a.field === 'body') return null;
  const field = t(`diff.field.${a.field}`);
  return a.whole ? `${field}（${t('comments.wholeLine')}）` : field;
}

export function CommentThread({
  thread,
  replies,
  active = false,
  autoFocusReply = false,
  actions,
}: {
  thread: ReviewComment;
  replies: readonly ReviewComment[];
  active?: boolean;
  autoFocusReply?: boolean;
  actions: CommentActions;
}) {
  const { t } = useI18n();
  const c = thread;
  const where = anchorLabel(c, t);
  return (
    <li
      className={`comment ${c.resolved ? 'resolved' : ''} ${active ? 'active' : ''}`}
      data-testid="comment"
      data-comment-id={c.id}
      data-field={c.anchor?.field ?? 'story'}
    >
      <div className="comment-head">
        <strong>{c.name}</strong>
        {c.returnedAt && (
          <span className="tag tag-returned">
            {t('comments.returnedAt', { level: t(`level.${c.returnedAt}`) })}
          </span>
        )}
        {c.resolved && <span className="tag">{t('comments.resolved')}</span>}
        <span className="muted">{new Date(c.at).toLocaleString()}</span>
      </div>
      {c.anchor ? (
        <blockquote className={`comment-quote ${c.anchor.lost ? 'lost' : ''}`} data-testid="comment-quote">
          {where && <span className="comment-where">{where}</span>}
          {c.anchor.quote || <span className="muted">{t('comments.emptyField')}</span>}
          {c.anchor.lost && <span className="muted"> — {t('comments.lost')}</span>}
        </blockquote>
      ) : (
        <span className="muted">{t('comments.onStory')}</span>
      )}
      <p className="comment-text">{c.text}</p>
      {replies.map((r) => (
        <p key={r.id} className="comment-reply" data-testid="comment-reply">
          <strong>{r.name}</strong>：{r.text}
        </p>
      ))}
      {actions.canComment && (
        <div className="comment-actions">
          <ReplyBox autoFocus={autoFocusReply} onReply={(reply) => actions.onReply(reply, c.id)} />
          <button
            type="button"
            data-testid={c.resolved ? 'comment-reopen' : 'comment-resolve'}
            onClick={() => void actions.onResolve(c, !c.resolved)}
          >
            {c.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        </div>
      )}
    </li>
  );
}

function ReplyBox({ onReply, autoFocus }: { onReply: (text: string) => Promise<void>; autoFocus: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const send = () => {
    if (text.trim()) void onReply(text).then(() => setText(''));
  };
  return (
    <span className="comment-reply-box">
      <input
        value={text}
        autoFocus={autoFocus}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) send();
        }}
        placeholder={t('comments.reply')}
        aria-label={t('comments.reply')}
        data-testid="comment-reply-input"
      />
      <button type="button" disabled={!text.trim()} data-testid="comment-reply-send" onClick={send}>
        {t('comments.reply')}
      </button>
    </span>
  );
}
