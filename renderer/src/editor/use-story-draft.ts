import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

import type { Story } from '../../../shared/model';
import { useFeedback, type Feedback } from '../app/feedback';
import { desk } from '../platform/desk-client';
import { StoryDraftController, type DraftState } from './story-draft';

type Callbacks = { onSaved: (story: Story) => void; onMissing: (id: string) => void };

/**
 * The draft of one open story. Mount it under `key={storyId}`: the controller is
 * made once per story and disposed (keeping any unsaved draft) when it closes.
 */
export function useStoryDraft(id: string, callbacks: Callbacks): [DraftState, StoryDraftController] {
  const feedback = useFeedback();
  const latest = useRef<{ callbacks: Callbacks; feedback: Feedback }>({ callbacks, feedback });
  useEffect(() => {
    latest.current = { callbacks, feedback };
  });

  const [controller] = useState(
    () =>
      new StoryDraftController(id, {
        api: desk,
        onSaved: (story) => latest.current.callbacks.onSaved(story),
        onMissing: (err) => {
          latest.current.feedback.showError(err, 'safe.nothingChanged');
          latest.current.callbacks.onMissing(id);
        },
        onError: (err, retry) => latest.current.feedback.showError(err, 'safe.editorKept', retry),
      }),
  );

  useEffect(() => {
    controller.start();
    return () => controller.dispose();
  }, [controller]);

  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return [state, controller];
}
