/**
 * The review strip of the story screen (issue 6): who holds the lock (and take
 * over), status and signatures, submit / sign / return / layout with a dialog,
 * the comments on the story and on passages (marked in the body with the CSS
 * Highlight API), version history and the review record.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useCallback, useEffect, useState } from 'react';

import type { Story } from '../../../shared/model';
import { LEVEL_ROLE, hasRole, isEditor } from '../../../shared/review/roles';
import type { ReviewComment } from '../../../shared/review/schemas';
import { awaitingLevel } from '../../../shared/review/workflow';
import { describeError } from '../app/describe-error';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { useI18n } from '../app/i18n/i18n';
import { desk } from '../platform/desk-client';
import { AuditDialog } from './AuditDialog';
import { blockRange, bodySelection, type BodySelection } from './body-selection';
import { HistoryDialog } from './HistoryDialog';
import { useReviewUsers } from './ReviewContext';
import type { StoryLock } from './use-story-lock';
import './review.css';

type Props = {
  storyId: string;
  /** The editor's copy of the story's rev: a save re-reads the review data. */
  rev: number;
  lock: StoryLock;
  /** The screen's read-only state: the body editor follows it when the lock changes hands. */
  readOnly: boolean;
  /** Saves what the editor holds (before a restore replaces it). */
  flush: () => Promise<boolean>;
};

type Act = { action: 'sign' | 'return' | 'submit' | 'layout'; selection: BodySelection | null };

export function StoryReview({ storyId, rev, lock, readOnly, flush }: Props) {
  const [editor] = useLexicalComposerContext();
  // The composer reads `editable` once at mount; the lock's answer arrives after it.
  useEffect(() => {
    if (editor.isEditable() === readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);
  const i18n = useI18n();
  const { t } = i18n;
  const { showError, toast } = useFeedback();
  const { current, version, changed } = useReviewUsers();
  const [story, setStory] = useState<Story | null>(null);
  const [act, setAct] = useState<Act | null>(null);
  const [comment, setComment] = useState('');
  const [actError, setActError] = useState<string | null>(null);
  const [panel, setPanel] = useState<'history' | 'audit' | null>(null);
  /** Null: shown when the story has comments; the toggle decides after that. */
  const [showComments, setShowComments] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    desk['stories.get']({ id: storyId }).then(
      (s) => live && setStory(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [storyId, rev, version]);

  const comments = story?.comments ?? [];
  useCommentMarks(comments);
  const commentsShown = showComments ?? comments.length > 0;

  const run = async () => {
    if (!act || !story) return;
    setActError(null);
    try {
      await flush();
      const latest = await desk['stories.get']({ id: storyId });
      const sel = act.selection;
      const next = await desk['review.act']({
        id: storyId,
        action: act.action,
        baseRev: latest.rev,
        ...(act.action === 'return' ? { comment } : {}),
        ...(act.action === 'return' && sel ? { anchor: { field: 'body' as const, block: sel.block, start: sel.start, end: sel.end } } : {}),
      });
      setStory(next);
      setAct(null);
      setComment('');
      changed();
      if (act.action === 'sign') {
        const signed = next.signatures?.at(-1);
        toast(t('review.signed', { level: signed ? t(`level.${signed.level}`) : '' }));
      } else if (act.action === 'return') toast(t('review.returned'));
      else toast(t('review.done'));
    } catch (err) {
      setActError(describeError(err, i18n).message);
    }
  };

  const open = (action: Act['action']) => {
    setActError(null);
    setComment('');
    setAct({ action, selection: action === 'return' ? bodySelection() : null });
  };

  const addComment = async (text: string, parentId?: string) => {
    const sel = parentId ? null : bodySelection();
    try {
      const next = await desk['comments.add']({
        id: storyId,
        text,
        ...(parentId ? { parentId } : {}),
        ...(sel ? { anchor: { field: 'body' as const, block: sel.block, start: sel.start, end: sel.end } } : {}),
      });
      setStory(next);
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const setResolved = async (c: ReviewComment, resolved: boolean) => {
    try {
      setStory(await desk[resolved ? 'comments.resolve' : 'comments.reopen']({ id: storyId, commentId: c.id }));
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const restore = useCallback(
    async (rev: number) => {
      try {
        await flush();
        await desk['history.restore']({ id: storyId, rev });
        setPanel(null);
        toast(t('history.restored', { rev }));
        changed();
        lock.reload();
      } catch (err) {
        showError(err, 'safe.nothingChanged');
      }
    },
    [storyId, flush, toast, t, changed, lock, showError],
  );

  if (!story) return null;
  const level = awaitingLevel(story.status);
  const reviewLevel = level ?? (story.status === 'approved' ? 'final' : null);
  const holder = lock.view?.holder;

  return (
    <div className="review-strip" data-testid="review-strip" data-status={story.status}>
      {lock.reason === 'lock' && holder && (
        <div className="review-lock" role="status" data-testid="lock-banner">
          <strong data-testid="lock-holder">{t('lock.heldBy', { name: holder.name })}</strong>
          <span>{t('lock.readOnly', { name: holder.name })}</span>
          {isEditor(current) && (
            <button
              type="button"
              data-testid="lock-takeover"
              onClick={() =>
                void lock.takeOver().then(
                  () => toast(t('lock.takenOver')),
                  (err: unknown) => showError(err, 'safe.nothingChanged'),
                )
              }
            >
              {t('lock.takeOver')}
            </button>
          )}
        </div>
      )}
      {lock.reason === 'workflow' && (
        <div className="review-lock" data-testid="workflow-readonly">
          {t('lock.workflow')}
        </div>
      )}
      <div className="review-bar">
        <span className={`review-status status-${story.status}`} data-testid="review-status">
          {t(`status.${story.status}`)}
        </span>
        <span className="review-signatures" data-testid="review-signatures">
          {(story.signatures ?? []).map((s) => (
            <span key={s.level} className="tag tag-signed">
              {t('review.signedBy', { level: t(`level.${s.level}`), name: s.name, rev: s.rev })}
            </span>
          ))}
        </span>
        <span className="list-spacer" />
        {(story.status === 'draft' || story.status === 'returned') && (
          <button type="button" data-testid="review-submit" onClick={() => open('submit')}>
            {t('review.submit')}
          </button>
        )}
        {level && hasRole(current, LEVEL_ROLE[level]) && (
          <button type="button" className="primary" data-testid="review-sign" onClick={() => open('sign')}>
            {t('review.sign', { level: t(`level.${level}`) })}
          </button>
        )}
        {reviewLevel && hasRole(current, LEVEL_ROLE[reviewLevel]) && (
          <button type="button" className="danger" data-testid="review-return" onClick={() => open('return')}>
            {t('review.return')}
          </button>
        )}
        {story.status === 'approved' && (isEditor(current) || hasRole(current, 'admin')) && (
          <button type="button" data-testid="review-layout" onClick={() => open('layout')}>
            {t('review.layout')}
          </button>
        )}
        <button type="button" data-testid="comments-toggle" aria-pressed={commentsShown} onClick={() => setShowComments(!commentsShown)}>
          {t('review.comments')} {comments.filter((c) => !c.resolved).length || ''}
        </button>
        <button type="button" data-testid="history-open" onClick={() => setPanel('history')}>
          {t('review.history')}
        </button>
        <button type="button" data-testid="audit-open" onClick={() => setPanel('audit')}>
          {t('review.audit')}
        </button>
      </div>
      {commentsShown && (
        <CommentsPanel comments={comments} onAdd={addComment} onResolve={setResolved} canComment={current !== null} />
      )}
      {act && (
        <Dialog
          title={
            act.action === 'sign'
              ? t('review.signTitle', { level: level ? t(`level.${level}`) : '' })
              : act.action === 'return'
                ? t('review.returnTitle')
                : act.action === 'submit'
                  ? t('review.submit')
                  : t('review.layout')
          }
          onClose={() => setAct(null)}
          testId="review-dialog"
          footer={
            <>
              <button type="button" onClick={() => setAct(null)} data-testid="review-cancel">
                {t('review.cancel')}
              </button>
              <button
                type="button"
                className={act.action === 'return' ? 'danger solid' : 'primary'}
                data-testid="review-confirm"
                onClick={() => void run()}
              >
                {act.action === 'sign'
                  ? t('review.signConfirm')
                  : act.action === 'return'
                    ? t('review.returnConfirm')
                    : act.action === 'submit'
                      ? t('review.submit')
                      : t('review.layout')}
              </button>
            </>
          }
        >
          {act.action === 'sign' && (
            <p>{t('review.signBody', { name: current?.name ?? '', rev: story.contentRev ?? story.rev })}</p>
          )}
          {act.action === 'return' && (
            <>
              <p>{t('review.returnBody')}</p>
              {act.selection && <blockquote className="review-quote">{t('review.quote', { quote: act.selection.quote })}</blockquote>}
              <textarea
                className="review-comment-input"
                data-testid="review-comment"
                placeholder={t('review.commentPlaceholder')}
                value={comment}
                rows={4}
                onChange={(e) => setComment(e.target.value)}
              />
            </>
          )}
          {actError && (
            <p className="review-error" role="alert" data-testid="review-error">
              {actError}
            </p>
          )}
        </Dialog>
      )}
      {panel === 'history' && (
        <HistoryDialog storyId={storyId} readOnly={lock.readOnly} onClose={() => setPanel(null)} onRestore={restore} />
      )}
      {panel === 'audit' && <AuditDialog storyId={storyId} onClose={() => setPanel(null)} />}
    </div>
  );
}

function CommentsPanel({
  comments,
  onAdd,
  onResolve,
  canComment,
}: {
  comments: ReviewComment[];
  onAdd: (text: string, parentId?: string) => Promise<void>;
  onResolve: (c: ReviewComment, resolved: boolean) => Promise<void>;
  canComment: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [active, setActive] = useState<string | null>(null);
  const threads = comments.filter((c) => c.parentId === null);

  // A caret inside a commented passage points at its comment.
  useEffect(() => {
    const onSelection = () => {
      const sel = bodySelectionOrCaret();
      if (!sel) return;
      const hit = comments.find(
        (c) => c.anchor && !c.anchor.lost && c.anchor.field === 'body' && c.anchor.block === sel.block && sel.start >= c.anchor.start && sel.start <= c.anchor.end,
      );
      setActive(hit?.id ?? null);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [comments]);

  return (
    <section className="comments" data-testid="comments-panel" aria-label={t('comments.title')}>
      {threads.length === 0 && <p className="muted">{t('comments.none')}</p>}
      <ul className="comment-threads">
        {threads.map((c) => (
          <li key={c.id} className={`comment ${c.resolved ? 'resolved' : ''} ${active === c.id ? 'active' : ''}`} data-testid="comment" data-comment-id={c.id}>
            <div className="comment-head">
              <strong>{c.name}</strong>
              {c.returnedAt && <span className="tag tag-returned">{t('comments.returnedAt', { level: t(`level.${c.returnedAt}`) })}</span>}
              {c.resolved && <span className="tag">{t('comments.resolved')}</span>}
              <span className="muted">{new Date(c.at).toLocaleString()}</span>
            </div>
            {c.anchor ? (
              <blockquote className={`comment-quote ${c.anchor.lost ? 'lost' : ''}`} data-testid="comment-quote">
                {c.anchor.quote}
                {c.anchor.lost && <span className="muted"> — {t('comments.lost')}</span>}
              </blockquote>
            ) : (
              <span className="muted">{t('comments.onStory')}</span>
            )}
            <p className="comment-text">{c.text}</p>
            {comments
              .filter((r) => r.parentId === c.id)
              .map((r) => (
                <p key={r.id} className="comment-reply" data-testid="comment-reply">
                  <strong>{r.name}</strong>：{r.text}
                </p>
              ))}
            {canComment && (
              <div className="comment-actions">
                <ReplyBox onReply={(reply) => onAdd(reply, c.id)} />
                <button type="button" data-testid={c.resolved ? 'comment-reopen' : 'comment-resolve'} onClick={() => void onResolve(c, !c.resolved)}>
                  {c.resolved ? t('comments.reopen') : t('comments.resolve')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {canComment && (
        <div className="comment-new">
          <textarea
            data-testid="comment-input"
            rows={2}
            placeholder={t('review.commentSelection')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button
            type="button"
            data-testid="comment-add"
            disabled={!text.trim()}
            onMouseDown={(e) => e.preventDefault() /* keep the body selection */}
            onClick={() => void onAdd(text).then(() => setText(''))}
          >
            {t('comments.add')}
          </button>
        </div>
      )}
    </section>
  );
}

function ReplyBox({ onReply }: { onReply: (text: string) => Promise<void> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <span className="comment-reply-box">
      <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('comments.reply')} data-testid="comment-reply-input" />
      <button type="button" disabled={!text.trim()} data-testid="comment-reply-send" onClick={() => void onReply(text).then(() => setText(''))}>
        {t('comments.reply')}
      </button>
    </span>
  );
}

function bodySelectionOrCaret(): { block: number; start: number } | null {
  const sel = bodySelection();
  if (sel) return sel;
  const s = window.getSelection();
  if (!s || s.rangeCount === 0) return null;
  const root = document.querySelector('[data-testid="story-screen"] [data-lexical-editor="true"]');
  if (!root || !root.contains(s.anchorNode)) return null;
  let el: Node | null = s.anchorNode;
  while (el && el.parentNode !== root) el = el.parentNode;
  if (!el) return null;
  const block = Array.prototype.indexOf.call(root.children, el) as number;
  const range = document.createRange();
  range.setStart(el, 0);
  range.setEnd(s.anchorNode!, s.anchorOffset);
  return { block, start: Array.from(range.toString()).length };
}

/** Marks anchored, open comments in the body; redrawn as the body changes. */
function useCommentMarks(comments: ReviewComment[]) {
  useEffect(() => {
    const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
    const HighlightCtor = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
    if (!registry || !HighlightCtor) return;
    const draw = () => {
      const ranges = comments
        .filter((c) => c.anchor && !c.anchor.lost && !c.resolved && c.anchor.field === 'body')
        .map((c) => blockRange(c.anchor!.block, c.anchor!.start, c.anchor!.end))
        .filter((r): r is Range => r !== null);
      registry.set('review-comment', new HighlightCtor(...ranges));
    };
    draw();
    const root = document.querySelector('[data-testid="story-screen"] [data-lexical-editor="true"]');
    const observer = new MutationObserver(() => draw());
    if (root) observer.observe(root, { subtree: true, characterData: true, childList: true });
    return () => {
      observer.disconnect();
      registry.delete('review-comment');
    };
  }, [comments]);
}

