/**
 * Full-text search over the archive, in Chinese (issue 8): a character-bigram
 * inverted index ranked by BM25, re-ranked by phrase proximity, with snippets.
 *
 * Why bigrams: Chinese has no spaces, and a word segmenter (a dictionary, a model)
 * is a dependency with opinions about 党建 vocabulary; overlapping bigrams find
 * every substring of two or more characters with no dictionary, and BM25 over them
 * ranks well for the short queries people type (a name, a place, a slogan).
 *
 * Text is folded like the duplicate check (shared/text/normalize.ts): punctuation,
 * spaces and width differences do not matter; U+2029 (a paragraph end in the
 * archive's text) breaks bigrams. Layout for ~30 million characters:
 * - an open-addressing table bigram → slot (two Int32Arrays);
 * - postings per slot in one Uint32Array of document numbers (increasing) and one
 *   Uint16Array of term frequencies, found by an offsets array (CSR layout);
 * - documents added after the build go to a delta (Map of slot → pairs), merged into
 *   the CSR arrays in one linear pass (no text is read again) when it passes 1/8 of
 *   them, and before the binary form is written.
 * The index holds no text: snippets and phrase checks read a document's text through
 * `textOf` (the archive's, decoded for the few candidates of a query), so the archive
 * text is held once. The binary form (toBytes) is the typed arrays as they are, so
 * loading is one read and no parsing; it may cover only the first documents of the
 * archive (fromBytes with acceptPrefix), the caller adds the rest.
 * Ranking: BM25 (k1 = 1.2, b = 0.75) summed over the query's distinct bigrams,
 * then the top candidates are re-scored by the longest run of consecutive query
 * bigrams found in order in the document, a bonus when the headline holds the
 * phrase; stories holding the whole query (ignoring punctuation) rank before the rest.
 */
import { matchFoldTable } from '../text/normalize';

export type SearchDoc = {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** Page name ("B6") or '' when unknown. */
  page: string;
  /** The story's text: blocks each ended by U+2029 (ArchiveIndex.text's form). */
  text: string;
};

export type SearchHit = {
  id: string;
  title: string;
  date: string;
  page: string;
  score: number;
  /** Whether the whole query was found as a phrase (ignoring punctuation and spaces). */
  phrase: boolean;
  /** Some text around the best match, one line. */
  snippet: string;
  /** UTF-16 ranges [start, end) of `snippet` to highlight. */
  highlights: Array<[number, number]>;
};

const SEP = 0x2029;
const K1 = 1.2;
const B = 0.75;
const EMPTY = -1;

/** Folded code units of `text` with their UTF-16 offsets; -1 where a paragraph ends. */
function fold(text: string): { codes: Int32Array; origin: Int32Array; length: number } {
  const table = matchFoldTable();
  const codes = new Int32Array(text.length);
  const origin = new Int32Array(text.length);
  let n = 0;
  for (let u = 0; u < text.length; u++) {
    const unit = text.charCodeAt(u);
    if (unit === SEP) {
      if (n > 0 && codes[n - 1] !== -1) {
        codes[n] = -1;
        origin[n++] = u;
      }
      continue;
    }
    const f = table[unit]!;
    if (f < 0) continue;
    codes[n] = f;
    origin[n++] = u;
  }
  return { codes, origin, length: n };
}

const keyOf = (a: number, b: number) => ((a & 0xffff) * 0x10000 + (b & 0xffff)) >>> 0;

class BigramTable {
  keys: Int32Array;
  slots: Int32Array;
  /** The key of each slot, in slot order. */
  slotKeys = new Uint32Array(1024);
  size = 0;
  #shift: number;
  constructor(capacity = 1 << 16) {
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.slots = new Int32Array(capacity);
    this.#shift = 32 - Math.log2(capacity);
  }
  #probe(key: number): number {
    const mask = this.keys.length - 1;
    // Fibonacci hashing: the HIGH bits of the product are the well-mixed ones.
    let h = Math.imul(key, 0x9e3779b1) >>> this.#shift;
    for (;;) {
      const at = h & mask;
      const k = this.keys[at]!;
      if (k === EMPTY || k === (key | 0)) return at;
      h++;
    }
  }
  get(key: number): number {
    const at = this.#probe(key);
    return this.keys[at] === EMPTY ? -1 : this.slots[at]!;
  }
  getOrAdd(key: number): number {
    let at = this.#probe(key);
    if (this.keys[at] !== EMPTY) return this.slots[at]!;
    if ((this.size + 1) * 2 > this.keys.length) {
      this.#grow();
      at = this.#probe(key);
    }
    this.keys[at] = key | 0;
    this.slots[at] = this.size;
    if (this.size === this.slotKeys.length) {
      const bigger = new Uint32Array(this.slotKeys.length * 2);
      bigger.set(this.slotKeys);
      this.slotKeys = bigger;
    }
    this.slotKeys[this.size] = key >>> 0;
    return this.size++;
  }
  #grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Int32Array(oldKeys.length * 2).fill(EMPTY);
    this.slots = new Int32Array(oldKeys.length * 2);
    this.#shift--;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] === EMPTY) continue;
      const at = this.#probe(oldKeys[i]! >>> 0);
      this.keys[at] = oldKeys[i]!;
      this.slots[at] = oldSlots[i]!;
    }
  }
}

/** A document as the index keeps it: no text (see textOf). */
type DocMeta = { id: string; title: string; date: string; page: string; length: number };

/** What the binary form is checked against: a document without its text, with the text's UTF-16 length. */
export type SearchDocMeta = Omit<SearchDoc, 'text'> & { textLength: number };

/** The binary form does not belong to the documents given with it, or is damaged: rebuild. */
export class StaleSearchIndexError extends Error {
  constructor(reason: string) {
    super(`the search index is stale (${reason}); rebuild it from the archived texts`);
    this.name = 'StaleSearchIndexError';
  }
}

/** Bumped whenever folding, the bigram keys or the binary layout changes. */
export const SEARCH_INDEX_FORMAT = 3;
const MAGIC = 0x53444444; // "DDDS" little-endian
const HEADER_WORDS = 16;

/** FNV-1a over what the index was built from: documents' ids, titles and text lengths. */
function docsHash(
  docs: readonly { id: string; title: string }[],
  textLengths: readonly number[],
  count: number,
): number {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  mix(`${SEARCH_INDEX_FORMAT}|${count}`);
  for (let i = 0; i < count; i++) mix(`|${docs[i]!.id}\u0000${docs[i]!.title}:${textLengths[i]}`);
  return h >>> 0;
}

function wordsChecksum(words: Uint32Array, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0;
}

/** A growable byte array written as LEB128 varints. */
class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(64, capacity));
  }
  varint(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const bigger = new Uint8Array(Math.ceil(this.bytes.length * 1.5) + 16);
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }
  append(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.bytes.length) {
      const bigger = new Uint8Array(
        Math.max(this.length + bytes.length, Math.ceil(this.bytes.length * 1.5)) + 16,
      );
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }
}

/**
 * One posting list: its length and its last document, then per document the gap
 * to the previous one (minus one) times two, plus one when the term frequency
 * follows (tf > 1). The header lets a merge append to a list without decoding it.
 */
function encodeList(
  out: ByteWriter,
  docs: ArrayLike<number>,
  tfs: ArrayLike<number>,
  from: number,
  to: number,
  prev = -1,
): void {
  out.varint(to - from);
  out.varint(to > from ? docs[to - 1]! : 0);
  encodeEntries(out, docs, tfs, from, to, prev);
}

function encodeEntries(
  out: ByteWriter,
  docs: ArrayLike<number>,
  tfs: ArrayLike<number>,
  from: number,
  to: number,
  prev: number,
): void {
  for (let i = from; i < to; i++) {
    const doc = docs[i]!;
    const tf = tfs[i]!;
    out.varint((doc - prev - 1) * 2 + (tf > 1 ? 1 : 0));
    if (tf > 1) out.varint(tf);
    prev = doc;
  }
}

/** Reads a varint at bytes[at]; the value, and the offset after it in `next.at`. */
function readVarint(bytes: Uint8Array, at: number, next: { at: number }): number {
  let byte = bytes[at++]!;
  let v = byte & 0x7f;
  for (let shift = 7; byte >= 0x80; shift += 7) {
    byte = bytes[at++]!;
    v += (byte & 0x7f) * 2 ** shift;
  }
  next.at = at;
  return v;
}

export class ArchiveSearchIndex {
  #docs: DocMeta[] = [];
  /** UTF-16 length of each document's text (for the binary form's check). */
  #textLengths: number[] = [];
  /** Texts kept by the index itself when no `textOf` was given. */
  #texts: string[] | null = null;
  readonly #textOf: (doc: number) => string;
  /**
   * Main part, by slot (slots never change once given): each slot's bigram key and
   * its posting list, varint-coded (encodeList) in #postBytes from #postOffsets[i];
   * #sorted lists the slots in key order, for lookups without the table.
   */
  #keys: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  #sorted: Uint32Array<ArrayBufferLike> | null = new Uint32Array(0);
  #postOffsets: Uint32Array<ArrayBufferLike> = new Uint32Array(1);
  #postBytes: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  #mainPairs = 0;
  /**
   * Bigram → slot for adding documents: the main slots first, new bigrams after
   * them. Made from #keys on the first add after a build or load, then kept.
   */
  #table: BigramTable | null = null;
  /**
   * Postings of documents added since the last merge, as one linked list per slot
   * in typed arrays (no per-slot arrays for the collector): #dHead[slot] is the
   * newest entry, #dNext the one before it; #dCount[slot] the list's length.
   */
  #dHead = new Int32Array(0);
  #dCount = new Uint32Array(0);
  #dNext = new Int32Array(1024);
  #dSlot = new Uint32Array(1024);
  #dDoc = new Uint32Array(1024);
  #dTf = new Uint32Array(1024);
  #deltaPairs = 0;
  /** Sum of indexed lengths, for BM25's average length. */
  #totalLength = 0;
  // Scratch of #countDoc: folded codes, and a small per-document table bigram → count.
  #codes = new Int32Array(4096);
  #docKeys = new Int32Array(8192).fill(EMPTY);
  #docCounts = new Uint32Array(8192);
  #docUsed = new Int32Array(4096);
  // Scratch of a decoded posting list.
  #listDocs = new Uint32Array(1024);
  #listTfs = new Uint32Array(1024);
  #scores = new Float64Array(0);

  /**
   * `textOf(doc)`: the text of document number `doc` (in the order added), for
   * snippets; without it the index keeps the texts it is given.
   */
  constructor(textOf?: (doc: number) => string) {
    if (textOf) this.#textOf = textOf;
    else {
      const texts: string[] = (this.#texts = []);
      this.#textOf = (doc) => texts[doc]!;
    }
  }

  get size(): number {
    return this.#docs.length;
  }

  /** Postings held (main part and delta). */
  get pairCount(): number {
    return this.#mainPairs + this.#deltaPairs;
  }

  /** The indexed documents, in order, with their texts. */
  docs(): ReadonlyArray<Omit<DocMeta, 'length'> & { text: string }> {
    return this.#docs.map((d, i) => ({
      id: d.id,
      title: d.title,
      date: d.date,
      page: d.page,
      text: this.#textOf(i),
    }));
  }

  static build(
    docs: Iterable<SearchDoc>,
    options: { textOf?: (doc: number) => string } = {},
  ): ArchiveSearchIndex {
    const index = new ArchiveSearchIndex(options.textOf);
    index.#rebuild(Array.isArray(docs) ? (docs as readonly SearchDoc[]) : [...docs]);
    return index;
  }

  #push(d: SearchDoc, length: number): void {
    this.#docs.push({ id: d.id, title: d.title, date: d.date, page: d.page, length });
    this.#textLengths.push(d.text.length);
    this.#texts?.push(d.text);
    this.#totalLength += length;
  }

  /** The table for adding: main slot i is keys[i]. */
  #tableForAdd(): BigramTable {
    if (this.#table) return this.#table;
    let capacity = 1 << 16;
    while (capacity < this.#keys.length * 3) capacity *= 2;
    const table = new BigramTable(capacity);
    for (let i = 0; i < this.#keys.length; i++) table.getOrAdd(this.#keys[i]!);
    this.#table = table;
    return table;
  }

  /** The slot of a bigram key, -1 when no document has it. */
  #slotOf(key: number): number {
    if (this.#table) return this.#table.get(key);
    const keys = this.#keys;
    const sorted = this.#sortedSlots();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[sorted[mid]!]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && keys[sorted[lo]!] === key ? sorted[lo]! : -1;
  }

  /** The main slots in key order (an LSD radix sort of (key, slot) pairs, made when first needed). */
  #sortedSlots(): Uint32Array<ArrayBufferLike> {
    if (this.#sorted) return this.#sorted;
    const n = this.#keys.length;
    let keys = Uint32Array.from(this.#keys);
    let slots = new Uint32Array(n);
    for (let i = 0; i < n; i++) slots[i] = i;
    let keys2 = new Uint32Array(n);
    let slots2 = new Uint32Array(n);
    const counts = new Uint32Array(0x10000);
    for (const shift of [0, 16]) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
      for (let b = 0, sum = 0; b < 0x10000; b++) {
        const c = counts[b]!;
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const at = counts[(keys[i]! >>> shift) & 0xffff]!++;
        keys2[at] = keys[i]!;
        slots2[at] = slots[i]!;
      }
      [keys, keys2] = [keys2, keys];
      [slots, slots2] = [slots2, slots];
    }
    this.#sorted = slots;
    return slots;
  }

  /** Decodes a main slot's list into #listDocs / #listTfs; returns its length. */
  #decode(slot: number): number {
    if (slot >= this.#keys.length) return 0;
    const bytes = this.#postBytes;
    let at = this.#postOffsets[slot]!;
    const next = { at };
    const n = readVarint(bytes, at, next);
    readVarint(bytes, next.at, next); // the last document
    at = next.at;
    if (this.#listDocs.length < n) {
      this.#listDocs = new Uint32Array(n * 2);
      this.#listTfs = new Uint32Array(n * 2);
    }
    const docs = this.#listDocs;
    const tfs = this.#listTfs;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      // Values stay under 2^31 (document numbers): shifts are safe up to 28.
      let byte = bytes[at++]!;
      let v = byte & 0x7f;
      for (let shift = 7; byte >= 0x80; shift += 7) {
        byte = bytes[at++]!;
        v |= (byte & 0x7f) << shift;
      }
      const doc = prev + 1 + (v >>> 1);
      docs[i] = doc;
      if (v & 1) {
        byte = bytes[at++]!;
        let tf = byte & 0x7f;
        for (let shift = 7; byte >= 0x80; shift += 7) {
          byte = bytes[at++]!;
          tf |= (byte & 0x7f) << shift;
        }
        tfs[i] = tf;
      } else tfs[i] = 1;
      prev = doc;
    }
    return n;
  }

  /** Adds documents; they are searchable at once (through the delta, merged into the main lists when it grows). */
  add(docs: readonly SearchDoc[]): void {
    if (docs.length === 0) return;
    if (this.#docs.length === 0) {
      this.#rebuild(docs);
      return;
    }
    this.#tableForAdd();
    let doc = 0;
    const collect = (slot: number, tf: number): void => {
      if (slot >= this.#dHead.length) {
        const head = new Int32Array(Math.max(slot + 1, Math.ceil(this.#dHead.length * 1.5), 1024)).fill(-1);
        head.set(this.#dHead);
        const count = new Uint32Array(head.length);
        count.set(this.#dCount);
        this.#dHead = head;
        this.#dCount = count;
      }
      const at = this.#deltaPairs++;
      if (at === this.#dNext.length) {
        const grow = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
          const b = make(a.length * 2);
          b.set(a);
          return b;
        };
        this.#dNext = grow(this.#dNext, (n) => new Int32Array(n));
        this.#dSlot = grow(this.#dSlot, (n) => new Uint32Array(n));
        this.#dDoc = grow(this.#dDoc, (n) => new Uint32Array(n));
        this.#dTf = grow(this.#dTf, (n) => new Uint32Array(n));
      }
      this.#dNext[at] = this.#dHead[slot]!;
      this.#dSlot[at] = slot;
      this.#dDoc[at] = doc;
      this.#dTf[at] = tf;
      this.#dHead[slot] = at;
      this.#dCount[slot]!++;
    };
    for (const d of docs) {
      doc = this.#docs.length;
      this.#push(d, this.#countDoc(d, collect));
    }
    if (this.#deltaPairs > Math.max(2_000_000, this.#mainPairs / 4)) this.#merge();
  }

  /**
   * Merges the delta into the main part: one pass, no text read. A list the delta
   * did not touch is copied as coded bytes (runs of them in one copy); a touched one
   * gets its new header, its old entries copied as bytes and the new ones coded;
   * new bigrams' lists come after, in slot order (slots never change: the table stays).
   */
  #merge(): void {
    if (this.#deltaPairs === 0) return;
    const table = this.#tableForAdd();
    const mainSlots = this.#keys.length;
    const slots = table.size;
    const old = this.#postBytes;
    const oldOffsets = this.#postOffsets;
    const offsets = new Uint32Array(slots + 1);
    const out = new ByteWriter(old.length + this.#deltaPairs * 3 + 1024);
    // The delta's entries grouped by slot (a counting sort: entries are in document
    // order, so each group ascends), rather than walking each slot's linked list.
    const dCount = this.#dCount;
    const groupAt = new Uint32Array(dCount.length + 1);
    for (let slot = 0; slot < dCount.length; slot++) groupAt[slot + 1] = groupAt[slot]! + dCount[slot]!;
    const fill = groupAt.slice(0, dCount.length);
    const gDoc = new Uint32Array(this.#deltaPairs);
    const gTf = new Uint32Array(this.#deltaPairs);
    for (let e = 0; e < this.#deltaPairs; e++) {
      const at = fill[this.#dSlot[e]!]!++;
      gDoc[at] = this.#dDoc[e]!;
      gTf[at] = this.#dTf[e]!;
    }
    let pendFrom = 0;
    let pendTo = 0;
    const flush = () => {
      if (pendTo > pendFrom) out.append(old.subarray(pendFrom, pendTo));
      pendFrom = pendTo = 0;
    };
    const next = { at: 0 };
    for (let slot = 0; slot < slots; slot++) {
      const extra = slot < dCount.length ? dCount[slot]! : 0;
      const from = extra > 0 ? groupAt[slot]! : 0;
      if (slot >= mainSlots) {
        flush();
        offsets[slot] = out.length;
        encodeList(out, gDoc, gTf, from, from + extra);
      } else if (extra > 0) {
        flush();
        offsets[slot] = out.length;
        const n = readVarint(old, oldOffsets[slot]!, next);
        const last = readVarint(old, next.at, next);
        out.varint(n + extra);
        out.varint(gDoc[from + extra - 1]!);
        out.append(old.subarray(next.at, oldOffsets[slot + 1]!));
        encodeEntries(out, gDoc, gTf, from, from + extra, last);
      } else {
        if (pendTo !== oldOffsets[slot]) {
          flush();
          pendFrom = oldOffsets[slot]!;
        }
        offsets[slot] = out.length + (oldOffsets[slot]! - pendFrom);
        pendTo = oldOffsets[slot + 1]!;
      }
    }
    flush();
    offsets[slots] = out.length;
    this.#keys = table.slotKeys.slice(0, slots);
    this.#sorted = null;
    this.#postOffsets = offsets;
    this.#postBytes = out.bytes.subarray(0, out.length);
    this.#mainPairs += this.#deltaPairs;
    this.#clearDelta();
  }

  /**
   * Calls `emit(slot, tf)` once per distinct bigram of the document; returns its
   * indexed length. Bigrams are counted in a small per-document table first (it stays
   * in cache), so the big table is probed once per distinct bigram.
   */
  #countDoc(d: SearchDoc, emit: (slot: number, tf: number) => void): number {
    const folds = matchFoldTable();
    const text = `${d.title}\u2029${d.text}`;
    if (this.#codes.length < text.length)
      this.#codes = new Int32Array(Math.max(text.length, this.#codes.length * 2));
    const codes = this.#codes;
    let length = 0;
    for (let u = 0; u < text.length; u++) {
      const unit = text.charCodeAt(u);
      if (unit === SEP) {
        if (length > 0 && codes[length - 1] !== -1) codes[length++] = -1;
        continue;
      }
      const f = folds[unit]!;
      if (f >= 0) codes[length++] = f;
    }
    if (this.#docKeys.length < length * 2) {
      let cap = this.#docKeys.length;
      while (cap < length * 2) cap *= 2;
      this.#docKeys = new Int32Array(cap).fill(EMPTY);
      this.#docCounts = new Uint32Array(cap);
      this.#docUsed = new Int32Array(cap / 2);
    }
    const table = this.#table!;
    const keys = this.#docKeys;
    const counts = this.#docCounts;
    const used = this.#docUsed;
    const mask = keys.length - 1;
    const shift = 32 - Math.log2(keys.length);
    let distinct = 0;
    for (let i = 0; i + 1 < length; i++) {
      const a = codes[i]!;
      const b = codes[i + 1]!;
      if (a < 0 || b < 0) continue;
      const key = keyOf(a, b) | 0;
      let at = Math.imul(key, 0x9e3779b1) >>> shift;
      for (;;) {
        const k = keys[at]!;
        if (k === key) {
          counts[at]!++;
          break;
        }
        if (k === EMPTY) {
          keys[at] = key;
          counts[at] = 1;
          used[distinct++] = at;
          break;
        }
        at = (at + 1) & mask;
      }
    }
    for (let i = 0; i < distinct; i++) {
      const at = used[i]!;
      emit(table.getOrAdd(keys[at]! >>> 0), Math.min(counts[at]!, 0xffff));
      keys[at] = EMPTY;
    }
    return length;
  }

  #clearDelta(): void {
    this.#dHead = new Int32Array(0);
    this.#dCount = new Uint32Array(0);
    this.#deltaPairs = 0;
  }

  #rebuild(docs: readonly SearchDoc[]): void {
    if (this.#docs.length > 0) throw new Error('rebuild of a non-empty search index');
    this.#clearDelta();
    const table = (this.#table = new BigramTable(1 << 16));
    // Pass 1: distinct bigrams per document → list sizes.
    let counts = new Uint32Array(1 << 16);
    let pairs = 0;
    for (const d of docs) {
      const length = this.#countDoc(d, (slot) => {
        if (slot >= counts.length) {
          const bigger = new Uint32Array(Math.max(slot + 1, counts.length * 2));
          bigger.set(counts);
          counts = bigger;
        }
        counts[slot]!++;
        pairs++;
      });
      this.#push(d, length);
    }
    const slots = table.size;
    const offsets = new Uint32Array(slots + 1);
    for (let s = 0; s < slots; s++) offsets[s + 1] = offsets[s]! + counts[s]!;
    const fill = offsets.slice(0, slots);
    const postDocs = new Uint32Array(pairs);
    const postTf = new Uint16Array(pairs);
    // Pass 2: the same walk, writing the postings in document order.
    for (const [doc, d] of docs.entries()) {
      this.#countDoc(d, (slot, tf) => {
        const at = fill[slot]!++;
        postDocs[at] = doc;
        postTf[at] = tf;
      });
    }
    // The main part: lists coded, in slot order.
    const out = new ByteWriter(pairs * 2 + 1024);
    const postOffsets = new Uint32Array(slots + 1);
    for (let slot = 0; slot < slots; slot++) {
      postOffsets[slot] = out.length;
      encodeList(out, postDocs, postTf, offsets[slot]!, offsets[slot + 1]!);
    }
    postOffsets[slots] = out.length;
    this.#keys = table.slotKeys.slice(0, slots);
    this.#sorted = null;
    this.#postOffsets = postOffsets;
    this.#postBytes = out.bytes.subarray(0, out.length);
    this.#mainPairs = pairs;
    // The big table is dropped (rebuilt by the first add): a loaded or built index
    // that only answers queries finds bigrams through #sorted.
    this.#table = null;
  }

  /**
   * The binary form (little-endian Uint32 words): a 16-word header (magic, format,
   * documents, total length, documents hash, slots, coded bytes, pairs, checksum),
   * then the documents' indexed lengths, each slot's bigram key, the slots in key
   * order, the lists' offsets and the coded lists (padded to a word).
   */
  toBytes(): Uint8Array {
    this.#merge();
    const n = this.#docs.length;
    const slots = this.#keys.length;
    const coded = this.#postBytes.length;
    const words = new Uint32Array(HEADER_WORDS + n + 2 * slots + (slots + 1) + Math.ceil(coded / 4));
    let at = HEADER_WORDS;
    for (const d of this.#docs) words[at++] = d.length;
    words.set(this.#keys, at);
    at += slots;
    words.set(this.#sortedSlots(), at);
    at += slots;
    words.set(this.#postOffsets, at);
    at += slots + 1;
    new Uint8Array(words.buffer, at * 4, coded).set(this.#postBytes);
    words.set([
      MAGIC,
      SEARCH_INDEX_FORMAT,
      n,
      this.#totalLength,
      docsHash(this.#docs, this.#textLengths, n),
      slots,
      coded,
      this.#mainPairs,
    ]);
    words[8] = wordsChecksum(words, HEADER_WORDS);
    return new Uint8Array(words.buffer);
  }

  /**
   * Reads `toBytes` output for `docs` (or, with acceptPrefix, for their first ones:
   * `size` then says how many, and the caller adds the rest). Throws
   * StaleSearchIndexError when it belongs to other documents or is damaged. The
   * arrays are views on `bytes` (no copy, nothing decoded until a query needs it).
   */
  static fromBytes(
    bytes: Uint8Array,
    docs: readonly SearchDocMeta[],
    textOf: (doc: number) => string,
    options: { acceptPrefix?: boolean } = {},
  ): ArchiveSearchIndex {
    if (bytes.byteLength < HEADER_WORDS * 4 || bytes.byteLength % 4 !== 0)
      throw new StaleSearchIndexError('truncated');
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
    if (words[0] !== MAGIC) throw new StaleSearchIndexError('not a search index');
    if (words[1] !== SEARCH_INDEX_FORMAT)
      throw new StaleSearchIndexError(`format ${words[1]}, expected ${SEARCH_INDEX_FORMAT}`);
    const [n, totalLength, hash, slots, coded, pairs, checksum] = [
      words[2]!,
      words[3]!,
      words[4]!,
      words[5]!,
      words[6]!,
      words[7]!,
      words[8]!,
    ];
    if (options.acceptPrefix ? n > docs.length : n !== docs.length) {
      throw new StaleSearchIndexError(`built for ${n} stories, the archive has ${docs.length}`);
    }
    if (words.length !== HEADER_WORDS + n + 3 * slots + 1 + Math.ceil(coded / 4))
      throw new StaleSearchIndexError('truncated');
    const textLengths = docs.slice(0, n).map((d) => d.textLength);
    if (hash !== docsHash(docs, textLengths, n)) throw new StaleSearchIndexError('story list changed');
    if (checksum !== wordsChecksum(words, HEADER_WORDS))
      throw new StaleSearchIndexError('damaged (checksum)');
    const index = new ArchiveSearchIndex(textOf);
    let at = HEADER_WORDS;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      index.#docs.push({ id: d.id, title: d.title, date: d.date, page: d.page, length: words[at + i]! });
    }
    index.#textLengths = textLengths;
    at += n;
    index.#keys = words.subarray(at, at + slots);
    at += slots;
    index.#sorted = words.subarray(at, at + slots);
    at += slots;
    index.#postOffsets = words.subarray(at, at + slots + 1);
    at += slots + 1;
    index.#postBytes = new Uint8Array(words.buffer, words.byteOffset + at * 4, coded);
    index.#mainPairs = pairs;
    index.#totalLength = totalLength;
    if (index.#postOffsets[slots] !== coded) throw new StaleSearchIndexError('damaged (offsets)');
    return index;
  }

  /** Ranked hits for `query` (at least one character after folding), best first. */
  search(query: string, limit = 20): SearchHit[] {
    const q = fold(query);
    const qcodes = Array.from(q.codes.subarray(0, q.length)).filter((c) => c >= 0);
    if (qcodes.length === 0 || this.#docs.length === 0) return [];
    if (qcodes.length === 1) return this.#searchOne(qcodes[0]!, limit);

    const n = this.#docs.length;
    if (this.#scores.length < n) this.#scores = new Float64Array(Math.max(n, this.#scores.length * 2));
    const scores = this.#scores;
    const touched: number[] = [];
    const avg = this.#totalLength / n || 1;
    const qkeys: number[] = [];
    for (let i = 0; i + 1 < qcodes.length; i++) qkeys.push(keyOf(qcodes[i]!, qcodes[i + 1]!));
    const distinct = [...new Set(qkeys)];
    for (const key of distinct) {
      const slot = this.#slotOf(key);
      if (slot < 0) continue;
      const main = this.#decode(slot);
      const extra = slot < this.#dCount.length ? this.#dCount[slot]! : 0;
      const df = main + extra;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const weight = qkeys.filter((k) => k === key).length;
      const add = (doc: number, tf: number) => {
        const len = this.#docs[doc]!.length;
        const s = (idf * weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += s;
      };
      for (let i = 0; i < main; i++) add(this.#listDocs[i]!, this.#listTfs[i]!);
      for (let e = extra > 0 ? this.#dHead[slot]! : -1; e >= 0; e = this.#dNext[e]!)
        add(this.#dDoc[e]!, this.#dTf[e]!);
    }
    // Ties by document number: the same order however the postings are laid out (main part, delta).
    touched.sort((a, b) => scores[b]! - scores[a]! || a - b);
    const candidates = touched.slice(0, Math.max(limit * 4, 40));
    const hits = candidates.map((doc) => this.#rerank(doc, scores[doc]!, qcodes, qkeys));
    for (const doc of touched) scores[doc] = 0;
    // A story holding the whole query comes before one holding only parts of it.
    hits.sort(
      (a, b) =>
        Number(b.phrase) - Number(a.phrase) ||
        b.score - a.score ||
        (a.date < b.date ? 1 : a.date > b.date ? -1 : 0),
    );
    return hits.slice(0, limit);
  }

  #rerank(doc: number, bm25: number, qcodes: number[], qkeys: number[]): SearchHit {
    const d = this.#docs[doc]!;
    const text = this.#textOf(doc);
    const body = fold(text);
    const inBody = longestRun(body.codes, body.length, qcodes);
    const title = fold(d.title);
    const inTitle = longestRun(title.codes, title.length, qcodes);
    const best = Math.max(inBody.run, inTitle.run);
    const qlen = qcodes.length;
    const phrase = best === qlen;
    let score = bm25 * (1 + Math.max(0, best - 1) / Math.max(1, qkeys.length));
    if (phrase) score *= 1.5;
    if (inTitle.run === qlen) score += bm25 * 0.5;
    const { snippet, highlights } = snippetOf(
      text,
      body.codes,
      body.origin,
      body.length,
      inBody.at,
      inBody.run,
    );
    return { id: d.id, title: d.title, date: d.date, page: d.page, score, phrase, snippet, highlights };
  }

  /** A one-character query: documents holding it, by count (a scan of every text; fast enough for the rare case). */
  #searchOne(code: number, limit: number): SearchHit[] {
    const ch = String.fromCharCode(code);
    const found: Array<{ doc: number; score: number; at: number }> = [];
    for (let doc = 0; doc < this.#docs.length; doc++) {
      const d = this.#docs[doc]!;
      const text = this.#textOf(doc);
      let count = 0;
      let at = -1;
      for (let i = text.indexOf(ch); i >= 0 && count < 50; i = text.indexOf(ch, i + 1)) {
        if (at < 0) at = i;
        count++;
      }
      if (count === 0 && !d.title.includes(ch)) continue;
      found.push({ doc, score: count / (1 + d.length / 1000) + (d.title.includes(ch) ? 1 : 0), at });
    }
    found.sort((a, b) => b.score - a.score);
    return found.slice(0, limit).map(({ doc, score, at }) => {
      const d = this.#docs[doc]!;
      const from = Math.max(0, at - 30);
      const snippet = at < 0 ? '' : oneLine(this.#textOf(doc).slice(from, at + 50));
      return {
        id: d.id,
        title: d.title,
        date: d.date,
        page: d.page,
        score,
        phrase: true,
        snippet,
        highlights: rangesOf(snippet, ch),
      };
    });
  }
}

/** The longest run of consecutive query characters found in order in `codes`, and where it starts. */
function longestRun(codes: Int32Array, length: number, q: number[]): { run: number; at: number } {
  const starts = new Map<number, number[]>();
  q.forEach((c, j) => {
    const list = starts.get(c);
    if (list) list.push(j);
    else starts.set(c, [j]);
  });
  let run = 0;
  let at = -1;
  for (let i = 0; i < length && run < q.length; i++) {
    const js = starts.get(codes[i]!);
    if (!js) continue;
    for (const j of js) {
      if (q.length - j <= run) continue;
      let k = 0;
      while (j + k < q.length && i + k < length && codes[i + k] === q[j + k]) k++;
      if (k > run) {
        run = k;
        at = i;
      }
    }
  }
  return { run, at };
}

const oneLine = (s: string) => s.replace(/[\u2029\n]/g, ' ');

function rangesOf(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length))
    out.push([i, i + needle.length]);
  return out;
}

/** About 80 characters around the best run, its matches of the run's text highlighted. */
function snippetOf(
  text: string,
  codes: Int32Array,
  origin: Int32Array,
  length: number,
  at: number,
  run: number,
): { snippet: string; highlights: Array<[number, number]> } {
  if (at < 0 || run === 0) return { snippet: oneLine(text.slice(0, 80)), highlights: [] };
  const startU = origin[at]!;
  const endU = origin[at + run - 1]! + 1;
  const from = Math.max(0, startU - 30);
  const to = Math.min(text.length, Math.max(endU + 40, from + 80));
  const snippet = oneLine(text.slice(from, to));
  // Highlight every occurrence (folded) of the run's characters inside the snippet.
  const runCodes = Array.from(codes.subarray(at, at + run));
  const highlights: Array<[number, number]> = [];
  let i = 0;
  while (i < length && origin[i]! < from) i++;
  for (; i + run <= length && origin[i + run - 1]! < to; i++) {
    let k = 0;
    while (k < run && codes[i + k] === runCodes[k]) k++;
    if (k === run) {
      highlights.push([origin[i]! - from, origin[i + run - 1]! + 1 - from]);
      i += run - 1;
    }
  }
  return { snippet, highlights };
}
