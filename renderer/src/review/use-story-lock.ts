/**
 * The edit lock of the open story (issues 6 and 19). Opening a story to read it
 * takes no lock: the hook only asks who holds it. The first edit claims it
 * (`claim`, called by the draft before the change is kept and before any save);
 * while held it is renewed every 20 s (the desk frees a lock after 60 s without
 * renewal) and given back when the story closes or the person changes. Every lock
 * change anywhere reaches this window at once through the desk's event channel
 * (`onDeskEvent`), so a take-over or a writer starting to type shows without waiting
 * for a renewal; a slow poll remains as a fallback.
 *
 * Nobody chosen in this window: read-only (no lock, no save). Someone else holding
 * the lock: read-only with their name and the take-over. Whether the workflow lets
 * this person change the text (a reporter and a signed story) is decided by the
 * same pure function the desk uses.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { LockView } from '../../../shared/review/review-contract';
import type { Story } from '../../../shared/model';
import { transition } from '../../../shared/review/workflow';
import { desk, onDeskEvent, onDeskReconnect } from '../platform/desk-client';
import { useReviewUsers } from './ReviewContext';

export const RENEW_MS = 20_000;

export type StoryLock = {
  view: LockView | null;
  /** Why the text cannot be changed now: nobody chosen, someone holds the lock, or the workflow forbids it. */
  reason: 'nobody' | 'lock' | 'workflow' | null;
  readOnly: boolean;
  /** Changes when the open story must be reloaded (the lock became ours, a version was restored, the person changed). */
  generation: number;
  /**
   * Takes the lock for an edit (the first one): true when this window holds it
   * afterwards and the edit may be kept, false when it must be dropped (someone
   * else holds it, or nobody is chosen).
   */
  claim: () => Promise<boolean>;
  takeOver: () => Promise<void>;
  /** Gives the lock back now, if this window holds it (after a sign-off: the person is done). */
  release: () => void;
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
  const mine = useRef(false);
  const claiming = useRef<Promise<boolean> | null>(null);
  const person = useRef<string | null>(null);

  const apply = useCallback((next: LockView) => {
    // A heartbeat that changes nothing keeps the same object, so the story screen does not re-render while typing.
    setView((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    if (next.mine && wasOthers.current) setGeneration((g) => g + 1);
    wasOthers.current = next.holder !== null && !next.mine;
    mine.current = next.mine;
  }, []);

  // Another person at this window: what the previous one typed was saved in their name
  // before the switch (ReviewContext), and the new person starts with a fresh editor
  // (and a fresh undo history: their Ctrl+Z never undoes someone else's typing).
  const userId = current?.id ?? null;
  useEffect(() => {
    if (person.current !== null && userId !== null && person.current !== userId) setGeneration((g) => g + 1);
    person.current = userId;
  }, [userId]);

  useEffect(() => {
    if (!storyId) return;
    let live = true;
    wasOthers.current = false;
    mine.current = false;
    claiming.current = null;
    setView(null);
    const read = async () => {
      try {
        const next = await desk['locks.view']({ id: storyId });
        if (live) apply(next);
      } catch (err) {
        console.warn('[desk] lock:', err);
      }
    };
    void read();
    // A lock taken, released or taken over anywhere: shown here at once.
    const stop = onDeskEvent((event) => {
      if (event.type === 'lock' && event.storyId === storyId) void read();
    });
    // The event stream is back after a break: a lock change may have been missed, so read it again.
    const stopReconnect = onDeskReconnect(() => void read());
    const timer = setInterval(() => {
      if (!mine.current) return void read();
      desk['locks.renew']({ id: storyId }).then(
        (next) => live && apply(next),
        (err: unknown) => console.warn('[desk] lock:', err),
      );
    }, RENEW_MS);
    return () => {
      live = false;
      stop();
      stopReconnect();
      clearInterval(timer);
      if (mine.current) void desk['locks.release']({ id: storyId }).catch(() => undefined);
      mine.current = false;
    };
    // A new person starts without the lock: they take it with their first edit.
  }, [storyId, userId, apply]);

  const claim = useCallback((): Promise<boolean> => {
    if (!storyId || userId === null) return Promise.resolve(false);
    if (mine.current) return Promise.resolve(true);
    claiming.current ??= desk['locks.acquire']({ id: storyId }).then(
      (next) => {
        apply(next);
        claiming.current = null;
        return next.mine;
      },
      (err: unknown) => {
        claiming.current = null;
        console.warn('[desk] lock:', err);
        return false;
      },
    );
    return claiming.current;
  }, [storyId, userId, apply]);

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
    const stop = onDeskEvent((event) => {
      if (event.type === 'story' && event.storyId === storyId) void read();
    });
    const timer = setInterval(() => void read(), RENEW_MS);
    return () => {
      live = false;
      stop();
      clearInterval(timer);
    };
  }, [storyId, version, generation]);

  const takeOver = useCallback(async () => {
    if (!storyId) return;
    apply(await desk['locks.takeOver']({ id: storyId }));
  }, [storyId, apply]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const locked = view !== null && view.holder !== null && !view.mine;
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
  const release = useCallback(() => {
    if (!storyId || !mine.current) return;
    mine.current = false;
    desk['locks.release']({ id: storyId })
      .then(() => desk['locks.view']({ id: storyId }))
      .then(apply, (err: unknown) => console.warn('[desk] lock:', err));
  }, [storyId, apply]);

  // A lock kept on a story the workflow no longer lets this person change (she submitted it)
  // only keeps the editors out: it is given back at once, not when the story closes.
  const holdsBlocked = workflowBlocked && view?.mine === true;
  useEffect(() => {
    if (holdsBlocked) release();
  }, [holdsBlocked, release]);

  const reason = current === null ? 'nobody' : locked ? 'lock' : workflowBlocked ? 'workflow' : null;
  return { view, reason, readOnly: reason !== null, generation, claim, takeOver, release, reload };
}
