/**
 * The live checks of one open story as the checks worker (checks.worker.ts) keeps
 * them, and the messages that keep it in step with the editor. Pure: no DOM, no
 * Worker, so the same code runs in the worker, on the main thread when no worker
 * could be started (check-runner.ts), and in the unit tests.
 *
 * The main thread never sends the story again: a `check` carries the story's parts
 * that changed since the last one (by reference: an unchanged part is the same
 * object) and a splice of the body's blocks (the blocks between the unchanged
 * beginning and end, which is the paragraph being typed in). The page's other
 * stories go once per refresh (after a save), the term bank once per worker.
 * Every check has the store's version; the answer carries it back, and the store
 * drops an answer older than its text.
 */
import { StoryChecker, type CopyStory } from '../../../../shared/checks/run-story';
import type { Finding } from '../../../../shared/checks/finding';
import type { TermBank } from '../../../../shared/checks/wording/term-bank';
import { BODY_VERSION, type SerializedNode, type StoryContent } from '../../../../shared/model';

/** The parts of a story the checks read (a change of any other part never re-checks). */
export const CHECKED_KEYS = [
  'kind',
  'kicker',
  'headline',
  'subheadline',
  'dateline',
  'byline',
  'region',
  'body',
  'photos',
  'figures',
  'jumps',
  'page',
  'slot',
] as const satisfies ReadonlyArray<keyof StoryContent>;

/** The checked parts besides the body, which travels as blocks. */
export type FieldKey = Exclude<(typeof CHECKED_KEYS)[number], 'body'>;
export type CheckedFields = Pick<StoryContent, FieldKey>;
const FIELD_KEYS = CHECKED_KEYS.filter((k): k is FieldKey => k !== 'body');

/** Replace `remove` blocks at `start` with `insert`. */
export type BodySplice = { start: number; remove: number; insert: SerializedNode[] };

export type ToWorker =
  | { type: 'terms'; terms: TermBank }
  | { type: 'page'; session: number; others: CopyStory[] }
  | {
      type: 'check';
      session: number;
      /** Counts this session's checks: a newer one supersedes a running one. */
      seq: number;
      /** The store's version of the text, sent back with the findings (a re-check after a page refresh has the same). */
      version: number;
      key: string;
      /** Changed fields only; the first check of a session has them all. */
      fields?: Partial<CheckedFields>;
      body?: BodySplice;
    }
  | { type: 'close'; session: number };

export type CheckStats = {
  /** From the start of the check to its findings (ms), in the thread that ran it. */
  total: number;
  /** The longest stretch of checking without a break (ms). */
  longestSlice: number;
};

/**
 * Findings as they travel back: a number is the index of the same finding in the
 * session's previous answer (the receiver keeps that finding object, so an unchanged
 * finding is the same object from one answer to the next), anything else is new.
 * Typing in one paragraph changes a few findings; the other hundreds cost a number.
 */
export type SentFindings = Array<number | Finding>;

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; session: number; version: number; findings: SentFindings; stats: CheckStats }
  | { type: 'failed'; session: number; version: number; message: string };

/** The splice turning `before` into `after`, comparing blocks by reference; null when they are the same. */
export function bodySplice(
  before: readonly SerializedNode[],
  after: readonly SerializedNode[],
): BodySplice | null {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  if (head === before.length && head === after.length) return null;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) {
    tail++;
  }
  return { start: head, remove: before.length - head - tail, insert: after.slice(head, after.length - tail) };
}

/** A new array with the splice applied (a running check keeps reading the old one). */
export function applySplice(blocks: readonly SerializedNode[], splice: BodySplice): SerializedNode[] {
  const out = blocks.slice();
  out.splice(splice.start, splice.remove, ...splice.insert);
  return out;
}

/**
 * The main thread's record of what the other side knows: turns the story as it is
 * now into the smallest `check` message. `reset()` when the other side was replaced.
 */
export class StoryMirror {
  private fields: Partial<CheckedFields> | null = null;
  private blocks: readonly SerializedNode[] = [];

  reset(): void {
    this.fields = null;
    this.blocks = [];
  }

  /** The changed fields and the body splice since the last call (and records them as sent). */
  delta(
    content: CheckedFields,
    blocks: readonly SerializedNode[],
  ): { fields?: Partial<CheckedFields>; body?: BodySplice } {
    const out: { fields?: Partial<CheckedFields>; body?: BodySplice } = {};
    const known = this.fields;
    const changed: Partial<Record<FieldKey, unknown>> = {};
    let any = false;
    for (const k of FIELD_KEYS) {
      if (!known || !(k in known) || known[k] !== content[k]) {
        changed[k] = content[k];
        any = true;
      }
    }
    if (any) out.fields = changed as Partial<CheckedFields>;
    this.fields = { ...known, ...(changed as Partial<CheckedFields>) };
    const body = bodySplice(this.blocks, blocks);
    if (body) out.body = body;
    this.blocks = blocks;
    return out;
  }
}

/** The sending side of SentFindings: remembers the last answer by content. */
export class FindingsEncoder {
  private last = new Map<string, number>();

  encode(findings: readonly Finding[]): SentFindings {
    const next = new Map<string, number>();
    const out: SentFindings = findings.map((finding, i) => {
      const id = JSON.stringify(finding);
      const before = this.last.get(id);
      next.set(id, i);
      return before ?? finding;
    });
    this.last = next;
    return out;
  }
}

/** The receiving side: every answer must be decoded, in order, against the previous one (even one dropped as stale). */
export class FindingsDecoder {
  private last: readonly Finding[] = [];

  decode(sent: SentFindings): Finding[] {
    const previous = this.last;
    const out = sent.map((item) => {
      if (typeof item !== 'number') return item;
      const known = previous[item];
      if (!known) throw new Error(`findings: answer refers to finding ${item} of ${previous.length}`);
      return known;
    });
    this.last = out;
    return out;
  }
}

/** One open story in the worker: its checker (which remembers texts) and the story as last sent. */
export class CheckSession {
  readonly checker = new StoryChecker();
  readonly encoder = new FindingsEncoder();
  key = '';
  fields: Partial<CheckedFields> = {};
  blocks: SerializedNode[] = [];
  others: CopyStory[] = [];
  /** The newest check asked for (seq) and its version; the newest one answered. */
  wanted = -1;
  version = -1;
  answered = -1;
  running = false;

  update(message: Extract<ToWorker, { type: 'check' }>): void {
    this.key = message.key;
    if (message.fields) this.fields = { ...this.fields, ...message.fields };
    if (message.body) this.blocks = applySplice(this.blocks, message.body);
    if (message.seq > this.wanted) {
      this.wanted = message.seq;
      this.version = message.version;
    }
  }

  /** The story as the checks read it (a new object per run; the parts are shared). */
  story(): CopyStory {
    return storyOf(this.key, this.fields, this.blocks);
  }
}

/** A story for the checks from its checked fields and its body's blocks (blocksOfBody reads only the children). */
export function storyOf(
  key: string,
  fields: Partial<CheckedFields>,
  blocks: readonly SerializedNode[],
): CopyStory {
  const content = {
    kicker: '',
    headline: '',
    subheadline: '',
    photos: [],
    ...fields,
    body: { version: BODY_VERSION, root: { type: 'root', version: 1, children: blocks } },
  } as CopyStory['content'];
  return { key, content };
}
