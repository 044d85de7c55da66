/**
 * The open story's draft and its autosave, kept outside React so the rules that
 * protect a reporter's text can be tested without a DOM:
 *
 * - every change marks the draft dirty and schedules a save ~800 ms after the
 *   last keystroke; Ctrl+S saves at once; one save is in flight at a time;
 * - the body lives in the editor while it is open (attachBody): a keystroke only
 *   marks the draft unsaved; the body is serialized when it is needed (a save,
 *   a flush before the story closes, a conflict, the story closing), never per
 *   keystroke, and a keystroke changes nothing React renders once the draft is
 *   already unsaved (issue 3, typing benchmark);
 * - a draft that breaks the schema is not sent: the fields are marked and the
 *   text stays in the editor;
 * - a failed save keeps the draft, tells the user and retries with back-off;
 * - a stale revision (conflict) loads the latest version and keeps the user's
 *   draft aside ("mine") so it can be put back with one click;
 * - closing a story that could not be saved keeps its draft in memory
 *   (unsavedDrafts), and reopening it brings the draft back;
 * - the first edit claims the story's edit lock (`claim`, issue 19) and no save
 *   goes out before it is held; an edit the lock refuses (someone else holds it,
 *   nobody is chosen) is dropped and the stored version shown again.
 */
import type { DeskApi } from '../../../shared/api';
import {
  contentOf,
  StoryContentSchema,
  type LexicalState,
  type Story,
  type StoryContent,
} from '../../../shared/model';

/**
 * `disk-full`: the last save failed for want of disk space (issue 16); `kept`: the newsroom did not
 * take it but the desk keeps it on this computer and sends it itself (issue 17). Both retried like `error`.
 */
export type SaveState =
  'saved' | 'saving' | 'unsaved' | 'error' | 'disk-full' | 'kept' | 'invalid' | 'conflict';

/** A failed save stays visible as failed (not plain 'unsaved') until a save succeeds. */
const keepsFailure = (save: SaveState) =>
  save === 'error' || save === 'disk-full' || save === 'kept' || save === 'saving';

/** How a failed save reads, from the desk's error key. */
const FAILED_SAVE: Record<string, SaveState> = {
  'error.diskFull': 'disk-full',
  'error.newsroomSaveKept': 'kept',
};

export type DraftIssue = { path: string; message: string };

export type DraftState = {
  status: 'loading' | 'ready' | 'missing' | 'failed';
  /** The last version the desk services confirmed. */
  story: Story | null;
  /**
   * What the user sees and edits. While an editor is attached, `draft.body` is
   * the body as of the last time it was needed (the last save); the live body
   * is the editor's.
   */
  draft: StoryContent | null;
  /** Bumped when the draft is replaced from outside the editor, so the editor remounts. */
  generation: number;
  save: SaveState;
  issues: readonly DraftIssue[];
  /** After a conflict: the user's version, kept aside, and the revision that was loaded. */
  conflict: { mine: StoryContent; rev: number } | null;
};

export type DraftDeps = {
  api: Pick<DeskApi, 'stories.get' | 'stories.save'>;
  onSaved: (story: Story) => void;
  onError: (err: unknown, retry: () => void) => void;
  onMissing: (err: unknown) => void;
  /** Takes the edit lock for the first edit: false drops the edit (see the top of this file). */
  claim?: () => Promise<boolean>;
  autosaveMs?: number;
};

/**
 * The editor's side of the body: `changed` after every change of content (cheap:
 * no serialization), `detach` when the editor goes away. A link that is no
 * longer current (the draft was replaced from outside the editor) is ignored.
 */
export type BodyLink = { changed: () => void; detach: () => void };

export const AUTOSAVE_MS = 800;
const RETRY_MS = [5_000, 10_000, 30_000, 60_000];

/** Drafts of stories that were closed before they could be saved, by story id. */
export const unsavedDrafts = new Map<string, { baseRev: number; content: StoryContent }>();

/** The drafts open in this window, by story id (at most one screen edits a story at a time). */
const openDrafts = new Map<string, StoryDraftController>();

/** Resolves once the draft has loaded (true) or failed to (false). */
function settled(open: StoryDraftController): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const settle = () => {
      const { status } = open.getState();
      if (status === 'loading') return false;
      resolve(status === 'ready');
      return true;
    };
    if (settle()) return;
    const stop = open.subscribe(() => {
      if (settle()) stop();
    });
  });
}

/**
 * A change made outside the editor to a story that may be open in it (the import
 * result's region pick, issue 19 §5): the open draft takes it as an edit and saves it
 * like any other, so the editor never works on a revision behind the stored one.
 * Null when the story is not open here (the caller saves it, then calls
 * savedElsewhere); otherwise whether the draft is saved with the change.
 */
export async function changeOpenStory(id: string, patch: Partial<StoryContent>): Promise<boolean | null> {
  const open = openDrafts.get(id);
  if (!open) return null;
  const ready = await settled(open);
  if (openDrafts.get(id) !== open) return null;
  if (!ready) return false;
  open.update(patch);
  return open.saveNow();
}

/**
 * A story saved outside the editor (revision `rev`): a draft of it that opened
 * meanwhile with an older revision and no edits of its own loads the new one.
 */
export async function savedElsewhere(id: string, rev: number): Promise<void> {
  const open = openDrafts.get(id);
  if (!open || !(await settled(open))) return;
  const story = open.getState().story;
  if (openDrafts.get(id) === open && story && story.rev < rev && !open.dirty) await open.load();
}

function sameContent(a: StoryContent, b: StoryContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class StoryDraftController {
  private state: DraftState = {
    status: 'loading',
    story: null,
    draft: null,
    generation: 0,
    save: 'saved',
    issues: [],
    conflict: null,
  };
  private listeners = new Set<() => void>();
  private editSeq = 0;
  private savedSeq = 0;
  private inFlight: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private disposed = false;
  /** The attached editor's body: how to read it, and whether the draft's copy is behind it. */
  private body: { read: () => LexicalState; stale: boolean } | null = null;
  private readonly autosaveMs: number;
  /** The first edit's lock claim: null before any edit, then the claim's answer (kept for this draft). */
  private claimed: Promise<boolean> | null = null;

  constructor(
    readonly id: string,
    private readonly deps: DraftDeps,
  ) {
    this.autosaveMs = deps.autosaveMs ?? AUTOSAVE_MS;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DraftState => this.state;

  get dirty(): boolean {
    return this.editSeq !== this.savedSeq;
  }

  private set(patch: Partial<DraftState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Opens the story; called again after dispose (React's StrictMode remounts effects). */
  start(): void {
    this.disposed = false;
    openDrafts.set(this.id, this);
    void this.load();
  }

  async load(): Promise<void> {
    this.set({ status: 'loading' });
    let story: Story;
    try {
      story = await this.deps.api['stories.get']({ id: this.id });
    } catch (err) {
      if (this.disposed) return;
      const missing = err instanceof Error && 'code' in err && err.code === 'not-found';
      this.set({ status: missing ? 'missing' : 'failed' });
      if (missing) this.deps.onMissing(err);
      else this.deps.onError(err, () => void this.load());
      return;
    }
    if (this.disposed) return;
    const cached = unsavedDrafts.get(this.id);
    unsavedDrafts.delete(this.id);
    const latest = contentOf(story);
    let draft = latest;
    let save: SaveState = 'saved';
    let conflict: DraftState['conflict'] = null;
    if (cached && !sameContent(cached.content, latest)) {
      if (cached.baseRev === story.rev) {
        draft = cached.content;
        this.editSeq++;
        save = 'unsaved';
        this.schedule(this.autosaveMs);
      } else {
        conflict = { mine: cached.content, rev: story.rev };
        save = 'conflict';
      }
    }
    this.body = null; // the editor remounts with this draft (generation)
    this.set({ status: 'ready', story, draft, save, conflict, generation: this.state.generation + 1 });
  }

  /**
   * Connects the editor that shows the draft's body; `read` serializes it and is
   * called only when the body is needed (see the top of this file).
   */
  attachBody(read: () => LexicalState): BodyLink {
    const body = { read, stale: false };
    this.body = body;
    return {
      changed: () => {
        if (this.body === body) this.bodyChanged(body);
      },
      detach: () => {
        if (this.body !== body) return;
        this.syncBody();
        this.body = null;
      },
    };
  }

  /** The lock for this edit, asked once per draft (the first edit); a refusal drops the edits. */
  private claimLock(): void {
    const claim = this.deps.claim;
    if (!claim || this.claimed) return;
    this.claimed = claim().then(
      (ok) => {
        if (!ok) this.dropEdits();
        return ok;
      },
      () => {
        this.dropEdits();
        return false;
      },
    );
  }

  /** The edit was not allowed: nothing is saved, and the stored version is shown again (read anew). */
  private dropEdits(): void {
    this.claimed = null;
    clearTimeout(this.timer);
    if (this.disposed) return;
    this.savedSeq = this.editSeq;
    const story = this.state.story;
    if (!story) return;
    this.body = null; // the editor remounts with the stored version
    this.set({ draft: contentOf(story), save: 'saved', issues: [], generation: this.state.generation + 1 });
    // The holder may have saved since this window loaded it: show what is stored now.
    this.deps.api['stories.get']({ id: this.id }).then(
      (latest) => {
        if (this.disposed || this.dirty || latest.rev === this.state.story?.rev) return;
        this.body = null;
        this.set({ story: latest, draft: contentOf(latest), generation: this.state.generation + 1 });
      },
      () => undefined,
    );
  }

  private bodyChanged(body: { stale: boolean }): void {
    if (!this.state.draft || this.state.story?.deletedAt) return;
    this.claimLock();
    body.stale = true;
    this.editSeq++;
    const save = keepsFailure(this.state.save) ? this.state.save : 'unsaved';
    // Only the first keystroke after a save changes anything a listener sees.
    if (save !== this.state.save) this.set({ save });
    this.schedule(this.autosaveMs);
  }

  /** Brings the draft's body up to the editor's, when it is behind. */
  private syncBody(): void {
    const body = this.body;
    const draft = this.state.draft;
    if (!body?.stale || !draft) return;
    body.stale = false;
    this.set({ draft: { ...draft, body: body.read() } });
  }

  /** A change from the editor or a panel. */
  update(patch: Partial<StoryContent> | ((draft: StoryContent) => Partial<StoryContent>)): void {
    const draft = this.state.draft;
    if (!draft || this.state.story?.deletedAt) return;
    this.claimLock();
    this.editSeq++;
    // Marked fields are checked again at once, so the body they are checked with must be current.
    if (this.state.issues.length) this.syncBody();
    const current = this.state.draft ?? draft;
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    const issues = this.state.issues.length ? this.validate(next) : this.state.issues;
    this.set({
      draft: next,
      issues,
      save: keepsFailure(this.state.save) ? this.state.save : 'unsaved',
    });
    this.schedule(this.autosaveMs);
  }

  private validate(content: StoryContent): DraftIssue[] {
    const parsed = StoryContentSchema.safeParse(content);
    if (parsed.success) return [];
    return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), ms);
  }

  /** Saves now if anything changed; true when the draft is saved afterwards. */
  async saveNow(): Promise<boolean> {
    clearTimeout(this.timer);
    // No save before the lock is held; a refused claim has dropped the edits.
    if (this.claimed && !(await this.claimed)) return !this.dirty;
    if (this.inFlight) {
      await this.inFlight;
      if (this.disposed) return !this.dirty;
    }
    this.syncBody();
    const base = this.state.story;
    const content = this.state.draft;
    if (!base || !content || !this.dirty) return true;

    const issues = this.validate(content);
    if (issues.length > 0) {
      this.set({ issues, save: 'invalid' });
      return false;
    }
    const seq = this.editSeq;
    this.set({ issues: [], save: 'saving' });
    const run = this.send(base, content, seq);
    this.inFlight = run;
    try {
      return await run;
    } finally {
      this.inFlight = null;
    }
  }

  private async send(base: Story, content: StoryContent, seq: number): Promise<boolean> {
    try {
      const saved = await this.deps.api['stories.save']({ id: base.id, baseRev: base.rev, content });
      this.savedSeq = seq;
      this.failures = 0;
      this.deps.onSaved(saved);
      if (this.disposed) {
        // Closed while saving: keep any later edits, now based on the saved revision.
        const cached = unsavedDrafts.get(this.id);
        if (cached && sameContent(cached.content, contentOf(saved))) unsavedDrafts.delete(this.id);
        else if (cached) cached.baseRev = saved.rev;
        return true;
      }
      const clean = !this.dirty;
      this.set({ story: saved, save: clean ? 'saved' : 'unsaved' });
      if (!clean) this.schedule(this.autosaveMs);
      return clean;
    } catch (err) {
      if (this.disposed) {
        unsavedDrafts.set(this.id, { baseRev: base.rev, content: this.state.draft ?? content });
        return false;
      }
      if (err instanceof Error && 'code' in err && err.code === 'conflict') {
        await this.reloadAfterConflict();
        return false;
      }
      this.set({ save: failedSave(err) });
      this.deps.onError(err, () => void this.saveNow());
      const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)] ?? 60_000;
      this.failures++;
      this.schedule(delay);
      return false;
    }
  }

  private async reloadAfterConflict(): Promise<void> {
    try {
      const latest = await this.deps.api['stories.get']({ id: this.id });
      if (this.disposed) return;
      // Mine includes whatever was typed while the latest version was on its way.
      this.syncBody();
      const mine = this.state.draft;
      this.savedSeq = this.editSeq;
      this.body = null; // the editor remounts with the latest version
      this.set({
        story: latest,
        draft: contentOf(latest),
        save: 'conflict',
        issues: [],
        conflict: mine ? { mine, rev: latest.rev } : null,
        generation: this.state.generation + 1,
      });
    } catch (err) {
      this.set({ save: 'error' });
      this.deps.onError(err, () => void this.saveNow());
    }
  }

  /** After a conflict: put the user's version back over the latest one, and save it. */
  useMine(): void {
    const conflict = this.state.conflict;
    if (!conflict) return;
    this.editSeq++;
    this.body = null; // the editor remounts with mine
    this.set({
      draft: conflict.mine,
      conflict: null,
      save: 'unsaved',
      generation: this.state.generation + 1,
    });
    this.schedule(this.autosaveMs);
  }

  discardMine(): void {
    this.set({ conflict: null, save: this.dirty ? 'unsaved' : 'saved' });
  }

  /** Saves what is pending before the story closes; the draft is kept in memory if that fails. */
  async flush(): Promise<boolean> {
    if (!this.dirty && !this.inFlight) return true;
    return this.saveNow();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.syncBody();
    if (this.dirty && this.state.story && this.state.draft && !this.state.story.deletedAt) {
      unsavedDrafts.set(this.id, { baseRev: this.state.story.rev, content: this.state.draft });
    }
    this.disposed = true;
    if (openDrafts.get(this.id) === this) openDrafts.delete(this.id);
  }
}

/** The state a failed save shows: a full disk (error.diskFull, from ENOSPC/EDQUOT in the gate), kept, or failed. */
function failedSave(err: unknown): SaveState {
  const key = typeof err === 'object' && err !== null ? (err as { key?: unknown }).key : undefined;
  return (typeof key === 'string' && FAILED_SAVE[key]) || 'error';
}
