/**
 * The story screen: save state and warnings, the headline block and the body in
 * the middle column, the side panels on the right. LexicalComposer wraps both
 * columns so the panels can dispatch editor commands; it remounts (key) when the
 * draft is replaced from outside the editor: a load, a conflict, "restore mine".
 *
 * Typing in the body re-renders nothing here (issue 3, typing benchmark): the
 * body reports to the draft through BodyChangePlugin without a state change once
 * the draft is unsaved, the first keystroke after a save (saved → unsaved)
 * re-renders only the save label, and the columns and panels are memoized on the
 * parts of the draft they show, so a save or a panel edit re-renders only what
 * changed.
 */
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';

import { DeskError } from '../../../shared/api/errors';
import type { LexicalState, Story, StoryContent } from '../../../shared/model';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { onDeskEvent } from '../platform/desk-client';
import { useI18n } from '../app/i18n/i18n';
import { BylinePanel } from '../sidebar/BylinePanel';
import { useBeforeSwitch, useReviewUsers } from '../review/ReviewContext';
import { StoryReview, type SignedEdit } from '../review/StoryReview';
import type { StoryLock } from '../review/use-story-lock';
import { FindingsPanel } from '../sidebar/FindingsPanel';
import { FiguresPanel } from '../sidebar/FiguresPanel';
import { JumpsPanel } from '../sidebar/JumpsPanel';
import { PhotosPanel } from '../sidebar/PhotosPanel';
import { PlacementPanel } from '../sidebar/PlacementPanel';
import type { PanelProps } from '../sidebar/panel-props';
import { RegionPanel } from '../sidebar/RegionPanel';
import { bodyToEditorJSON } from './body-state';
import { BodyEditor } from './BodyEditor';
import { editorNodes } from './editorNodes';
import { editorTheme } from './editor-theme';
import { FieldIssuesContext, issuePaths } from './field-issues';
import { FindingsProvider } from './findings/FindingsContext';
import { HeadlineFields } from './HeadlineFields';
import { issueLabel } from './issue-labels';
import { JumpLineBlock } from './JumpLineBlock';
import { PhotosContext } from './photos-context';
import { CharCountPlugin } from './plugins/CharCountPlugin/CharCountPlugin';
import { savedElsewhere, type SaveState, type StoryDraftController } from './story-draft';
import { useSaveState, useStoryDraft } from './use-story-draft';

export type StoryScreenHandle = {
  /** Saves pending changes; true when nothing is left unsaved. */
  flush: () => Promise<boolean>;
  saveNow: () => Promise<boolean>;
  focusHeadline: () => void;
  isDirty: () => boolean;
};

type Props = {
  storyId: string;
  /** Put the caret in the headline once the story is loaded (a new story). */
  focusOnLoad?: boolean;
  onSaved: (story: Story) => void;
  onMissing: (id: string) => void;
  handleRef: RefObject<StoryScreenHandle | null>;
  /** Opens another story (a finding's twin there); the findings plugin then shows the place. */
  onOpenStory?: (id: string) => void;
  /** The edit lock and review state (issue 6): read-only while someone else holds it. */
  lock?: StoryLock;
};

const SAVE_LABEL = {
  saved: 'save.saved',
  saving: 'save.saving',
  unsaved: 'save.unsaved',
  error: 'save.error',
  'disk-full': 'save.diskFull',
  kept: 'save.kept',
  invalid: 'save.invalid',
  conflict: 'save.conflict',
} as const satisfies Record<SaveState, string>;

const Headline = memo(HeadlineFields);
const JumpLine = memo(JumpLineBlock);
const CharCount = memo(CharCountPlugin);

/**
 * LexicalComposer reads its initialConfig once, on mount (a new key remounts it),
 * so the stored body is turned into the editor's JSON once, not on every render.
 */
function StoryComposer({
  body,
  editable,
  children,
}: {
  body: LexicalState;
  editable: boolean;
  children: ReactNode;
}) {
  const [initialConfig] = useState(() => ({
    namespace: 'story-body',
    nodes: editorNodes,
    theme: editorTheme,
    editable,
    editorState: bodyToEditorJSON(body),
    onError: (error: Error) => {
      throw error;
    },
  }));
  return <LexicalComposer initialConfig={initialConfig}>{children}</LexicalComposer>;
}

const SidePanels = memo(function SidePanels({ story, ...props }: PanelProps & { story: Story }) {
  const { t } = useI18n();
  return (
    <aside className="story-side" aria-label={t('story.panels')} data-testid="story-side">
      <FindingsPanel {...props} />
      <PlacementPanel {...props} story={story} />
      <BylinePanel {...props} />
      <RegionPanel {...props} />
      <PhotosPanel {...props} />
      <FiguresPanel {...props} />
      <JumpsPanel {...props} />
    </aside>
  );
});

const bodyFailed = (error: Error) => <div className="story-warning">{error.message}</div>;

/** The save state in the story bar: the only part of the screen that follows it (useStoryDraft). */
function SaveStateLabel({ controller }: { controller: StoryDraftController }) {
  const { t } = useI18n();
  const save = useSaveState(controller);
  return (
    <span className={`save-state save-${save}`} data-testid="save-state" data-state={save} role="status">
      {t(SAVE_LABEL[save])}
    </span>
  );
}

export function StoryScreen({
  storyId,
  focusOnLoad,
  onSaved,
  onMissing,
  handleRef,
  onOpenStory,
  lock,
}: Props) {
  const { t } = useI18n();
  const [state, controller] = useStoryDraft(storyId, { onSaved, onMissing, claim: lock?.claim });
  const headlineRef = useRef<HTMLInputElement>(null);
  const { current } = useReviewUsers();

  // A window that only reads the story follows the writer's saves (issue 19, 17): a new
  // stored revision loads when this window holds no lock and has no edits of its own.
  const holdsLock = lock?.view?.mine === true;
  useEffect(() => {
    if (holdsLock) return;
    return onDeskEvent((event) => {
      if (event.type === 'story' && event.storyId === storyId) void savedElsewhere(storyId, event.revision);
    });
  }, [storyId, holdsLock]);

  // Before another person takes this window (issue 19): what was typed is saved now, in
  // the name of the person who typed it; if it cannot be, the person does not change.
  useBeforeSwitch(async () => {
    if (await controller.flush()) return;
    const name = current?.name ?? '';
    throw new DeskError(
      'conflict',
      'identity.switchUnsaved',
      { name },
      `The changes of ${name} could not be saved, so the person at this window was not switched.`,
    );
  });

  // 修改已签稿件 (issue 19): a signed story stays read-only for an editor until they choose to change it.
  const [signedGate, setSignedGate] = useState(false);
  const [signedOpen, setSignedOpen] = useState(false);
  const report = useCallback((clears: boolean) => {
    setSignedGate(clears);
    if (!clears) setSignedOpen(false);
  }, []);
  const signedEdit: SignedEdit = useMemo(
    () => ({
      open: signedOpen,
      // The cancel button follows the save state itself: typing re-renders only the save label.
      useSaveState: () => useSaveState(controller),
      report,
      start: () => setSignedOpen(true),
      cancel: () => setSignedOpen(false),
    }),
    [signedOpen, controller, report],
  );

  useImperativeHandle(
    handleRef,
    () => ({
      flush: () => controller.flush(),
      saveNow: () => controller.saveNow(),
      focusHeadline: () => headlineRef.current?.focus(),
      isDirty: () => controller.dirty,
    }),
    [controller],
  );

  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready && focusOnLoad) headlineRef.current?.focus();
  }, [ready, focusOnLoad]);

  const draft = state.draft;
  const issues = useMemo(() => issuePaths(state.issues), [state.issues]);
  // Stable, so the memoized columns and panels are not re-rendered by a new function.
  const update = useCallback(
    (patch: Partial<StoryContent> | ((d: StoryContent) => Partial<StoryContent>)) => controller.update(patch),
    [controller],
  );

  if (!draft || !state.story) {
    return (
      <>
        <main className="story-main" aria-label={t('story.label')}>
          <div className="story-placeholder">
            {state.status === 'loading' ? t('story.loading') : t('story.none')}
          </div>
        </main>
        <aside className="story-side" />
      </>
    );
  }

  const story = state.story;
  const readOnly =
    story.deletedAt !== null ||
    (lock?.readOnly ?? false) ||
    (lock !== undefined && signedGate && !signedOpen);
  const issueLabels = [
    ...new Set(
      state.issues.map((i) => issueLabel(i.path)).filter((k): k is NonNullable<typeof k> => k !== null),
    ),
  ].map((key) => t(key));

  return (
    <PhotosContext.Provider value={draft.photos}>
      <FieldIssuesContext.Provider value={issues}>
        <StoryComposer key={`${story.id}:${state.generation}`} body={draft.body} editable={!readOnly}>
          <FindingsProvider storyId={story.id} draft={draft} rev={story.rev} onOpenStory={onOpenStory}>
            <main
              className="story-main"
              aria-label={t('story.label')}
              data-testid="story-screen"
              data-story-id={story.id}
            >
              <div className="story-bar">
                <SaveStateLabel controller={controller} />
                <CharCount />
                <span className="list-spacer" />
                <button
                  type="button"
                  data-testid="save-now"
                  disabled={readOnly}
                  title="Ctrl+S"
                  onClick={() => void controller.saveNow()}
                >
                  {t('story.saveNow')}
                </button>
              </div>
              {lock && (
                <StoryReview
                  storyId={story.id}
                  rev={story.rev}
                  lock={lock}
                  readOnly={readOnly}
                  flush={() => controller.flush()}
                  signedEdit={signedEdit}
                />
              )}
              {story.deletedAt !== null && <div className="story-note">{t('story.trashed')}</div>}
              {state.conflict && (
                <div className="story-warning" role="alert" data-testid="conflict-banner">
                  <strong>{t('story.conflictTitle')}</strong>
                  <p>{t('story.conflictBody', { rev: state.conflict.rev })}</p>
                  <div className="story-warning-actions">
                    <button
                      type="button"
                      className="primary"
                      data-testid="conflict-use-mine"
                      onClick={() => controller.useMine()}
                    >
                      {t('story.useMine')}
                    </button>
                    <button
                      type="button"
                      data-testid="conflict-discard"
                      onClick={() => controller.discardMine()}
                    >
                      {t('story.discardMine')}
                    </button>
                  </div>
                </div>
              )}
              {state.issues.length > 0 && (
                <div className="story-warning" data-testid="invalid-banner">
                  {t('story.invalidFields', { count: state.issues.length })} {issueLabels.join('、')}
                </div>
              )}
              <div className="story-scroll-frame">
                <div className="story-scroll">
                  <Headline draft={draft} update={update} readOnly={readOnly} headlineRef={headlineRef} />
                  <JumpLine jumps={draft.jumps} direction="from" />
                  <ErrorBoundary fallback={bodyFailed}>
                    <BodyEditor sink={controller} readOnly={readOnly} />
                  </ErrorBoundary>
                  <JumpLine jumps={draft.jumps} direction="to" />
                </div>
              </div>
            </main>
            <SidePanels draft={draft} update={update} readOnly={readOnly} story={story} />
          </FindingsProvider>
        </StoryComposer>
      </FieldIssuesContext.Provider>
    </PhotosContext.Provider>
  );
}
