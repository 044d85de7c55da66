/**
 * The edit lock of the open story (issue 6): taken when the story opens, renewed
 * every 20 s (the desk frees a lock after 60 s without renewal), given back when it
 * closes. While someone else holds it the story is read-only, and the hook keeps
 * asking, so the story becomes editable when they leave. Whether the workflow lets
 * this person change the text (a reporter and a signed story) is decided by the
 * same pure function the desk uses.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { LockView } from '../../../shared/review/review-contract';
import type { Story } from '../../../shared/model';
import { transition } from '../../../shared/review/workflow';
import { desk } from '../platform/desk-client';
import { useReviewUsers } from './ReviewContext';

export const RENEW_MS = 20_000;

export type StoryLock = {
  view: LockView | null;
  /** Why the text cannot be changed now: someone holds the lock, or the workflow forbids it. */
  reason: 'lock' | 'workflow' | null;
  readOnly: boolean;
  /** Changes when the open story must be reloaded (the lock became ours, a version was restored). */
  generation: number;
  takeOver: () => Promise<void>;
  reload: () => void;
};

/** What of the stored story decides whether it may be edited here (re-read with each heartbeat). */
type ReviewFacts = Pick<Story, 'status' | 'signatures' | 'byline' | 'createdBy'>;

export function useStoryLock(storyId: string | null): StoryLock {
  const { current, version } = useReviewUsers();
  const [view, setView] = useState<LockView | null>(null);
  const [story, setStory] = useState<ReviewFacts | null>(null);
  const [generation, setGeneration] = useState(0);
  const wasOthers = useRef(false);

  const apply = useCallback((next: LockView) => {
    // A heartbeat that changes nothing keeps the same object, so the story screen does not re-render while typing.
    setView((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    if (next.mine && wasOthers.current) setGeneration((g) => g + 1);
    wasOthers.current = !next.mine;
  }, []);

  useEffect(() => {
    if (!storyId) return;
    let live = true;
    wasOthers.current = false;
    setView(null);
    const tick = async (method: 'locks.acquire' | 'locks.renew') => {
      try {
        const next = await desk[method]({ id: storyId });
        if (live) apply(next);
      } catch (err) {
        console.warn('[desk] lock:', err);
      }
    };
    void tick('locks.acquire');
    const timer = setInterval(() => void tick('locks.renew'), RENEW_MS);
    return () => {
      live = false;
      clearInterval(timer);
      void desk['locks.release']({ id: storyId }).catch(() => undefined);
    };
    // The holder's name follows the person picked.
  }, [storyId, current?.id, apply]);

  // The review state decides editability; re-read with each heartbeat too, so a story
  // returned by an editor elsewhere becomes editable for its reporter.
  useEffect(() => {
    if (!storyId) return;
    let live = true;
    const read = () =>
      desk['stories.get']({ id: storyId }).then(
        (s) => {
          if (!live) return;
          const next: ReviewFacts = {
            status: s.status,
            signatures: s.signatures,
            byline: s.byline,
            createdBy: s.createdBy,
          };
          setStory((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
        },
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), RENEW_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [storyId, version, generation]);

  const takeOver = useCallback(async () => {
    if (!storyId) return;
    apply(await desk['locks.takeOver']({ id: storyId }));
  }, [storyId, apply]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const locked = view !== null && !view.mine;
  const workflowBlocked =
    story !== null &&
    !transition({
      state: { status: story.status, signatures: story.signatures ?? [] },
      facts: { bylineNames: [], createdBy: story.createdBy ?? null },
      actor: current,
      action: 'edit',
      rev: 1,
      at: '',
    }).ok;
  const reason = locked ? 'lock' : workflowBlocked ? 'workflow' : null;
  return { view, reason, readOnly: reason !== null, generation, takeOver, reload };
}
