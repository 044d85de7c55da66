/**
 * The review strip of the story screen (issue 6): who holds the lock (and take
 * over), status and signatures, submit / sign / return / layout with a dialog,
 * the comments on the story and on passages (marked in the body with the CSS
 * Highlight API), version history and the review record.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';

import { bodyPlainText, type Story } from '../../../shared/model';
import type { FindingCounts, Signature } from '../../../shared/review/schemas';
import { countText } from '../../../shared/text/counts';
import { LEVEL_ROLE, hasRole, isEditor, type UserProfile } from '../../../shared/review/roles';
import type { ReviewComment } from '../../../shared/review/schemas';
import { awaitingLevel, factsOf, nobodyToSign, transition } from '../../../shared/review/workflow';
import { describeError } from '../app/describe-error';
import { useNeedsServer } from '../checkout/use-needs-server';
import { Dialog } from '../app/Dialog';
import { useFeedback } from '../app/feedback';
import { isMessageKey, useI18n } from '../app/i18n/i18n';
import { storyStatus, useStoryStatus } from '../desk/story-status';
import { useFindings } from '../editor/findings/FindingsContext';
import { desk } from '../platform/desk-client';
import { AuditDialog } from './AuditDialog';
import type { AnchorInput } from '../../../shared/review/review-contract';
import { $bodySelection, type BodyPassage } from './body-passages';
import type { HeadField, ScreenBox } from './comment-hub';
import { CommentMarksPlugin, selectionBox, type CommentMarksHooks } from './CommentMarksPlugin';
import { CommentPopover, type PopoverTarget } from './CommentPopover';
import { CommentThread, type CommentActions } from './CommentThread';
import { HistoryDialog } from './HistoryDialog';
import { LockNotice } from './LockNotice';
import { useCommentHub, useReviewUsers } from './ReviewContext';
import { stuckText } from './stuck-text';
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
  /** The 修改已签稿件 step (issue 19): the screen keeps a signed story read-only until it is taken. */
  signedEdit: SignedEdit;
};

/** What StoryScreen holds of the 修改已签稿件 step. */
export type SignedEdit = {
  /** True once the editor chose to change the signed text. */
  open: boolean;
  /** The open story's save state (a hook): cancelling is offered while nothing is unsaved. */
  useSaveState: () => string;
  /** Tells the screen whether an edit by this person would clear signatures now. */
  report: (clears: boolean) => void;
  start: () => void;
  cancel: () => void;
};

/** What the submit dialog shows and the desk keeps with the submission. */
type SubmitSummary = { chars: number; photos: number; findings: FindingCounts; checking: boolean };

type Act = {
  action: 'sign' | 'return' | 'submit' | 'layout' | 'signed-edit';
  selection: BodyPassage | null;
  summary?: SubmitSummary;
};

export function StoryReview({ storyId, rev, lock, readOnly, flush, signedEdit }: Props) {
  const [editor] = useLexicalComposerContext();
  // The composer reads `editable` once at mount; the lock's answer arrives after it.
  useEffect(() => {
    if (editor.isEditable() === readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);
  const i18n = useI18n();
  const { t } = i18n;
  const needsServer = useNeedsServer();
  const { showError, toast } = useFeedback();
  const { current, users, version, changed } = useReviewUsers();
  const findings = useFindings();
  const [story, setStoryState] = useState<Story | null>(null);
  /** Every Story the desk answers with goes to the renderer's one status store too. */
  const setStory = useCallback((next: Story) => {
    storyStatus.fromStory(next);
    setStoryState(next);
  }, []);
  // The status store may hear of a newer revision first (a save here, another window): re-read then.
  const live = useStoryStatus(storyId);
  const liveRev = live?.revision ?? 0;
  // A signature or a return elsewhere moves the status without a new text revision (the newsroom's).
  const liveStatus = live?.status ?? null;
  const [note, setNote] = useState('');
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
  }, [storyId, rev, version, liveRev, liveStatus, setStory]);

  const comments = useMemo(() => story?.comments ?? [], [story]);
  const commentsShown = showComments ?? comments.length > 0;
  /** The passage selected in the body (kept while the page's focus is in a panel). */
  const [passage, setPassage] = useState<BodyPassage | null>(null);
  /** Where to offer "comment" beside a fresh selection in the body. */
  const [offer, setOffer] = useState<ScreenBox | null>(null);
  const [pop, setPop] = useState<PopoverTarget | null>(null);
  const hub = useCommentHub();

  /** The passage selected now (read from the editor, not waiting for the marks' pause). */
  const selectedPassage = (): BodyPassage | null => {
    const sel = editor.getEditorState().read(() => $bodySelection());
    return sel && 'passage' in sel ? sel.passage : passage;
  };

  const closePopover = useCallback(
    (refocus: boolean) => {
      setPop(null);
      if (refocus) editor.focus();
    },
    [editor],
  );

  const markHooks: CommentMarksHooks = {
    onPassage: (next, box) => {
      setPassage(next);
      setOffer(next && box ? box : null);
    },
    onSelectionLeft: () => setOffer(null),
    onCaret: (ids, box, forced) => {
      setPop((open) => {
        if (ids.length === 0 || !box) {
          // The caret left the passage: a thread popover goes (unless someone is typing in it).
          const typing = document.activeElement?.closest('.comment-popover');
          return open?.kind === 'threads' && !typing ? null : open;
        }
        if (!forced && open?.kind === 'threads' && open.ids.join() === ids.join()) return open;
        return { kind: 'threads', ids, box, focus: false };
      });
    },
    onShortcut: () => {
      const sel = editor.getEditorState().read(() => $bodySelection());
      const box = selectionBox();
      if (sel && 'passage' in sel && box) setPop({ kind: 'new', passage: sel.passage, box });
      else setPop((open) => (open?.kind === 'threads' ? { ...open, focus: true } : open));
    },
  };

  // The headline lines' comment buttons open the popover through the hub.
  useEffect(() => {
    hub.set({
      storyId,
      comments,
      openField: (
        field: HeadField,
        text: string,
        box: ScreenBox,
        selection: { start: number; end: number } | null,
      ) => setPop({ kind: 'field', field, text, selection, box }),
    });
  }, [hub, storyId, comments]);
  useEffect(() => () => hub.clear(storyId), [hub, storyId]);

  const run = async () => {
    if (!act || !story) return;
    setActError(null);
    try {
      await flush();
      const latest = await desk['stories.get']({ id: storyId });
      const sel = act.selection;
      if (act.action === 'signed-edit') return;
      const next = await desk['review.act']({
        id: storyId,
        action: act.action,
        baseRev: latest.rev,
        ...(act.action === 'submit' && act.summary
          ? { note: note.trim(), findings: act.summary.findings }
          : {}),
        ...(act.action === 'return' ? { comment } : {}),
        ...(act.action === 'return' && sel
          ? { anchor: { field: 'body' as const, block: sel.block, start: sel.start, end: sel.end } }
          : {}),
      });
      setStory(next);
      setAct(null);
      setComment('');
      setNote('');
      changed();
      // Signed or returned: this person is done with the text, so its lock goes back to the desk
      // (the next edit takes it again) instead of keeping others out until the story closes.
      if (act.action === 'sign' || act.action === 'return') lock.release();
      if (act.action === 'sign') {
        const signed = next.signatures?.at(-1);
        toast(t('review.signed', { level: signed ? t(`level.${signed.level}`) : '' }));
      } else if (act.action === 'return') toast(t('review.returned'));
      else toast(t('review.done'));
    } catch (err) {
      setActError(describeError(err, i18n).message);
    }
  };

  const open = async (action: Act['action']) => {
    setActError(null);
    setComment('');
    if (action !== 'submit') {
      setAct({ action, selection: action === 'return' ? selectedPassage() : null });
      return;
    }
    // The summary is of the text as it will be submitted: what the editor holds, saved first.
    await flush();
    const latest = await desk['stories.get']({ id: storyId }).catch(() => story);
    if (!latest) return;
    const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
    for (const f of findings.open) counts[f.finding.severity]++;
    setAct({
      action,
      selection: null,
      summary: {
        chars: countText(bodyPlainText(latest.body)).wordStyle,
        photos: latest.photos.length,
        findings: counts,
        checking: findings.status === 'checking',
      },
    });
  };

  const addComment = async (text: string, opts: { parentId?: string; anchor?: AnchorInput | null } = {}) => {
    try {
      const next = await desk['comments.add']({
        id: storyId,
        text,
        ...(opts.parentId ? { parentId: opts.parentId } : {}),
        ...(opts.anchor ? { anchor: opts.anchor } : {}),
      });
      setStory(next);
      changed();
    } catch (err) {
      showError(err, 'safe.nothingChanged');
      throw err;
    }
  };

  const setResolved = async (c: ReviewComment, resolved: boolean) => {
    try {
      setStory(
        await desk[resolved ? 'comments.resolve' : 'comments.reopen']({ id: storyId, commentId: c.id }),
      );
      changed();
    } catch (err) {
      showError(err, 'safe.nothingChanged');
    }
  };

  const restore = useCallback(
    async (rev: number) => {
      try {
        await flush();
        storyStatus.fromStory(await desk['history.restore']({ id: storyId, rev }));
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

  const actions: CommentActions = {
    onReply: (text, parentId) => addComment(text, { parentId }),
    onResolve: setResolved,
    canComment: current !== null,
  };

  // Would a change of the text by this person clear signatures? Then it waits for 修改已签稿件.
  // The workflow's own rule, asked before the action (nothing is changed by asking).
  const ask = (s: Story, actor: UserProfile, action: 'edit' | 'sign') =>
    transition({
      state: { status: s.status, signatures: s.signatures ?? [] },
      facts: factsOf(s),
      actor,
      action,
      rev: s.contentRev ?? s.rev,
      at: '',
    });
  const editCheck = story && current && !lock.readOnly ? ask(story, current, 'edit') : null;
  const cleared: Signature[] = editCheck?.ok ? (editCheck.event?.cleared ?? []) : [];
  const editClears = cleared.length > 0;
  const { report } = signedEdit;
  useEffect(() => report(editClears), [report, editClears]);

  if (!story) return null;
  const level = awaitingLevel(story.status);
  const stuck = level
    ? nobodyToSign({ status: story.status, signatures: story.signatures ?? [] }, factsOf(story), users)
    : null;
  const clearedLevels = cleared.map((s) => t(`level.${s.level}`)).join('、');
  // The workflow's own rule, asked before the click: who wrote the story or signed another level sees why not.
  const signCheck = level && current ? ask(story, current, 'sign') : null;
  const signRefusal = signCheck && !signCheck.ok ? signCheck.refusal : null;
  // Offline (issue 18): signing, submitting, returning and layout need the newsroom; each says so.
  const offline = needsServer;
  const signReason = offline
    ? null
    : signRefusal
      ? isMessageKey(signRefusal.key)
        ? t(signRefusal.key, signRefusal.params)
        : signRefusal.message
      : null;
  const reviewLevel = level ?? (story.status === 'approved' ? 'final' : null);

  return (
    <div className="review-strip" data-testid="review-strip" data-status={story.status}>
      <LockNotice lock={lock} />
      {lock.reason === 'workflow' && (
        <div className="review-lock" data-testid="workflow-readonly">
          {t('lock.workflow')}
        </div>
      )}
      <div className="review-bar">
        <span className={`review-status status-${story.status}`} data-testid="review-status">
          {t(`status.${live?.status ?? story.status}`)}
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
          <button
            type="button"
            data-testid="review-submit"
            aria-disabled={offline ? true : undefined}
            aria-describedby={offline ? 'review-offline-reason' : undefined}
            onClick={() => offline === null && void open('submit')}
          >
            {t('review.submit')}
          </button>
        )}
        {level && hasRole(current, LEVEL_ROLE[level]) && (
          <button
            type="button"
            className="primary"
            data-testid="review-sign"
            // aria-disabled, not disabled: the button stays reachable by Tab, its reason read with it.
            aria-disabled={signReason !== null || offline !== null}
            aria-describedby={
              signReason ? 'review-sign-reason' : offline ? 'review-offline-reason' : undefined
            }
            title={signReason ?? offline ?? undefined}
            onClick={() => signReason === null && offline === null && void open('sign')}
          >
            {t('review.sign', { level: t(`level.${level}`) })}
          </button>
        )}
        {level && hasRole(current, LEVEL_ROLE[level]) && signReason && (
          <span className="review-reason" id="review-sign-reason" data-testid="review-sign-reason">
            {signReason}
          </span>
        )}
        {reviewLevel && hasRole(current, LEVEL_ROLE[reviewLevel]) && (
          <button
            type="button"
            className="danger"
            data-testid="review-return"
            aria-disabled={offline ? true : undefined}
            aria-describedby={offline ? 'review-offline-reason' : undefined}
            onClick={() => offline === null && void open('return')}
          >
            {t('review.return')}
          </button>
        )}
        {story.status === 'approved' && (isEditor(current) || hasRole(current, 'admin')) && (
          <button
            type="button"
            data-testid="review-layout"
            aria-disabled={offline ? true : undefined}
            aria-describedby={offline ? 'review-offline-reason' : undefined}
            onClick={() => offline === null && void open('layout')}
          >
            {t('review.layout')}
          </button>
        )}
        {offline && (
          <span className="review-reason" id="review-offline-reason" data-testid="review-offline-reason">
            {offline}
          </span>
        )}
        <button
          type="button"
          data-testid="comments-toggle"
          aria-pressed={commentsShown}
          onClick={() => setShowComments(!commentsShown)}
        >
          {t('review.comments')} {comments.filter((c) => c.parentId === null && !c.resolved).length || ''}
        </button>
        <button type="button" data-testid="history-open" onClick={() => setPanel('history')}>
          {t('review.history')}
        </button>
        <button type="button" data-testid="audit-open" onClick={() => setPanel('audit')}>
          {t('review.audit')}
        </button>
      </div>
      {stuck && (
        <div className="review-stuck" role="status" data-testid="review-stuck">
          {stuckText(stuck, i18n)}
        </div>
      )}
      {editClears && !signedEdit.open && (
        <div className="review-signed-edit" data-testid="signed-edit-gate">
          <span id="signed-edit-note">{t('review.signedEditNote', { levels: clearedLevels })}</span>
          <button
            type="button"
            data-testid="signed-edit-start"
            aria-describedby="signed-edit-note"
            onClick={() => void open('signed-edit')}
          >
            {t('review.signedEdit')}
          </button>
        </div>
      )}
      {editClears && signedEdit.open && (
        <div className="review-signed-edit open" role="status" data-testid="signed-edit-open">
          <span>{t('review.signedEditOpen', { levels: clearedLevels })}</span>
          <CancelSignedEdit edit={signedEdit} />
        </div>
      )}
      <CommentMarksPlugin
        comments={comments}
        activeIds={pop?.kind === 'threads' ? pop.ids : []}
        hooks={markHooks}
      />
      {commentsShown && (
        <CommentsPanel
          comments={comments}
          passage={passage}
          activeIds={pop?.kind === 'threads' ? pop.ids : []}
          onAdd={(text) => {
            const sel = selectedPassage();
            return addComment(text, {
              anchor: sel && { field: 'body', block: sel.block, start: sel.start, end: sel.end },
            });
          }}
          actions={actions}
        />
      )}
      {offer && passage && !pop && current && (
        <OfferButton box={offer} onOpen={() => setPop({ kind: 'new', passage, box: offer })} />
      )}
      {pop && (
        <CommentPopover
          // Remounted when the shortcut asks for the keyboard, so the reply box takes focus.
          key={pop.kind === 'threads' && pop.focus ? 'focus' : pop.kind}
          target={pop}
          comments={comments}
          actions={actions}
          onAdd={async (text, anchor) => {
            await addComment(text, { anchor });
            setPop(null);
            setOffer(null);
          }}
          onClose={closePopover}
        />
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
                  : act.action === 'signed-edit'
                    ? t('review.signedEditTitle')
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
                onClick={() => {
                  if (act.action !== 'signed-edit') return void run();
                  setAct(null);
                  signedEdit.start();
                  editor.focus();
                }}
              >
                {act.action === 'sign'
                  ? t('review.signConfirm')
                  : act.action === 'return'
                    ? t('review.returnConfirm')
                    : act.action === 'submit'
                      ? t('review.submit')
                      : act.action === 'signed-edit'
                        ? t('review.signedEditConfirm')
                        : t('review.layout')}
              </button>
            </>
          }
        >
          {act.action === 'sign' && (
            <p data-testid="sign-rev" data-rev={live?.revision ?? story.rev}>
              {t('review.signBody', { name: current?.name ?? '', rev: live?.revision ?? story.rev })}
            </p>
          )}
          {act.action === 'signed-edit' && (
            <p data-testid="signed-edit-body">
              {t('review.signedEditBody', {
                list: cleared
                  .map((s) =>
                    t('review.signedBy', { level: t(`level.${s.level}`), name: s.name, rev: s.rev }),
                  )
                  .join('、'),
                status: t(`status.${editCheck?.ok ? editCheck.state.status : story.status}`),
              })}
            </p>
          )}
          {act.action === 'submit' && act.summary && (
            <>
              <section
                className="review-summary"
                data-testid="submit-summary"
                aria-label={t('review.submitSummary')}
              >
                <span data-testid="submit-chars">
                  {t('review.submitChars', { count: act.summary.chars })}
                </span>
                <span data-testid="submit-photos">
                  {t('review.submitPhotos', { count: act.summary.photos })}
                </span>
                <span data-testid="submit-findings">{t('review.submitFindings', act.summary.findings)}</span>
                {act.summary.checking && <span className="muted">{t('review.submitFindingsChecking')}</span>}
              </section>
              <label className="review-note-label">
                {t('review.submitNote')}
                <textarea
                  className="review-comment-input"
                  data-testid="review-note"
                  placeholder={t('review.submitNotePlaceholder')}
                  value={note}
                  maxLength={2000}
                  rows={3}
                  onChange={(e) => setNote(e.target.value)}
                />
              </label>
            </>
          )}
          {act.action === 'return' && (
            <>
              <p>{t('review.returnBody')}</p>
              {act.selection && (
                <blockquote className="review-quote">
                  {t('review.quote', { quote: act.selection.quote })}
                </blockquote>
              )}
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
        <HistoryDialog
          storyId={storyId}
          readOnly={lock.readOnly}
          onClose={() => setPanel(null)}
          onRestore={restore}
          onResolved={(resolved) => {
            storyStatus.fromStory(resolved);
            changed();
            lock.reload();
          }}
        />
      )}
      {panel === 'audit' && (
        <AuditDialog storyId={storyId} page={story.page} onClose={() => setPanel(null)} />
      )}
    </div>
  );
}

function CommentsPanel({
  comments,
  passage,
  activeIds,
  onAdd,
  actions,
}: {
  comments: readonly ReviewComment[];
  passage: BodyPassage | null;
  activeIds: readonly string[];
  onAdd: (text: string) => Promise<void>;
  actions: CommentActions;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const threads = comments.filter((c) => c.parentId === null);
  return (
    <section className="comments" data-testid="comments-panel" aria-label={t('comments.title')}>
      {threads.length === 0 && <p className="muted">{t('comments.none')}</p>}
      <ul className="comment-threads">
        {threads.map((c) => (
          <CommentThread
            key={c.id}
            thread={c}
            replies={comments.filter((r) => r.parentId === c.id)}
            active={activeIds.includes(c.id)}
            actions={actions}
          />
        ))}
      </ul>
      {actions.canComment && (
        <div className="comment-new">
          {passage && (
            <blockquote className="comment-quote" data-testid="comment-new-quote">
              {t('comments.selectionQuote', { quote: passage.quote })}
            </blockquote>
          )}
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
            onClick={() => void onAdd(text).then(() => setText(''))}
          >
            {t('comments.add')}
          </button>
        </div>
      )}
    </section>
  );
}

/** "Comment" beside a fresh selection in the body; keeps the selection when pressed. */
function OfferButton({ box, onOpen }: { box: ScreenBox; onOpen: () => void }) {
  const { t } = useI18n();
  return createPortal(
    <button
      type="button"
      className="comment-offer"
      data-testid="comment-offer"
      title={t('comments.addOnSelectionTitle')}
      style={{ left: Math.min(box.left + 4, window.innerWidth - 80), top: box.bottom + 4 }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onOpen}
    >
      {t('comments.addOnSelection')}
    </button>,
    document.body,
  );
}

/** 取消修改, while nothing typed is unsaved: the signatures then all stand. */
function CancelSignedEdit({ edit }: { edit: SignedEdit }) {
  const { t } = useI18n();
  const save = edit.useSaveState();
  if (save !== 'saved') return null;
  return (
    <button type="button" data-testid="signed-edit-cancel" onClick={edit.cancel}>
      {t('review.signedEditCancel')}
    </button>
  );
}
