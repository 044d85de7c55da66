/**
 * The live findings of the open story (issues 4 and 5, "Where it shows"): runs every
 * check family on the draft after a pause in typing, in the checks worker (a keystroke
 * never waits for a check; check-runner.ts, with idle slices on the main thread only
 * when no worker can be had), with the page's other stories fetched from the desk
 * (checks.pageContext) and the archive asked after a longer pause (checks.archive).
 * Answers carry the version of the text they were asked for; an older one is dropped. The editor's marks (FindingsPlugin) and the sidebar's list
 * (FindingsPanel) read the same state; ignored findings (StoryContent.ignored) are
 * split off here, so neither shows them as open.
 */
import type { PageContext } from '../../../../shared/api';
import { compareFindings, type Finding, type FindingLocation } from '../../../../shared/checks/finding';
import { splitIgnored } from '../../../../shared/checks/run-story';
import type { IgnoredFinding, LexicalState, StoryContent } from '../../../../shared/model';
import { desk } from '../../platform/desk-client';
import { createCheckRunner, setCheckTerms, type CheckRunner } from './check-runner';
import { CHECKED_KEYS, type CheckStats } from './check-session';

/** A finding as the open story shows it: where it is here, and its twins. */
export type ShownFinding = {
  /** Stable while the text does not move: rule, field, paragraph, offsets. */
  id: string;
  finding: Finding;
  /** The location in this story (the flagged text, or this story's copy of a cross-story twin). */
  here: FindingLocation;
  /** The other locations: the twin(s) of a duplicate. */
  twins: FindingLocation[];
};

export type IgnoredShown = { shown: ShownFinding; entry: IgnoredFinding };

export type FindingsState = {
  storyId: string;
  /**
   * 'checking' from the moment a check is asked for until its findings are in: at
   * once when the story opens or the page changes, after the pause in typing
   * (CHECK_DELAY_MS) otherwise. While the reporter types, the list keeps the last
   * findings and its status, so a keystroke never re-renders it (issue 3, typing
   * benchmark); the marks follow the text meanwhile (live ranges).
   */
  status: 'checking' | 'ready';
  open: ShownFinding[];
  ignored: IgnoredShown[];
  /** Ignore entries that match no current finding (the text was changed or removed). */
  staleIgnores: IgnoredFinding[];
  /** Headlines of the page's stories by id, for "the twin is in …". */
  titles: ReadonlyMap<string, string>;
  /** The finding the pointer or the list points at (drawn stronger). */
  activeId: string | null;
  /** Who the desk records as this user (for "ignored by"). */
  user: string;
};

/** Pause after the last keystroke before a check starts (marks within ~0.5 s of a pause). */
export const CHECK_DELAY_MS = 250;
/** Pause before the draft goes to the archive (a request to the desk). */
export const ARCHIVE_DELAY_MS = 1500;
const sameChecked = (a: StoryContent, b: StoryContent) => CHECKED_KEYS.every((k) => a[k] === b[k]);

export function findingId(f: Finding, here: FindingLocation): string {
  return `${f.rule}|${here.field}|${here.paragraph ?? ''}|${here.start}|${here.end}`;
}

const FIELD_ORDER = ['kicker', 'headline', 'subheadline', 'dateline', 'body', 'caption'];
const fieldRank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
};

/** Reading order of this story: field, paragraph, offset; then severity as compareFindings does. */
function byPlace(a: ShownFinding, b: ShownFinding): number {
  const x = a.here;
  const y = b.here;
  return (
    fieldRank(x.field) - fieldRank(y.field) ||
    (x.paragraph ?? -1) - (y.paragraph ?? -1) ||
    x.start - y.start ||
    compareFindings(a.finding, b.finding)
  );
}

export function showFinding(f: Finding, storyId: string): ShownFinding {
  const here = f.locations.find((l) => l.story === storyId) ?? f.locations[0]!;
  return { id: findingId(f, here), finding: f, here, twins: f.locations.filter((l) => l !== here) };
}

// The term bank is the desk's (an editor may change it): fetched once per window.
let termsLoaded: Promise<boolean> | null = null;
function loadTerms(): Promise<boolean> {
  termsLoaded ??= desk['terms.get']({}).then(
    (terms) => {
      setCheckTerms(terms);
      return true;
    },
    (err: unknown) => {
      console.warn('[findings] term bank not loaded; wording checks are off:', err);
      return false;
    },
  );
  return termsLoaded;
}

export class FindingsStore {
  private state: FindingsState;
  private readonly listeners = new Set<() => void>();
  private readonly runner: CheckRunner;
  private draft: StoryContent | null = null;
  private page: PageContext | null = null;
  private local: Finding[] = [];
  /** A finding unchanged from one answer to the next is the same object (SentFindings): so is its ShownFinding. */
  private readonly shownOf = new WeakMap<Finding, ShownFinding>();
  private archive: Finding[] = [];
  /** Reads the body from the editor (the draft's body is only brought up to date at save time). */
  private readBody: (() => LexicalState) | null = null;
  /** Bumped by every change of the checked text; the archive is asked again when it moved on. */
  private version = 0;
  private archivedVersion = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private archiveTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Counts setActive calls (see clearActive). */
  private activeTicket = 0;
  /** The last check (ms; total from asking to the answer), for the e2e timing probe. */
  lastRun = { total: 0, longestSlice: 0, findings: 0, where: 'worker' as 'worker' | 'main' };

  constructor(readonly storyId: string) {
    this.state = {
      storyId,
      status: 'checking',
      open: [],
      ignored: [],
      staleIgnores: [],
      titles: new Map(),
      activeId: null,
      user: '',
    };
    this.runner = createCheckRunner((version, findings, stats) => this.checked(version, findings, stats));
    void loadTerms().then((loaded) => {
      if (loaded && this.draft) this.schedule(0);
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): FindingsState => this.state;

  private set(patch: Partial<FindingsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Follows the draft: a change of its parts re-checks after a pause; a change of `ignored` only re-splits. */
  setDraft(draft: StoryContent): void {
    const previous = this.draft;
    this.draft = draft;
    if (previous && sameChecked(previous, draft)) {
      if (previous.ignored !== draft.ignored) this.publish();
      return;
    }
    this.changed(previous ? CHECK_DELAY_MS : 0);
  }

  /** The body editor: where to read the live body, and a call after every change of its text. */
  attachBody(read: () => LexicalState): { changed: () => void; detach: () => void } {
    this.readBody = read;
    this.changed(0);
    return {
      changed: () => this.changed(CHECK_DELAY_MS),
      detach: () => {
        if (this.readBody === read) this.readBody = null;
      },
    };
  }

  private changed(delay: number): void {
    this.version++;
    this.schedule(delay);
    clearTimeout(this.archiveTimer);
    this.archiveTimer = setTimeout(() => void this.checkArchive(), delay === 0 ? 300 : ARCHIVE_DELAY_MS);
  }

  /** Where the checks run: 'worker', or 'main' when no worker could be had. */
  get checksRunIn(): 'worker' | 'main' {
    return this.runner.where;
  }

  /** The story as the checks read it: the draft with the body as it is in the editor now. */
  private content(): StoryContent | null {
    if (!this.draft) return null;
    return this.readBody ? { ...this.draft, body: this.readBody() } : this.draft;
  }

  /** Fetches the page's other stories (on open and after each save). */
  async refreshPage(): Promise<void> {
    try {
      const page = await desk['checks.pageContext']({ id: this.storyId });
      if (this.disposed) return;
      this.page = page;
      this.runner.setPage(page.stories);
      const titles = new Map(page.stories.map((s) => [s.key, s.content.headline]));
      this.set({ titles, user: page.user });
      this.schedule(0);
    } catch (err) {
      console.warn('[findings] page context not loaded; cross-story checks wait for the next save:', err);
    }
  }

  /**
   * Makes a finding the active one (its mark and its row light up), or none. The
   * answer is a ticket for `clearActive`: the mark under the pointer and the row
   * under it are two places that set the same finding active.
   */
  setActive(id: string | null): number {
    this.activeTicket++;
    if (this.state.activeId !== id) this.set({ activeId: id });
    return this.activeTicket;
  }

  /**
   * Clears what the call that gave `ticket` made active, unless something set the
   * active finding since: the pointer moving straight from a mark to its row in the
   * list enters the row (React's mouseenter) before it leaves the body.
   */
  clearActive(ticket: number): void {
    if (ticket === this.activeTicket) this.setActive(null);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.archiveTimer);
    this.runner.dispose();
    this.listeners.clear();
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.runner.cancel();
    if (delay === 0) this.markChecking();
    this.timer = setTimeout(() => this.run(), delay);
  }

  private markChecking(): void {
    if (this.state.status !== 'checking') this.set({ status: 'checking' });
  }

  /** One check of the current draft (the runner sends the worker only what changed since the last one). */
  private run(): void {
    const draft = this.draft;
    if (!draft || this.disposed) return;
    this.markChecking();
    const body = this.readBody ? this.readBody() : draft.body;
    this.runner.check({
      version: this.version,
      key: this.storyId,
      fields: draft,
      blocks: body.root.children,
    });
  }

  /** The findings of a check: kept only when the text has not changed since it was asked for. */
  private checked(version: number, findings: Finding[], stats: CheckStats): void {
    if (this.disposed || version !== this.version) return;
    this.local = findings;
    this.lastRun = {
      total: stats.total,
      longestSlice: stats.longestSlice,
      findings: findings.length,
      where: this.runner.where,
    };
    const publishing = performance.now();
    this.publish('ready');
    performance.measure('desk-findings-publish', { start: publishing });
  }

  private async checkArchive(): Promise<void> {
    const content = this.content();
    const version = this.version;
    if (!content || this.disposed || version === this.archivedVersion) return;
    try {
      const { kicker, headline, subheadline, body, photos } = content;
      const found = await desk['checks.archive']({
        id: this.storyId,
        content: { kicker, headline, subheadline, body, photos },
      });
      if (this.disposed) return;
      this.archive = found;
      this.archivedVersion = version;
      this.publish();
    } catch (err) {
      console.warn('[findings] archive check failed; will try again after the next change:', err);
    }
  }

  private shown(finding: Finding): ShownFinding {
    let shown = this.shownOf.get(finding);
    if (!shown) {
      shown = showFinding(finding, this.storyId);
      this.shownOf.set(finding, shown);
    }
    return shown;
  }

  private publish(status: FindingsState['status'] = this.state.status): void {
    const draft = this.draft;
    if (!draft) return;
    const all = [...this.local, ...this.archive];
    const { open, ignored } = splitIgnored(all, this.storyId, draft.ignored);
    const matched = new Set(ignored.map((i) => i.entry));
    this.set({
      status,
      open: open.map((f) => this.shown(f)).sort(byPlace),
      ignored: ignored.map(({ finding, entry }) => ({ shown: this.shown(finding), entry })),
      staleIgnores: draft.ignored.filter((e) => !matched.has(e)),
    });
  }
}
