/**
 * The open story's comments between the review strip (which loads them and talks
 * to the desk) and the comment buttons on the headline lines, which live in the
 * editor's headline block, another branch of the tree. A small external store
 * (useSyncExternalStore): a button re-renders only when the comments change.
 */
import type { AnchorField, ReviewComment } from '../../../shared/review/schemas';

/** A headline line a comment may be on. */
export type HeadField = Exclude<AnchorField, 'body'>;

/** Where the popover points: a box on screen (a passage's, a button's). */
export type ScreenBox = { left: number; top: number; bottom: number };

export type HubState = {
  storyId: string | null;
  comments: readonly ReviewComment[];
  /** Set by the review strip: opens the popover for a headline line (its text now, and the selected part, if any). */
  openField:
    | ((
        field: HeadField,
        text: string,
        box: ScreenBox,
        selection: { start: number; end: number } | null,
      ) => void)
    | null;
};

const EMPTY: HubState = { storyId: null, comments: [], openField: null };

export class CommentHub {
  #state: HubState = EMPTY;
  readonly #listeners = new Set<() => void>();

  getState = (): HubState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(next: Partial<HubState>): void {
    this.#state = { ...this.#state, ...next };
    for (const l of this.#listeners) l();
  }

  clear(storyId: string): void {
    if (this.#state.storyId === storyId) this.set(EMPTY);
  }
}
