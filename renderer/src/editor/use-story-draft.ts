import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

import type { Story } from '../../../shared/model';
import { useFeedback, type Feedback } from '../app/feedback';
import { desk } from '../platform/desk-client';
import { StoryDraftController, type DraftState, type SaveState } from './story-draft';

type Callbacks = {
  onSaved: (story: Story) => void;
  onMissing: (id: string) => void;
  /** Takes the edit lock with the first edit (issue 19); false drops the edit. */
  claim?: () => Promise<boolean>;
};

/**
 * The draft of one open story. Mount it under `key={storyId}`: the controller is
 * made once per story and disposed (keeping any unsaved draft) when it closes.
 */
export function useStoryDraft(id: string, callbacks: Callbacks): [ScreenState, StoryDraftController] {
  const feedback = useFeedback();
  const latest = useRef<{ callbacks: Callbacks; feedback: Feedback }>({ callbacks, feedback });
  useEffect(() => {
    latest.current = { callbacks, feedback };
  });

  // The banner of the last failed save: it goes by itself once a save succeeds.
  const failure = useRef<number | null>(null);
  const [controller] = useState(
    () =>
      new StoryDraftController(id, {
        api: desk,
        onSaved: (story) => latest.current.callbacks.onSaved(story),
        onMissing: (err) => {
          latest.current.feedback.showError(err, 'safe.nothingChanged');
          latest.current.callbacks.onMissing(id);
        },
        onError: (err, retry) => {
          failure.current = latest.current.feedback.showError(err, 'safe.editorKept', retry);
        },
        claim: () => latest.current.callbacks.claim?.() ?? Promise.resolve(true),
      }),
  );

  useEffect(() => {
    controller.start();
    const stop = controller.subscribe(() => {
      if (failure.current === null || controller.getState().save !== 'saved') return;
      latest.current.feedback.clearError(failure.current);
      failure.current = null;
    });
    return () => {
      stop();
      controller.dispose();
    };
  }, [controller]);

  const [screenState] = useState(() => screenStateOf(controller));
  const state = useSyncExternalStore(controller.subscribe, screenState);
  return [state, controller];
}

/** The draft's state for the story screen: all of it but the save state, which SaveStateLabel shows. */
export type ScreenState = Omit<DraftState, 'save'>;

/**
 * The controller's state, kept the same object while only `save` changes: the
 * first keystroke after a save turns the draft 'unsaved', and that re-renders
 * the save label (useSaveState), not the story screen (issue 3, typing benchmark).
 */
function screenStateOf(controller: StoryDraftController): () => ScreenState {
  let shown: DraftState = controller.getState();
  return () => {
    const now = controller.getState();
    if (now === shown) return shown;
    const keys = Object.keys(now) as Array<keyof DraftState>;
    if (keys.some((k) => k !== 'save' && now[k] !== shown[k])) shown = now;
    return shown;
  };
}

/** The draft's save state alone. */
export function useSaveState(controller: StoryDraftController): SaveState {
  return useSyncExternalStore(controller.subscribe, () => controller.getState().save);
}
