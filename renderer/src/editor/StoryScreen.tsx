/**
 * The story screen: save state and warnings, the headline block and the body in
 * the middle column, the side panels on the right. LexicalComposer wraps both
 * columns so the panels can dispatch editor commands; it remounts (key) when the
 * draft is replaced from outside the editor: a load, a conflict, "restore mine".
 */
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type RefObject } from 'react';

import type { Story, StoryContent } from '../../../shared/model';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { useI18n } from '../app/i18n/i18n';
import { BylinePanel } from '../sidebar/BylinePanel';
import { FiguresPanel } from '../sidebar/FiguresPanel';
import { JumpsPanel } from '../sidebar/JumpsPanel';
import { PhotosPanel } from '../sidebar/PhotosPanel';
import { PlacementPanel } from '../sidebar/PlacementPanel';
import { RegionPanel } from '../sidebar/RegionPanel';
import { bodyToEditorJSON } from './body-state';
import { BodyEditor } from './BodyEditor';
import { editorNodes } from './editorNodes';
import { editorTheme } from './editor-theme';
import { FieldIssuesContext, issuePaths } from './field-issues';
import { HeadlineFields } from './HeadlineFields';
import { issueLabel } from './issue-labels';
import { JumpLineBlock } from './JumpLineBlock';
import { PhotosContext } from './photos-context';
import { CharCountPlugin } from './plugins/CharCountPlugin/CharCountPlugin';
import type { SaveState } from './story-draft';
import { useStoryDraft } from './use-story-draft';

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
};

const SAVE_LABEL = {
  saved: 'save.saved',
  saving: 'save.saving',
  unsaved: 'save.unsaved',
  error: 'save.error',
  invalid: 'save.invalid',
  conflict: 'save.conflict',
} as const satisfies Record<SaveState, string>;

export function StoryScreen({ storyId, focusOnLoad, onSaved, onMissing, handleRef }: Props) {
  const { t } = useI18n();
  const [state, controller] = useStoryDraft(storyId, { onSaved, onMissing });
  const headlineRef = useRef<HTMLInputElement>(null);

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
  // Stable, so the body's change listener is registered once, not on every render.
  const onBodyChange = useCallback((body: StoryContent['body']) => controller.update({ body }), [controller]);

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
  const readOnly = story.deletedAt !== null;
  const update = (patch: Partial<StoryContent> | ((d: StoryContent) => Partial<StoryContent>)) =>
    controller.update(patch);
  const issueLabels = [
    ...new Set(
      state.issues.map((i) => issueLabel(i.path)).filter((k): k is NonNullable<typeof k> => k !== null),
    ),
  ].map((key) => t(key));

  return (
    <PhotosContext.Provider value={draft.photos}>
      <FieldIssuesContext.Provider value={issues}>
        <LexicalComposer
          key={`${story.id}:${state.generation}`}
          initialConfig={{
            namespace: 'story-body',
            nodes: editorNodes,
            theme: editorTheme,
            editable: !readOnly,
            editorState: bodyToEditorJSON(draft.body),
            onError: (error) => {
              throw error;
            },
          }}
        >
          <main
            className="story-main"
            aria-label={t('story.label')}
            data-testid="story-screen"
            data-story-id={story.id}
          >
            <div className="story-bar">
              <span
                className={`save-state save-${state.save}`}
                data-testid="save-state"
                data-state={state.save}
                role="status"
              >
                {t(SAVE_LABEL[state.save])}
              </span>
              <CharCountPlugin />
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
            {readOnly && <div className="story-note">{t('story.trashed')}</div>}
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
            <div className="story-scroll">
              <HeadlineFields draft={draft} update={update} readOnly={readOnly} headlineRef={headlineRef} />
              <JumpLineBlock jumps={draft.jumps} direction="from" />
              <ErrorBoundary fallback={(error) => <div className="story-warning">{error.message}</div>}>
                <BodyEditor onChange={onBodyChange} readOnly={readOnly} />
              </ErrorBoundary>
              <JumpLineBlock jumps={draft.jumps} direction="to" />
            </div>
          </main>
          <aside className="story-side" aria-label={t('story.panels')} data-testid="story-side">
            <PlacementPanel draft={draft} update={update} readOnly={readOnly} story={story} />
            <BylinePanel draft={draft} update={update} readOnly={readOnly} />
            <RegionPanel draft={draft} update={update} readOnly={readOnly} />
            <PhotosPanel draft={draft} update={update} readOnly={readOnly} />
            <FiguresPanel draft={draft} update={update} readOnly={readOnly} />
            <JumpsPanel draft={draft} update={update} readOnly={readOnly} />
          </aside>
        </LexicalComposer>
      </FieldIssuesContext.Provider>
    </PhotosContext.Provider>
  );
}
