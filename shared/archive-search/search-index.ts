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
 * - documents added after the build go to a small delta (Map of slot → pairs) that
 *   is merged by the next rebuild.
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

type DocMeta = { id: string; title: string; date: string; page: string; text: string; length: number };

export class ArchiveSearchIndex {
  #docs: DocMeta[] = [];
  #table = new BigramTable();
  #offsets = new Uint32Array(1);
  #postDocs = new Uint32Array(0);
  #postTf = new Uint16Array(0);
  /** Postings of documents added since the build: slot → [doc, tf, doc, tf, …]. */
  #delta = new Map<number, number[]>();
  #deltaPairs = 0;
  /** Sum of indexed lengths, for BM25's average length. */
  #totalLength = 0;
  /** Scratch for one document's bigram keys. */
  #keys = new Uint32Array(4096);
  #scores = new Float64Array(0);

  get size(): number {
    return this.#docs.length;
  }

  /** The indexed documents, in order. */
  docs(): ReadonlyArray<Omit<DocMeta, 'length' | 'text'> & { text: string }> {
    return this.#docs;
  }

  static build(docs: Iterable<SearchDoc>): ArchiveSearchIndex {
    const index = new ArchiveSearchIndex();
    index.#rebuild([...docs]);
    return index;
  }

  /** Adds documents; they are searchable at once (through the delta, merged into the main lists when it grows). */
  add(docs: readonly SearchDoc[]): void {
    if (docs.length === 0) return;
    if (this.#deltaPairs > 2_000_000 || docs.length > this.#docs.length) {
      this.#rebuild([...this.#docs, ...docs]);
      return;
    }
    for (const d of docs) {
      const doc = this.#docs.length;
      const length = this.#countDoc(d, doc, (slot, tf) => {
        let list = this.#delta.get(slot);
        if (!list) this.#delta.set(slot, (list = []));
        list.push(doc, tf);
        this.#deltaPairs++;
      });
      this.#docs.push({ id: d.id, title: d.title, date: d.date, page: d.page, text: d.text, length });
      this.#totalLength += length;
    }
  }

  /**
   * Calls `emit(slot, tf)` once per distinct bigram of the document; returns its
   * indexed length. The document's bigram keys are sorted first (a small array,
   * cache-friendly), so the big table is probed once per distinct bigram.
   */
  #countDoc(d: SearchDoc, doc: number, emit: (slot: number, tf: number) => void): number {
    void doc;
    const { codes, length } = fold(`${d.title}\u2029${d.text}`);
    if (this.#keys.length < length) this.#keys = new Uint32Array(Math.max(length, this.#keys.length * 2));
    let n = 0;
    for (let i = 0; i + 1 < length; i++) {
      const a = codes[i]!;
      const b = codes[i + 1]!;
      if (a >= 0 && b >= 0) this.#keys[n++] = keyOf(a, b);
    }
    const keys = this.#keys.subarray(0, n).sort();
    for (let i = 0; i < n; ) {
      const key = keys[i]!;
      let j = i + 1;
      while (j < n && keys[j] === key) j++;
      emit(this.#table.getOrAdd(key), Math.min(j - i, 0xffff));
      i = j;
    }
    return length;
  }

  #rebuild(docs: readonly (SearchDoc | DocMeta)[]): void {
    this.#docs = [];
    this.#table = new BigramTable(1 << 16);
    this.#delta.clear();
    this.#deltaPairs = 0;
    this.#totalLength = 0;
    // Pass 1: distinct bigrams per document → list sizes.
    let counts = new Uint32Array(1 << 16);
    let pairs = 0;
    for (const [doc, d] of docs.entries()) {
      const length = this.#countDoc(d, doc, (slot) => {
        if (slot >= counts.length) {
          const bigger = new Uint32Array(Math.max(slot + 1, counts.length * 2));
          bigger.set(counts);
          counts = bigger;
        }
        counts[slot]!++;
        pairs++;
      });
      this.#docs.push({ id: d.id, title: d.title, date: d.date, page: d.page, text: d.text, length });
      this.#totalLength += length;
    }
    const slots = this.#table.size;
    const offsets = new Uint32Array(slots + 1);
    for (let s = 0; s < slots; s++) offsets[s + 1] = offsets[s]! + counts[s]!;
    const fill = offsets.slice(0, slots);
    const postDocs = new Uint32Array(pairs);
    const postTf = new Uint16Array(pairs);
    // Pass 2: the same walk, writing the postings in document order.
    for (const [doc, d] of docs.entries()) {
      this.#countDoc(d, doc, (slot, tf) => {
        const at = fill[slot]!++;
        postDocs[at] = doc;
        postTf[at] = tf;
      });
    }
    this.#offsets = offsets;
    this.#postDocs = postDocs;
    this.#postTf = postTf;
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
      const slot = this.#table.get(key);
      if (slot < 0) continue;
      const from = slot < this.#offsets.length - 1 ? this.#offsets[slot]! : 0;
      const to = slot < this.#offsets.length - 1 ? this.#offsets[slot + 1]! : 0;
      const delta = this.#delta.get(slot);
      const df = to - from + (delta ? delta.length / 2 : 0);
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const weight = qkeys.filter((k) => k === key).length;
      const add = (doc: number, tf: number) => {
        const len = this.#docs[doc]!.length;
        const s = (idf * weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += s;
      };
      for (let i = from; i < to; i++) add(this.#postDocs[i]!, this.#postTf[i]!);
      if (delta) for (let i = 0; i < delta.length; i += 2) add(delta[i]!, delta[i + 1]!);
    }
    touched.sort((a, b) => scores[b]! - scores[a]!);
    const candidates = touched.slice(0, Math.max(limit * 4, 40));
    const hits = candidates.map((doc) => this.#rerank(doc, scores[doc]!, qcodes, qkeys));
    for (const doc of touched) scores[doc] = 0;
    // A story holding the whole query comes before one holding only parts of it.
    hits.sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    return hits.slice(0, limit);
  }

  #rerank(doc: number, bm25: number, qcodes: number[], qkeys: number[]): SearchHit {
    const d = this.#docs[doc]!;
    const body = fold(d.text);
    const inBody = longestRun(body.codes, body.length, qcodes);
    const title = fold(d.title);
    const inTitle = longestRun(title.codes, title.length, qcodes);
    const best = Math.max(inBody.run, inTitle.run);
    const qlen = qcodes.length;
    const phrase = best === qlen;
    let score = bm25 * (1 + Math.max(0, best - 1) / Math.max(1, qkeys.length));
    if (phrase) score *= 1.5;
    if (inTitle.run === qlen) score += bm25 * 0.5;
    const { snippet, highlights } = snippetOf(d.text, body.codes, body.origin, body.length, inBody.at, inBody.run);
    return { id: d.id, title: d.title, date: d.date, page: d.page, score, phrase, snippet, highlights };
  }

  /** A one-character query: documents holding it, by count (a scan; fast enough for the rare case). */
  #searchOne(code: number, limit: number): SearchHit[] {
    const ch = String.fromCharCode(code);
    const hits: SearchHit[] = [];
    for (const d of this.#docs) {
      let count = 0;
      let at = -1;
      for (let i = d.text.indexOf(ch); i >= 0 && count < 50; i = d.text.indexOf(ch, i + 1)) {
        if (at < 0) at = i;
        count++;
      }
      if (count === 0 && !d.title.includes(ch)) continue;
      const score = count / (1 + d.length / 1000) + (d.title.includes(ch) ? 1 : 0);
      hits.push({ id: d.id, title: d.title, date: d.date, page: d.page, score, phrase: true, snippet: '', highlights: at < 0 ? [] : [[at, at + 1]] });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit).map((h) => {
      const d = this.#docs.find((x) => x.id === h.id)!;
      const at = h.highlights[0]?.[0] ?? 0;
      const from = Math.max(0, at - 30);
      const snippet = oneLine(d.text.slice(from, at + 50));
      return { ...h, snippet, highlights: rangesOf(snippet, ch) };
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
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) out.push([i, i + needle.length]);
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
