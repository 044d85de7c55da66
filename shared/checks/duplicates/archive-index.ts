/**
 * The archive index: winnowed fingerprints of every published story, for checking a
 * draft against the archive (issue 4). Pure: building, adding, querying and the
 * binary form are here; where the files live is electron/desk/archive's business.
 *
 * Memory layout, chosen for 15,000 stories / 30 million characters:
 * - `text`: ONE string holding every archived story's body blocks, each block ended
 *   by U+2029 (a hard stop: runs never cross blocks or stories). It is the original
 *   text, not a normalised copy: hits are verified by folding characters on the fly
 *   (shared/text/normalize.ts), so the archive is held once;
 * - fingerprints as two parallel Uint32Arrays sorted by hash (`keys`, `postings` =
 *   UTF-16 offset in `text` of the k-gram's first character), searched by binary
 *   search, plus a small unsorted delta for stories added since the last compaction;
 * - with k = 8 and w = 23 the guarantee threshold is t = 30 (settings.archive), and
 *   about 2 / (w + 1) ≈ 8 % of the positions become fingerprints (~10 bytes per
 *   archived story character → under 1 byte).
 *
 * Very common fingerprints are dropped: a fingerprint found in more stories than
 * max(commonMinStories, commonFraction × stories) (20 and 0.2 % by default, so 30 of
 * 15,000) is boilerplate shared by many correspondents, not a recycled story, and
 * keeping it would make every check walk long posting lists. A dropped fingerprint
 * stays dropped (also for stories added later), so the index never grows back into it.
 * Consequence: a shared run whose only fingerprints are dropped is not reported;
 * runs much longer than t have several fingerprints and are still found.
 */
import { matchFoldTable } from '../../text/normalize';
import { codePointOffset } from '../../text/code-points';
import { KGRAM, fingerprints, kgramHashesInto, windowFor, winnowHashes } from './fingerprints';

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
export const ARCHIVE_INDEX_FORMAT = 1;

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
export function storiesHash(params: ArchiveParams, stories: readonly ArchivedStory[], textLength: number): number {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  mix(`${ARCHIVE_INDEX_FORMAT}|${params.k}|${params.w}|${params.commonMinStories}|${params.commonFraction}|${textLength}`);
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

export class ArchiveIndex {
  readonly params: ArchiveParams;
  #stories: ArchivedStory[] = [];
  /** Offset in `text` where each story starts. */
  #starts: number[] = [];
  #text = '';
  #keys: Uint32Array = new Uint32Array(0);
  #postings: Uint32Array = new Uint32Array(0);
  #delta = new Map<number, number[]>();
  #deltaSize = 0;
  #dropped = new Set<number>();
  /** Fingerprints dropped by `add` that the sorted part still holds. */
  #droppedSinceCompact = false;

  constructor(params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS) {
    this.params = params;
  }

  /** Builds an index of `entries` in one pass (faster than adding them one by one). */
  static build(entries: Iterable<ArchiveEntry>, params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS): ArchiveIndex {
    const index = new ArchiveIndex(params);
    const parts: string[] = [];
    let length = 0;
    for (const e of entries) {
      const text = archiveText(e.blocks);
      index.#stories.push({ id: e.id, title: e.title, date: e.date, length: text.length });
      index.#starts.push(length);
      parts.push(text);
      length += text.length;
    }
    index.#text = parts.join('');
    index.#indexAll();
    return index;
  }

  /** Builds the fingerprints of stories whose text is already known (loading without a valid binary form). */
  static fromText(stories: readonly ArchivedStory[], text: string, params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS): ArchiveIndex {
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

  /** Every archived story's blocks, each ended by U+2029, in archive order (what the Node layer persists). */
  get text(): string {
    return this.#text;
  }

  /** Fingerprints kept (sorted part plus delta). */
  get fingerprintCount(): number {
    return this.#keys.length + this.#deltaSize;
  }

  get droppedCount(): number {
    return this.#dropped.size;
  }

  /** The guarantee threshold: every shared run this long is found (unless only dropped fingerprints cover it). */
  get guarantee(): number {
    return this.params.k + this.params.w - 1;
  }

  /** The story-count cut-off above which a fingerprint is dropped as boilerplate. */
  get commonCutoff(): number {
    return Math.max(this.params.commonMinStories, Math.ceil(this.params.commonFraction * this.#stories.length));
  }

  #setStories(stories: readonly ArchivedStory[], text: string): void {
    let start = 0;
    this.#stories = stories.map((s) => ({ ...s }));
    this.#starts = stories.map((s) => {
      const at = start;
      start += s.length;
      return at;
    });
    if (start !== text.length) {
      throw new StaleArchiveIndexError(`the stories add up to ${start} characters, the text has ${text.length}`);
    }
    this.#text = text;
  }

  /** Story index holding text offset `at`. */
  #storyAt(at: number): number {
    return lowerBound(this.#starts, at + 1) - 1;
  }

  /** Winnows text[from, to) block by block and hands each fingerprint to `emit(hash, offset)`. */
  #winnowText(from: number, to: number, emit: (hash: number, offset: number) => void): void {
    const { k, w } = this.params;
    const text = this.#text;
    const table = matchFoldTable();
    let codes = new Int32Array(1024);
    let offsets = new Int32Array(1024);
    let hashes = new Uint32Array(1024);
    let n = 0;
    const flush = () => {
      const m = kgramHashesInto(codes, n, k, hashes);
      winnowHashes(hashes, m, w, (i) => emit(hashes[i]!, offsets[i]!));
      n = 0;
    };
    for (let u = from; u < to; u++) {
      const unit = text.charCodeAt(u);
      if (unit === SEP) {
        flush();
        continue;
      }
      let code = table[unit]!;
      const at = u;
      if (unit >= 0xd800 && unit <= 0xdbff && u + 1 < to) {
        const low = text.charCodeAt(u + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          u++;
        }
      }
      if (code < 0) continue;
      if (n === codes.length) {
        const grow = <T extends Int32Array | Uint32Array>(a: T, make: (size: number) => T): T => {
          const b = make(a.length * 2);
          b.set(a);
          return b;
        };
        codes = grow(codes, (size) => new Int32Array(size));
        offsets = grow(offsets, (size) => new Int32Array(size));
        hashes = new Uint32Array(codes.length);
      }
      codes[n] = code;
      offsets[n] = at;
      n++;
    }
    flush();
  }

  /** (Re)builds the sorted fingerprints of the whole text, dropping common ones. */
  #indexAll(): void {
    const { w } = this.params;
    const estimate = Math.ceil((this.#text.length * 2.2) / (w + 1)) + 1024;
    const keys = new U32List(estimate);
    const postings = new U32List(estimate);
    this.#winnowText(0, this.#text.length, (hash, offset) => {
      keys.push(hash);
      postings.push(offset);
    });
    const allKeys = keys.trimmed();
    const allPostings = postings.trimmed();
    sortPairs(allKeys, allPostings);
    this.#compactSorted(allKeys, allPostings);
    this.#delta.clear();
    this.#deltaSize = 0;
  }

  /** Drops groups that are too common (and already dropped hashes) from sorted pairs; keeps the rest. */
  #compactSorted(keys: Uint32Array, postings: Uint32Array): void {
    const cutoff = this.commonCutoff;
    let out = 0;
    for (let i = 0; i < keys.length; ) {
      const key = keys[i]!;
      let j = i + 1;
      while (j < keys.length && keys[j] === key) j++;
      let drop = this.#dropped.has(key);
      if (!drop && j - i > cutoff) {
        // Postings ascend within a group (stable sort of ascending offsets): count distinct stories.
        let distinct = 0;
        let lastStory = -1;
        for (let p = i; p < j; p++) {
          const s = this.#storyAt(postings[p]!);
          if (s !== lastStory) {
            distinct++;
            lastStory = s;
          }
        }
        drop = distinct > cutoff;
        if (drop) this.#dropped.add(key);
      }
      if (!drop) {
        for (let p = i; p < j; p++) {
          keys[out] = key;
          postings[out] = postings[p]!;
          out++;
        }
      }
      i = j;
    }
    this.#keys = out === keys.length ? keys : keys.slice(0, out);
    this.#postings = out === postings.length ? postings : postings.slice(0, out);
  }

  /**
   * Adds stories (published or imported): their fingerprints go to the delta, merged
   * into the sorted part when the delta grows past 1/16 of it (or on `toBytes`).
   * Re-adding an id already archived is the caller's choice; both copies are kept.
   */
  add(entries: Iterable<ArchiveEntry>): void {
    const touched = new Set<number>();
    for (const e of entries) {
      const text = archiveText(e.blocks);
      const from = this.#text.length;
      this.#stories.push({ id: e.id, title: e.title, date: e.date, length: text.length });
      this.#starts.push(from);
      this.#text += text;
      this.#winnowText(from, from + text.length, (hash, offset) => {
        if (this.#dropped.has(hash)) return;
        const list = this.#delta.get(hash);
        if (list) list.push(offset);
        else this.#delta.set(hash, [offset]);
        this.#deltaSize++;
        touched.add(hash);
      });
    }
    const cutoff = this.commonCutoff;
    for (const hash of touched) {
      const places = [...this.#mainPostings(hash), ...(this.#delta.get(hash) ?? [])];
      if (places.length <= cutoff) continue;
      if (new Set(places.map((p) => this.#storyAt(p))).size > cutoff) {
        this.#dropped.add(hash);
        this.#droppedSinceCompact = true;
        this.#deltaSize -= this.#delta.get(hash)?.length ?? 0;
        this.#delta.delete(hash);
      }
    }
    if (this.#deltaSize > Math.max(4096, this.#keys.length / 16)) this.compact();
  }

  /** Merges the delta into the sorted part (and removes fingerprints dropped since). */
  compact(): void {
    if (this.#deltaSize === 0 && !this.#droppedSinceCompact) return;
    this.#droppedSinceCompact = false;
    const n = this.#keys.length + this.#deltaSize;
    const keys = new Uint32Array(n);
    const postings = new Uint32Array(n);
    keys.set(this.#keys);
    postings.set(this.#postings);
    let at = this.#keys.length;
    for (const [hash, list] of this.#delta) {
      for (const p of list) {
        keys[at] = hash;
        postings[at] = p;
        at++;
      }
    }
    // Sort by offset first so that the stable sort by hash leaves each group ascending.
    sortPairs(postings, keys);
    sortPairs(keys, postings);
    this.#delta.clear();
    this.#deltaSize = 0;
    this.#compactSorted(keys, postings);
  }

  #mainPostings(hash: number): Uint32Array {
    const from = lowerBound(this.#keys, hash);
    let to = from;
    while (to < this.#keys.length && this.#keys[to] === hash) to++;
    return this.#postings.subarray(from, to);
  }

  /** Every place of `hash` in the archive (none when it was dropped as common). */
  places(hash: number): ArrayLike<number>[] {
    if (this.#dropped.has(hash)) return [];
    const main = this.#mainPostings(hash);
    const delta = this.#delta.get(hash);
    return delta ? [main, delta] : [main];
  }

  /**
   * Maximal runs shared by a normalised draft block and the archive, found through
   * the block's winnowed fingerprints, verified and extended on the archive's text.
   * `skipStory` excludes stories (the draft itself, when it is archived).
   */
  findRuns(codes: Int32Array, skipStory?: (story: ArchivedStory) => boolean): ArchiveRun[] {
    const fp = fingerprints(codes, this.params.k, this.params.w);
    const runs: ArchiveRun[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < fp.count; i++) {
      for (const list of this.places(fp.hashes[i]!)) {
        for (let j = 0; j < list.length; j++) {
          const run = this.extendAt(codes, fp.positions[i]!, list[j]!);
          if (!run) continue;
          const id = run.textStart * 0x100000 + run.draftStart;
          if (seen.has(id)) continue;
          seen.add(id);
          if (skipStory && skipStory(this.#stories[this.#storyAt(run.textStart)]!)) continue;
          runs.push(run);
        }
      }
    }
    return runs;
  }

  /**
   * Verifies that draft codes[pos, pos+k) equal the k kept characters of the text
   * from `offset`, then extends the match both ways until the texts differ or a
   * block ends. Null on a hash collision.
   */
  extendAt(codes: Int32Array, pos: number, offset: number): ArchiveRun | null {
    const text = this.#text;
    const table = matchFoldTable();
    const n = text.length;
    // Forward.
    let i = pos;
    let u = offset;
    let textEnd = offset;
    while (i < codes.length && u < n) {
      let unit = text.charCodeAt(u);
      if (unit === SEP) break;
      let next = u + 1;
      let code: number;
      if (unit >= 0xd800 && unit <= 0xdbff && next < n) {
        const low = text.charCodeAt(next);
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
    if (i - pos < this.params.k) return null;
    const draftEnd = i;
    // Backward.
    i = pos - 1;
    u = offset;
    let textStart = offset;
    while (i >= 0 && u > 0) {
      let unit = text.charCodeAt(u - 1);
      if (unit === SEP) break;
      let prev = u - 1;
      let code: number;
      if (unit >= 0xdc00 && unit <= 0xdfff && prev > 0) {
        const high = text.charCodeAt(prev - 1);
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
    return { draftStart: i + 1, draftEnd, textStart, textEnd };
  }

  /**
   * The text span of `count` kept (non-dropped) characters starting `skip` kept
   * characters after `offset` (which is at a kept character): maps a part of a
   * verified run back to the archived text.
   */
  keptSpan(offset: number, skip: number, count: number): { start: number; end: number } {
    const table = matchFoldTable();
    const text = this.#text;
    let u = offset;
    let seen = 0;
    let start = offset;
    let end = offset;
    while (u < text.length && seen < skip + count) {
      const unit = text.charCodeAt(u);
      const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00;
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
    let paragraph = 0;
    let blockStart = storyStart;
    for (let u = storyStart; u < textStart; u++) {
      if (this.#text.charCodeAt(u) === SEP) {
        paragraph++;
        blockStart = u + 1;
      }
    }
    const blockEnd = this.#text.indexOf(SEP_CHAR, blockStart);
    const block = this.#text.slice(blockStart, blockEnd < 0 ? undefined : blockEnd);
    return {
      story,
      paragraph,
      start: codePointOffset(block, textStart - blockStart),
      end: codePointOffset(block, textEnd - blockStart),
      text: this.#text.slice(textStart, textEnd),
    };
  }

  /**
   * The fingerprints in binary form (little-endian): a 16-word header (magic, format,
   * parameters, story count, text length, stories hash, counts), then keys, postings
   * and dropped hashes as Uint32 arrays. Stories and text are stored beside it by the
   * caller and handed back to `fromBytes`, which checks they still match.
   */
  toBytes(): Uint8Array {
    this.compact();
    const dropped = Uint32Array.from(this.#dropped).sort();
    const p = this.#keys.length;
    const words = new Uint32Array(HEADER_WORDS + 2 * p + dropped.length);
    words.set([
      MAGIC,
      ARCHIVE_INDEX_FORMAT,
      this.params.k,
      this.params.w,
      this.params.commonMinStories,
      Math.round(this.params.commonFraction * 1e6),
      this.#stories.length,
      this.#text.length,
      storiesHash(this.params, this.#stories, this.#text.length),
      p,
      dropped.length,
    ]);
    words.set(this.#keys, HEADER_WORDS);
    words.set(this.#postings, HEADER_WORDS + p);
    words.set(dropped, HEADER_WORDS + 2 * p);
    return new Uint8Array(words.buffer);
  }

  /** Reads `toBytes` output; throws StaleArchiveIndexError when it does not belong to these stories and text. */
  static fromBytes(bytes: Uint8Array, stories: readonly ArchivedStory[], text: string): ArchiveIndex {
    if (bytes.byteLength < HEADER_WORDS * 4 || bytes.byteLength % 4 !== 0) throw new StaleArchiveIndexError('truncated');
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
    if (words[0] !== MAGIC) throw new StaleArchiveIndexError('not an archive index');
    if (words[1] !== ARCHIVE_INDEX_FORMAT) throw new StaleArchiveIndexError(`format ${words[1]}, expected ${ARCHIVE_INDEX_FORMAT}`);
    const params: ArchiveParams = {
      k: words[2]!,
      w: words[3]!,
      commonMinStories: words[4]!,
      commonFraction: words[5]! / 1e6,
    };
    const p = words[9]!;
    const d = words[10]!;
    if (words.length !== HEADER_WORDS + 2 * p + d) throw new StaleArchiveIndexError('truncated');
    if (words[6] !== stories.length || words[7] !== text.length) {
      throw new StaleArchiveIndexError(`built for ${words[6]} stories, the archive has ${stories.length}`);
    }
    if (words[8] !== storiesHash(params, stories, text.length)) throw new StaleArchiveIndexError('story list changed');
    const index = new ArchiveIndex(params);
    index.#setStories(stories, text);
    index.#keys = words.subarray(HEADER_WORDS, HEADER_WORDS + p);
    index.#postings = words.subarray(HEADER_WORDS + p, HEADER_WORDS + 2 * p);
    index.#dropped = new Set(words.subarray(HEADER_WORDS + 2 * p));
    return index;
  }
}
