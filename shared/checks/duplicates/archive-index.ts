/**
 * The archive index: winnowed fingerprints of every published story, for checking a
 * draft against the archive (issue 4). Pure: building, adding, querying and the
 * binary form are here; where the files live is electron/desk/archive's business.
 *
 * Memory layout, chosen for 15,000 stories / 30 million characters:
 * - the archive text: ONE Uint16Array of UTF-16 code units holding every archived
 *   story's body blocks, each block ended by U+2029 (a hard stop: runs never cross
 *   blocks or stories). It is the original text, not a normalised copy: hits are
 *   verified by folding characters on the fly (shared/text/normalize.ts), so the
 *   archive is held once. Typed, not a string: the file (texts.u16) is loaded into it
 *   with one read and no decoding, and appending does not copy the whole text (a
 *   string `+=` makes a rope that the next read flattens). Only the pieces shown to
 *   people (a located run, a story's text) are decoded, when asked for;
 * - fingerprints as two parallel Uint32Arrays sorted by hash (`keys`, `postings` =
 *   UTF-16 offset in the text of the k-gram's first character), found through a
 *   directory by the hash's top 16 bits and a binary search inside the bucket (a few
 *   cache lines per lookup instead of ~21 misses over 8 MB), plus a small sorted
 *   delta for stories added since the last merge (merged when it passes 1/8 of the
 *   main part);
 * - with k = 8 and w = 23 the guarantee threshold is t = 30 (settings.archive), and
 *   about 2 / (w + 1) ≈ 8 % of the positions become fingerprints (~10 bytes per
 *   archived story character → under 1 byte).
 * A query (findRuns) reuses scratch typed arrays and allocates nothing per hit until
 * it returns the runs found.
 *
 * Very common fingerprints are dropped: a fingerprint found in more stories than
 * max(commonMinStories, commonFraction × stories) (20 and 0.2 % by default, so 30 of
 * 15,000) is boilerplate shared by many correspondents, not a recycled story, and
 * keeping it would make every check walk long posting lists. A dropped fingerprint
 * stays dropped (also for stories added later), so the index never grows back into it.
 * Consequence: a shared run whose only fingerprints are dropped is not reported;
 * runs much longer than t have several fingerprints and are still found. While the
 * cut-off does not move (under commonMinStories / commonFraction stories: 10,000 by
 * default) adding stories gives exactly the index a build of all of them gives; past
 * that, a fingerprint dropped at an earlier, lower cut-off stays dropped.
 *
 * The binary form may cover only the first stories of the archive (the store writes
 * it in large steps, not on every add): `fromBytes(…, { acceptPrefix: true })`
 * indexes the stories after them from the text.
 */
import { matchFoldTable } from '../../text/normalize';
import { codePointOffset } from '../../text/code-points';
import { KGRAM, kgramHashesInto, windowFor, winnowHashes } from './fingerprints';

export type ArchiveParams = {
  /** Characters per k-gram. */
  k: number;
  /** Winnowing window; guarantee threshold t = w + k − 1. */
  w: number;
  /** A fingerprint in more stories than max(commonMinStories, commonFraction × stories) is dropped. */
  commonMinStories: number;
  commonFraction: number;
};

export const DEFAULT_ARCHIVE_PARAMS: ArchiveParams = Object.freeze({
  k: KGRAM,
  w: windowFor(30, KGRAM),
  commonMinStories: 20,
  commonFraction: 0.002,
});

/** Bumped whenever normalisation, hashing or the binary layout changes: old files are rebuilt. */
export const ARCHIVE_INDEX_FORMAT = 2;

/** An archived story as the index keeps it (its text lives in the index's `text`). */
export type ArchivedStory = {
  id: string;
  title: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  /** UTF-16 length of its part of `text` (blocks, each ended by U+2029). */
  length: number;
};

/** A story to archive: its body blocks' texts in order (empty for a photo block, so indices match). */
export type ArchiveEntry = { id: string; title: string; date: string; blocks: readonly string[] };

/** A run shared by a draft block and the archive. */
export type ArchiveRun = {
  /** Normalised offsets in the draft block. */
  draftStart: number;
  draftEnd: number;
  /** UTF-16 offsets in the index's text. */
  textStart: number;
  textEnd: number;
};

/** Where a run of the archive is: which story, which block, code-point offsets in that block. */
export type ArchiveLocation = {
  story: ArchivedStory;
  paragraph: number;
  start: number;
  end: number;
  text: string;
};

/** The binary form does not match the stories or text given with it: rebuild. */
export class StaleArchiveIndexError extends Error {
  constructor(reason: string) {
    super(`the archive index is stale (${reason}); rebuild it from the archived texts`);
    this.name = 'StaleArchiveIndexError';
  }
}

const SEP = 0x2029;
const SEP_CHAR = '\u2029';
const MAGIC = 0x494a4444; // "DDJI" little-endian
const HEADER_WORDS = 16;

/** The text an archived story contributes to the index: blocks each ended by U+2029. */
export function archiveText(blocks: readonly string[]): string {
  // A U+2029 inside a block would split it: blocks never hold one (they are paragraphs).
  return blocks.map((b) => b.replaceAll(SEP_CHAR, '\n') + SEP_CHAR).join('');
}

/** FNV-1a over the parameters and the story list: what the binary form was built from. */
export function storiesHash(
  params: ArchiveParams,
  stories: readonly ArchivedStory[],
  textLength: number,
): number {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  mix(
    `${ARCHIVE_INDEX_FORMAT}|${params.k}|${params.w}|${params.commonMinStories}|${params.commonFraction}|${textLength}`,
  );
  for (const s of stories) mix(`|${s.id}:${s.length}`);
  return h >>> 0;
}

/** A growable Uint32Array. */
class U32List {
  data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(Math.ceil(this.data.length * 1.5));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  trimmed(): Uint32Array {
    return this.data.length === this.length ? this.data : this.data.slice(0, this.length);
  }
}

/** Sorts (key, value) pairs by key: LSD radix sort, two 16-bit passes, stable. */
function sortPairs(keys: Uint32Array, values: Uint32Array): void {
  const n = keys.length;
  const k2 = new Uint32Array(n);
  const v2 = new Uint32Array(n);
  const counts = new Uint32Array(0x10000);
  for (const [shift, fromK, fromV, toK, toV] of [
    [0, keys, values, k2, v2],
    [16, k2, v2, keys, values],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(fromK[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 0x10000; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = fromK[i]!;
      const at = counts[(key >>> shift) & 0xffff]!++;
      toK[at] = key;
      toV[at] = fromV[i]!;
    }
  }
}

function lowerBound(values: ArrayLike<number>, target: number, length = values.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Top bits of a hash that pick its bucket in the directory of the sorted fingerprints. */
const DIR_BITS = 16;
const DIR_SHIFT = 32 - DIR_BITS;

/** Decodes units[from, to) to a string, unit for unit (a lone surrogate stays what it is). */
function decodeUnits(units: Uint16Array, from: number, to: number): string {
  const CHUNK = 8192;
  let out = '';
  for (let i = from; i < to; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

function encodeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** Length of archiveText(blocks) without building it. */
function archiveLength(blocks: readonly string[]): number {
  let n = 0;
  for (const b of blocks) n += b.length + 1;
  return n;
}

/** Start of each bucket (top DIR_BITS bits of the hash) in sorted keys; entry 2^DIR_BITS is the end. */
function directoryOf(keys: Uint32Array): Uint32Array {
  const dir = new Uint32Array((1 << DIR_BITS) + 1);
  for (let i = 0; i < keys.length; i++) dir[(keys[i]! >>> DIR_SHIFT) + 1]!++;
  for (let b = 1; b < dir.length; b++) dir[b]! += dir[b - 1]!;
  return dir;
}

/** FNV-1a over 32-bit words: the binary form's body, so a damaged file is not trusted. */
function wordsChecksum(words: Uint32Array, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0;
}

/** Sorted (key, value) pairs a and b merged (a's first on equal keys); `drop` keys left out. */
function mergeSorted(
  aKeys: Uint32Array,
  aValues: Uint32Array,
  aLength: number,
  bKeys: Uint32Array,
  bValues: Uint32Array,
  bLength: number,
): { keys: Uint32Array; values: Uint32Array } {
  const keys = new Uint32Array(aLength + bLength);
  const values = new Uint32Array(aLength + bLength);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < aLength && j < bLength) {
    if (bKeys[j]! < aKeys[i]!) {
      keys[o] = bKeys[j]!;
      values[o++] = bValues[j++]!;
    } else {
      keys[o] = aKeys[i]!;
      values[o++] = aValues[i++]!;
    }
  }
  while (i < aLength) {
    keys[o] = aKeys[i]!;
    values[o++] = aValues[i++]!;
  }
  while (j < bLength) {
    keys[o] = bKeys[j]!;
    values[o++] = bValues[j++]!;
  }
  return { keys, values };
}

/**
 * Loads the archive text into the index's Uint16Array on demand (the Node layer
 * reads texts.u16 in the background and, for a range not read yet, at once):
 * `ensure(from, to)` returns once units [from, to) are in place; `complete` once
 * all are.
 */
export type TextPager = {
  ensure(from: number, to: number): void;
  readonly complete: boolean;
};

export type FromBytesOptions = {
  /**
   * The text given is not filled yet: this fills it. The index asks it for the
   * ranges it reads (a story around a hit, a located run) until it is complete.
   */
  pager?: TextPager;
  /**
   * Accept a binary form written when the archive had only its first stories (the
   * same ones, same text): the stories after them are indexed from the text.
   */
  acceptPrefix?: boolean;
};

export class ArchiveIndex {
  readonly params: ArchiveParams;
  #stories: ArchivedStory[] = [];
  /** Offset in the text where each story starts. */
  #starts: number[] = [];
  /** The text's code units; [0, #length) is the text, the rest room to append. */
  #units: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  #length = 0;
  /** Fills #units while it is being loaded; null once complete (or never paged). */
  #pager: TextPager | null = null;
  #textCache: string | null = '';
  #keys: Uint32Array = new Uint32Array(0);
  #postings: Uint32Array = new Uint32Array(0);
  #dir: Uint32Array = directoryOf(new Uint32Array(0));
  /** Fingerprints of stories added since the last merge, sorted like the main part. */
  #dKeys: Uint32Array = new Uint32Array(0);
  #dPostings: Uint32Array = new Uint32Array(0);
  #dropped = new Set<number>();
  /** The dropped hashes, sorted: looked up in the query path without boxing a number. */
  #droppedSorted: Uint32Array = new Uint32Array(0);
  /** Fingerprints dropped by `add` that the main part or the delta still holds. */
  #droppedSinceMerge = false;
  /** What the binary form this index was read from covered (fromBytes). */
  #persisted = { stories: 0, textLength: 0 };

  // Scratch of findRuns / extendAt (reused: the query path allocates nothing per hit).
  #hashes = new Uint32Array(1024);
  #fpPositions = new Int32Array(1024);
  #fpCount = 0;
  readonly #emitFingerprint = (i: number): void => {
    this.#fpPositions[this.#fpCount++] = i;
  };
  /** Runs found by the current findRuns: draftStart, textStart pairs. */
  #found = new Int32Array(256);
  #runDraftStart = 0;
  #runDraftEnd = 0;
  #runTextStart = 0;
  #runTextEnd = 0;

  // Scratch of #winnowText.
  #wCodes = new Int32Array(1024);
  #wOffsets = new Int32Array(1024);
  #wHashes = new Uint32Array(1024);

  constructor(params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS) {
    this.params = params;
  }

  /** Builds an index of `entries` in one pass (faster than adding them one by one). */
  static build(
    entries: Iterable<ArchiveEntry>,
    params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS,
  ): ArchiveIndex {
    const index = new ArchiveIndex(params);
    const all = Array.isArray(entries) ? (entries as readonly ArchiveEntry[]) : [...entries];
    index.#reserve(all.reduce((n, e) => n + archiveLength(e.blocks), 0));
    for (const e of all) index.#appendStory(e);
    index.#textCache = null;
    index.#indexAll();
    return index;
  }

  /** Builds the fingerprints of stories whose text is already known (loading without a valid binary form). */
  static fromText(
    stories: readonly ArchivedStory[],
    text: string | Uint16Array,
    params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS,
  ): ArchiveIndex {
    const index = new ArchiveIndex(params);
    index.#setStories(stories, text);
    index.#indexAll();
    return index;
  }

  get storyCount(): number {
    return this.#stories.length;
  }

  get stories(): readonly ArchivedStory[] {
    return this.#stories;
  }

  /**
   * Every archived story's blocks, each ended by U+2029, in archive order, as one
   * string: decoded on first use (30 million characters: prefer `textUnits`,
   * `textLength` and `storyText`).
   */
  get text(): string {
    this.#ensure(0, this.#length);
    this.#textCache ??= decodeUnits(this.#units, 0, this.#length);
    return this.#textCache;
  }

  /** The text's UTF-16 code units (a view: valid until the next add). What the Node layer persists. */
  get textUnits(): Uint16Array {
    this.#ensure(0, this.#length);
    return this.#units.subarray(0, this.#length);
  }

  get textLength(): number {
    return this.#length;
  }

  /** Offset in the text where story `i` starts. */
  storyStart(i: number): number {
    return this.#starts[i]!;
  }

  /** Story `i`'s part of the text (its blocks, each ended by U+2029). */
  storyText(i: number): string {
    const start = this.#starts[i]!;
    this.#ensure(start, start + this.#stories[i]!.length);
    return decodeUnits(this.#units, start, start + this.#stories[i]!.length);
  }

  /** text[start, end) as a string. */
  textSlice(start: number, end: number): string {
    this.#ensure(Math.max(0, start), end);
    return decodeUnits(this.#units, Math.max(0, start), Math.min(this.#length, end));
  }

  /** Fingerprints kept (main part plus delta). */
  get fingerprintCount(): number {
    return this.#keys.length + this.#dKeys.length;
  }

  get droppedCount(): number {
    return this.#dropped.size;
  }

  /** Stories and text length covered by the binary form this index was read from (zero when not read by fromBytes). */
  get persisted(): { stories: number; textLength: number } {
    return { ...this.#persisted };
  }

  /** The guarantee threshold: every shared run this long is found (unless only dropped fingerprints cover it). */
  get guarantee(): number {
    return this.params.k + this.params.w - 1;
  }

  /** The story-count cut-off above which a fingerprint is dropped as boilerplate. */
  get commonCutoff(): number {
    return Math.max(
      this.params.commonMinStories,
      Math.ceil(this.params.commonFraction * this.#stories.length),
    );
  }

  #setStories(stories: readonly ArchivedStory[], text: string | Uint16Array): void {
    let start = 0;
    this.#stories = stories.map((s) => ({ ...s }));
    this.#starts = stories.map((s) => {
      const at = start;
      start += s.length;
      return at;
    });
    if (start !== text.length) {
      throw new StaleArchiveIndexError(
        `the stories add up to ${start} characters, the text has ${text.length}`,
      );
    }
    this.#units = typeof text === 'string' ? encodeUnits(text) : text;
    this.#length = text.length;
    this.#textCache = typeof text === 'string' ? text : null;
  }

  /** Room for `length` units in all. */
  #reserve(length: number): void {
    if (length <= this.#units.length) return;
    this.#ensure(0, this.#length);
    const bigger = new Uint16Array(Math.max(length, Math.ceil(this.#units.length * 1.5), 1024));
    bigger.set(this.#units.subarray(0, this.#length));
    this.#units = bigger;
  }

  /** Appends an entry's text (archiveText(e.blocks)) and its story; room must be reserved. */
  #appendStory(e: ArchiveEntry): void {
    const units = this.#units;
    const from = this.#length;
    let at = from;
    for (const block of e.blocks) {
      for (let i = 0; i < block.length; i++) {
        const unit = block.charCodeAt(i);
        units[at++] = unit === SEP ? 0x0a : unit; // a U+2029 inside a block would split it
      }
      units[at++] = SEP;
    }
    this.#stories.push({ id: e.id, title: e.title, date: e.date, length: at - from });
    this.#starts.push(from);
    this.#length = at;
  }

  /** Story index holding text offset `at`. */
  #storyAt(at: number): number {
    return lowerBound(this.#starts, at + 1) - 1;
  }

  /** Units [from, to) loaded (while a pager is filling the text). */
  #ensure(from: number, to: number): void {
    const pager = this.#pager;
    if (!pager) return;
    if (pager.complete) {
      this.#pager = null;
      return;
    }
    pager.ensure(from, Math.min(to, this.#length));
  }

  /**
   * The story around offset `at` loaded, and the unit before it (the previous
   * story's last U+2029, where extending a run backwards stops): a run never leaves
   * its story.
   */
  #ensureStoryAt(at: number): void {
    if (!this.#pager) return;
    const s = this.#storyAt(at);
    this.#ensure(Math.max(0, this.#starts[s]! - 1), this.#starts[s]! + this.#stories[s]!.length);
  }

  /** Whether the whole text is in memory (false while texts.u16 is still being read). */
  get textLoaded(): boolean {
    this.#ensure(0, 0);
    return this.#pager === null;
  }

  /** Winnows text[from, to) block by block and hands each fingerprint to `emit(hash, offset)`. */
  #winnowText(from: number, to: number, emit: (hash: number, offset: number) => void): void {
    const { k, w } = this.params;
    this.#ensure(from, to);
    const text = this.#units;
    const table = matchFoldTable();
    let codes = this.#wCodes;
    let offsets = this.#wOffsets;
    let hashes = this.#wHashes;
    let n = 0;
    const pick = (i: number) => emit(hashes[i]!, offsets[i]!);
    const flush = () => {
      const m = kgramHashesInto(codes, n, k, hashes);
      winnowHashes(hashes, m, w, pick);
      n = 0;
    };
    for (let u = from; u < to; u++) {
      const unit = text[u]!;
      if (unit === SEP) {
        flush();
        continue;
      }
      let code = table[unit]!;
      const at = u;
      if (unit >= 0xd800 && unit <= 0xdbff && u + 1 < to) {
        const low = text[u + 1]!;
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          u++;
        }
      }
      if (code < 0) continue;
      if (n === codes.length) {
        const biggerCodes = new Int32Array(codes.length * 2);
        biggerCodes.set(codes);
        const biggerOffsets = new Int32Array(codes.length * 2);
        biggerOffsets.set(offsets);
        codes = this.#wCodes = biggerCodes;
        offsets = this.#wOffsets = biggerOffsets;
        hashes = this.#wHashes = new Uint32Array(codes.length);
      }
      codes[n] = code;
      offsets[n] = at;
      n++;
    }
    flush();
  }

  /** Fingerprints of text[from, length) as pairs sorted by hash (offsets ascending within a hash). */
  #pairsOf(from: number, skipDropped: boolean): { keys: Uint32Array; postings: Uint32Array } {
    const { w } = this.params;
    const estimate = Math.ceil(((this.#length - from) * 2.2) / (w + 1)) + 64;
    const keys = new U32List(estimate);
    const postings = new U32List(estimate);
    const dropped = this.#dropped;
    this.#winnowText(from, this.#length, (hash, offset) => {
      if (skipDropped && dropped.size > 0 && dropped.has(hash)) return;
      keys.push(hash);
      postings.push(offset);
    });
    const allKeys = keys.trimmed();
    const allPostings = postings.trimmed();
    sortPairs(allKeys, allPostings);
    return { keys: allKeys, postings: allPostings };
  }

  /** (Re)builds the sorted fingerprints of the whole text, dropping common ones. */
  #indexAll(): void {
    const { keys, postings } = this.#pairsOf(0, false);
    this.#dKeys = new Uint32Array(0);
    this.#dPostings = new Uint32Array(0);
    this.#compactSorted(keys, postings);
  }

  /** Drops groups that are too common (and already dropped hashes) from sorted pairs; keeps the rest as the main part. */
  #compactSorted(keys: Uint32Array, postings: Uint32Array): void {
    const cutoff = this.commonCutoff;
    let out = 0;
    for (let i = 0; i < keys.length;) {
      const key = keys[i]!;
      let j = i + 1;
      while (j < keys.length && keys[j] === key) j++;
      let drop = j - i > cutoff || this.#droppedSinceMerge ? this.#dropped.has(key) : false;
      if (!drop && j - i > cutoff) {
        drop = this.#distinctStories(postings, i, j, cutoff) > cutoff;
        if (drop) this.#dropped.add(key);
      }
      if (!drop) {
        if (out !== i) {
          for (let p = i; p < j; p++) {
            keys[out] = key;
            postings[out] = postings[p]!;
            out++;
          }
        } else out = j;
      }
      i = j;
    }
    this.#droppedSinceMerge = false;
    this.#keys = out === keys.length ? keys : keys.slice(0, out);
    this.#postings = out === postings.length ? postings : postings.slice(0, out);
    this.#dir = directoryOf(this.#keys);
    this.#droppedSorted = Uint32Array.from(this.#dropped).sort();
  }

  /** Distinct stories of ascending postings[from, to), counting stops past `stopAbove`. */
  #distinctStories(
    postings: Uint32Array,
    from: number,
    to: number,
    stopAbove: number,
    seen = { last: -1, count: 0 },
  ): number {
    for (let p = from; p < to && seen.count <= stopAbove; p++) {
      const s = this.#storyAt(postings[p]!);
      if (s !== seen.last) {
        seen.count++;
        seen.last = s;
      }
    }
    return seen.count;
  }

  /** First index of `hash` in the main part's keys (or where it would be). */
  #mainFrom(hash: number): number {
    const bucket = hash >>> DIR_SHIFT;
    let lo = this.#dir[bucket]!;
    let hi = this.#dir[bucket + 1]!;
    const keys = this.#keys;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #isDropped(hash: number): boolean {
    const dropped = this.#droppedSorted;
    if (dropped.length === 0) return false;
    const at = lowerBound(dropped, hash);
    return at < dropped.length && dropped[at] === hash;
  }

  /**
   * Adds stories (published or imported): their fingerprints go to the delta, merged
   * into the main part when the delta passes 1/8 of it (or on `toBytes`).
   * Re-adding an id already archived is the caller's choice; both copies are kept.
   */
  add(entries: Iterable<ArchiveEntry>): void {
    const all = Array.isArray(entries) ? (entries as readonly ArchiveEntry[]) : [...entries];
    if (all.length === 0) return;
    const first = this.#stories.length;
    this.#reserve(this.#length + all.reduce((n, e) => n + archiveLength(e.blocks), 0));
    for (const e of all) this.#appendStory(e);
    this.#textCache = null;
    this.#indexStoriesFrom(first);
  }

  /** Indexes stories [first, storyCount) (their text is in place) into the delta. */
  #indexStoriesFrom(first: number): void {
    if (first >= this.#stories.length) return;
    const { keys, postings } = this.#pairsOf(this.#starts[first]!, true);
    const cutoff = this.commonCutoff;
    let out = 0;
    let dropped = false;
    const seen = { last: -1, count: 0 };
    for (let i = 0; i < keys.length;) {
      const key = keys[i]!;
      let j = i + 1;
      while (j < keys.length && keys[j] === key) j++;
      // Places of this hash already indexed: main part, then delta (offsets ascend across both).
      const mainFrom = this.#mainFrom(key);
      let mainTo = mainFrom;
      while (mainTo < this.#keys.length && this.#keys[mainTo] === key) mainTo++;
      const deltaFrom = lowerBound(this.#dKeys, key);
      let deltaTo = deltaFrom;
      while (deltaTo < this.#dKeys.length && this.#dKeys[deltaTo] === key) deltaTo++;
      let drop = false;
      if (j - i + (mainTo - mainFrom) + (deltaTo - deltaFrom) > cutoff) {
        seen.last = -1;
        seen.count = 0;
        this.#distinctStories(this.#postings, mainFrom, mainTo, cutoff, seen);
        this.#distinctStories(this.#dPostings, deltaFrom, deltaTo, cutoff, seen);
        drop = this.#distinctStories(postings, i, j, cutoff, seen) > cutoff;
      }
      if (drop) {
        this.#dropped.add(key);
        dropped = true;
        if (mainTo > mainFrom || deltaTo > deltaFrom) this.#droppedSinceMerge = true;
      } else {
        for (let p = i; p < j; p++) {
          keys[out] = key;
          postings[out++] = postings[p]!;
        }
      }
      i = j;
    }
    if (dropped) this.#droppedSorted = Uint32Array.from(this.#dropped).sort();
    const merged = mergeSorted(this.#dKeys, this.#dPostings, this.#dKeys.length, keys, postings, out);
    this.#dKeys = merged.keys;
    this.#dPostings = merged.values;
    if (this.#dKeys.length > Math.max(65_536, this.#keys.length / 8)) this.compact();
  }

  /** Merges the delta into the main part (and removes fingerprints dropped since). */
  compact(): void {
    if (this.#dKeys.length === 0 && !this.#droppedSinceMerge) return;
    const merged = mergeSorted(
      this.#keys,
      this.#postings,
      this.#keys.length,
      this.#dKeys,
      this.#dPostings,
      this.#dKeys.length,
    );
    this.#dKeys = new Uint32Array(0);
    this.#dPostings = new Uint32Array(0);
    this.#compactSorted(merged.keys, merged.values);
  }

  /** Every place of `hash` in the archive (none when it was dropped as common). */
  places(hash: number): ArrayLike<number>[] {
    hash >>>= 0;
    if (this.#isDropped(hash)) return [];
    const from = this.#mainFrom(hash);
    let to = from;
    while (to < this.#keys.length && this.#keys[to] === hash) to++;
    const dFrom = lowerBound(this.#dKeys, hash);
    let dTo = dFrom;
    while (dTo < this.#dKeys.length && this.#dKeys[dTo] === hash) dTo++;
    const main = this.#postings.subarray(from, to);
    return dTo > dFrom ? [main, this.#dPostings.subarray(dFrom, dTo)] : [main];
  }

  /**
   * Maximal runs shared by a normalised draft block and the archive, found through
   * the block's winnowed fingerprints, verified and extended on the archive's text.
   * `skipStory` excludes stories (the draft itself, when it is archived).
   */
  findRuns(codes: Int32Array, skipStory?: (story: ArchivedStory) => boolean): ArchiveRun[] {
    const { k, w } = this.params;
    const runs: ArchiveRun[] = [];
    const m = codes.length - k + 1;
    if (m <= 0) return runs;
    if (this.#hashes.length < m) {
      this.#hashes = new Uint32Array(m * 2);
      this.#fpPositions = new Int32Array(m * 2);
    }
    const hashes = this.#hashes;
    kgramHashesInto(codes, codes.length, k, hashes);
    this.#fpCount = 0;
    winnowHashes(hashes, m, w, this.#emitFingerprint);
    const keys = this.#keys;
    const postings = this.#postings;
    const dKeys = this.#dKeys;
    const dPostings = this.#dPostings;
    let found = 0;
    for (let f = 0; f < this.#fpCount; f++) {
      const pos = this.#fpPositions[f]!;
      const hash = hashes[pos]!;
      let i = this.#mainFrom(hash);
      let d = dKeys.length > 0 ? lowerBound(dKeys, hash) : 0;
      const inMain = i < keys.length && keys[i] === hash;
      const inDelta = d < dKeys.length && dKeys[d] === hash;
      if ((!inMain && !inDelta) || this.#isDropped(hash)) continue;
      for (; i < keys.length && keys[i] === hash; i++)
        found = this.#hit(codes, pos, postings[i]!, found, runs, skipStory);
      for (; d < dKeys.length && dKeys[d] === hash; d++)
        found = this.#hit(codes, pos, dPostings[d]!, found, runs, skipStory);
    }
    return runs;
  }

  /** Verifies and extends one hit; a run not seen before is recorded (and returned unless skipped). */
  #hit(
    codes: Int32Array,
    pos: number,
    offset: number,
    found: number,
    runs: ArchiveRun[],
    skipStory: ((story: ArchivedStory) => boolean) | undefined,
  ): number {
    if (this.#pager) this.#ensureStoryAt(offset);
    if (!this.#extend(codes, pos, offset)) return found;
    const draftStart = this.#runDraftStart;
    const textStart = this.#runTextStart;
    const seen = this.#found;
    for (let r = 0; r < found; r += 2) if (seen[r] === draftStart && seen[r + 1] === textStart) return found;
    if (found + 2 > seen.length) {
      const bigger = new Int32Array(seen.length * 2);
      bigger.set(seen);
      this.#found = bigger;
    }
    this.#found[found] = draftStart;
    this.#found[found + 1] = textStart;
    if (!skipStory || !skipStory(this.#stories[this.#storyAt(textStart)]!)) {
      runs.push({ draftStart, draftEnd: this.#runDraftEnd, textStart, textEnd: this.#runTextEnd });
    }
    return found + 2;
  }

  /**
   * Verifies that draft codes[pos, pos+k) equal the k kept characters of the text
   * from `offset`, then extends the match both ways until the texts differ or a
   * block ends. Null on a hash collision.
   */
  extendAt(codes: Int32Array, pos: number, offset: number): ArchiveRun | null {
    this.#ensureStoryAt(offset);
    if (!this.#extend(codes, pos, offset)) return null;
    return {
      draftStart: this.#runDraftStart,
      draftEnd: this.#runDraftEnd,
      textStart: this.#runTextStart,
      textEnd: this.#runTextEnd,
    };
  }

  /** extendAt into the #run… fields; false on a hash collision. */
  #extend(codes: Int32Array, pos: number, offset: number): boolean {
    const text = this.#units;
    const table = matchFoldTable();
    const n = this.#length;
    // Forward.
    let i = pos;
    let u = offset;
    let textEnd = offset;
    while (i < codes.length && u < n) {
      let unit = text[u]!;
      if (unit === SEP) break;
      let next = u + 1;
      let code: number;
      if (unit >= 0xd800 && unit <= 0xdbff && next < n) {
        const low = text[next]!;
        if (low >= 0xdc00 && low <= 0xdfff) {
          unit = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          next++;
        }
        code = unit;
      } else {
        code = table[unit]!;
        if (code < 0) {
          u = next;
          continue;
        }
      }
      if (code !== codes[i]) break;
      i++;
      u = next;
      textEnd = next;
    }
    if (i - pos < this.params.k) return false;
    const draftEnd = i;
    // Backward.
    i = pos - 1;
    u = offset;
    let textStart = offset;
    while (i >= 0 && u > 0) {
      let unit = text[u - 1]!;
      if (unit === SEP) break;
      let prev = u - 1;
      let code: number;
      if (unit >= 0xdc00 && unit <= 0xdfff && prev > 0) {
        const high = text[prev - 1]!;
        if (high >= 0xd800 && high <= 0xdbff) {
          unit = ((high - 0xd800) << 10) + (unit - 0xdc00) + 0x10000;
          prev--;
        }
        code = unit;
      } else {
        code = table[unit]!;
        if (code < 0) {
          u = prev;
          continue;
        }
      }
      if (code !== codes[i]) break;
      i--;
      u = prev;
      textStart = prev;
    }
    this.#runDraftStart = i + 1;
    this.#runDraftEnd = draftEnd;
    this.#runTextStart = textStart;
    this.#runTextEnd = textEnd;
    return true;
  }

  /**
   * The text span of `count` kept (non-dropped) characters starting `skip` kept
   * characters after `offset` (which is at a kept character): maps a part of a
   * verified run back to the archived text.
   */
  keptSpan(offset: number, skip: number, count: number): { start: number; end: number } {
    this.#ensureStoryAt(offset);
    const table = matchFoldTable();
    const text = this.#units;
    const n = this.#length;
    let u = offset;
    let seen = 0;
    let start = offset;
    let end = offset;
    while (u < n && seen < skip + count) {
      const unit = text[u]!;
      const pair = unit >= 0xd800 && unit <= 0xdbff && u + 1 < n && (text[u + 1]! & 0xfc00) === 0xdc00;
      const width = pair ? 2 : 1;
      if (pair || table[unit]! >= 0) {
        if (seen === skip) start = u;
        seen++;
        end = u + width;
      }
      u += width;
    }
    return { start, end };
  }

  /** Story, block and code-point offsets of text[textStart, textEnd) (a run never crosses blocks). */
  locate(textStart: number, textEnd: number): ArchiveLocation {
    const s = this.#storyAt(textStart);
    const story = this.#stories[s]!;
    const storyStart = this.#starts[s]!;
    this.#ensure(storyStart, storyStart + story.length);
    const text = this.#units;
    let paragraph = 0;
    let blockStart = storyStart;
    for (let u = storyStart; u < textStart; u++) {
      if (text[u] === SEP) {
        paragraph++;
        blockStart = u + 1;
      }
    }
    let blockEnd = textStart;
    while (blockEnd < this.#length && text[blockEnd] !== SEP) blockEnd++;
    const block = decodeUnits(text, blockStart, blockEnd);
    return {
      story,
      paragraph,
      start: codePointOffset(block, textStart - blockStart),
      end: codePointOffset(block, textEnd - blockStart),
      text: decodeUnits(text, textStart, textEnd),
    };
  }

  /**
   * The fingerprints in binary form (little-endian): a 16-word header (magic, format,
   * parameters, story count, text length, stories hash, counts, checksum of the
   * body), then keys, postings and dropped hashes as Uint32 arrays. Stories and text
   * are stored beside it by the caller and handed back to `fromBytes`, which checks
   * they still match.
   */
  toBytes(): Uint8Array {
    this.compact();
    const dropped = Uint32Array.from(this.#dropped).sort();
    const p = this.#keys.length;
    const words = new Uint32Array(HEADER_WORDS + 2 * p + dropped.length);
    words.set(this.#keys, HEADER_WORDS);
    words.set(this.#postings, HEADER_WORDS + p);
    words.set(dropped, HEADER_WORDS + 2 * p);
    words.set([
      MAGIC,
      ARCHIVE_INDEX_FORMAT,
      this.params.k,
      this.params.w,
      this.params.commonMinStories,
      Math.round(this.params.commonFraction * 1e6),
      this.#stories.length,
      this.#length,
      storiesHash(this.params, this.#stories, this.#length),
      p,
      dropped.length,
      wordsChecksum(words, HEADER_WORDS),
    ]);
    return new Uint8Array(words.buffer);
  }

  /**
   * Reads `toBytes` output; throws StaleArchiveIndexError when it does not belong to
   * these stories and text, or is damaged. The text is kept as given (a Uint16Array
   * is used in place, not copied).
   */
  static fromBytes(
    bytes: Uint8Array,
    stories: readonly ArchivedStory[],
    text: string | Uint16Array,
    options: FromBytesOptions = {},
  ): ArchiveIndex {
    if (bytes.byteLength < HEADER_WORDS * 4 || bytes.byteLength % 4 !== 0)
      throw new StaleArchiveIndexError('truncated');
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
    if (words[0] !== MAGIC) throw new StaleArchiveIndexError('not an archive index');
    if (words[1] !== ARCHIVE_INDEX_FORMAT)
      throw new StaleArchiveIndexError(`format ${words[1]}, expected ${ARCHIVE_INDEX_FORMAT}`);
    const params: ArchiveParams = {
      k: words[2]!,
      w: words[3]!,
      commonMinStories: words[4]!,
      commonFraction: words[5]! / 1e6,
    };
    const covered = words[6]!;
    const coveredLength = words[7]!;
    const p = words[9]!;
    const d = words[10]!;
    if (words.length !== HEADER_WORDS + 2 * p + d) throw new StaleArchiveIndexError('truncated');
    const prefix = options.acceptPrefix ? covered <= stories.length : covered === stories.length;
    if (!prefix)
      throw new StaleArchiveIndexError(`built for ${covered} stories, the archive has ${stories.length}`);
    const coveredStories = covered === stories.length ? stories : stories.slice(0, covered);
    const length = coveredStories.reduce((n, s) => n + s.length, 0);
    if (length !== coveredLength || (covered === stories.length && coveredLength !== text.length)) {
      throw new StaleArchiveIndexError(
        `built for ${coveredLength} characters of text, the archive has ${text.length}`,
      );
    }
    if (words[8] !== storiesHash(params, coveredStories, coveredLength))
      throw new StaleArchiveIndexError('story list changed');
    if (words[11] !== wordsChecksum(words, HEADER_WORDS))
      throw new StaleArchiveIndexError('damaged (checksum)');
    const index = new ArchiveIndex(params);
    index.#setStories(stories, text);
    index.#pager = options.pager ?? null;
    index.#keys = words.subarray(HEADER_WORDS, HEADER_WORDS + p);
    index.#postings = words.subarray(HEADER_WORDS + p, HEADER_WORDS + 2 * p);
    index.#dir = directoryOf(index.#keys);
    index.#droppedSorted = words.slice(HEADER_WORDS + 2 * p);
    index.#dropped = new Set(index.#droppedSorted);
    index.#persisted = { stories: covered, textLength: coveredLength };
    index.#indexStoriesFrom(covered);
    return index;
  }
}
