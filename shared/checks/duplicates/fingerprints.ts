/**
 * Winnowing over character k-grams (Schleimer, Wilkerson, Aiken: "Winnowing: local
 * algorithms for document fingerprinting", SIGMOD 2003).
 *
 * Every k-gram of normalised text is hashed; in every window of w consecutive k-gram
 * hashes the minimum (the rightmost one on ties) is selected as a fingerprint. Any run
 * of t = w + k − 1 normalised characters shared by two texts contains a whole window
 * in both, and both select the same k-gram there, so they share a fingerprint: the
 * GUARANTEE THRESHOLD is t. Shorter runs are usually found too, never promised.
 * About 2 / (w + 1) of the positions are selected.
 *
 * Hashes are Rabin–Karp polynomials mod 2^32 over code points, finished with
 * MurmurHash3's fmix32 so the minimum is not biased to small code points. A hash
 * hit is only a candidate: every hit is verified on the text (runs.ts).
 */

/** k: characters per k-gram. 8 Han characters are specific enough that chance hits are rare. */
export const KGRAM = 8;

const BASE = 0x9e3779b1 | 0;

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** BASE^(k-1) mod 2^32, the weight of the character leaving the rolling window. */
export function outWeight(k: number): number {
  let p = 1;
  for (let i = 1; i < k; i++) p = Math.imul(p, BASE);
  return p;
}

/** Window size giving guarantee threshold t for k-grams of length k. */
export function windowFor(t: number, k = KGRAM): number {
  if (t < k) throw new RangeError(`a guarantee threshold of ${t} needs k-grams shorter than ${k}`);
  return t - k + 1;
}

/**
 * Streaming hash of the k-grams of a sequence of codes. `push` returns true once the
 * window is full; `hash` is then the (mixed) hash of the last k codes.
 */
export class RollingHash {
  readonly k: number;
  readonly #out: number;
  readonly #ring: Int32Array;
  #count = 0;
  #raw = 0;
  hash = 0;

  constructor(k: number) {
    this.k = k;
    this.#out = outWeight(k);
    this.#ring = new Int32Array(k);
  }

  reset(): void {
    this.#count = 0;
    this.#raw = 0;
  }

  push(code: number): boolean {
    const slot = this.#count % this.k;
    if (this.#count >= this.k) this.#raw = (this.#raw - Math.imul(this.#ring[slot]!, this.#out)) | 0;
    this.#raw = (Math.imul(this.#raw, BASE) + code) | 0;
    this.#ring[slot] = code;
    this.#count++;
    if (this.#count < this.k) return false;
    this.hash = fmix32(this.#raw);
    return true;
  }
}

/**
 * Hashes of every k-gram of codes[0, n) into `out` (index = k-gram start); returns
 * the count, n − k + 1 (0 when n < k). One tight loop: the archive runs this over
 * 30 million characters.
 */
export function kgramHashesInto(codes: ArrayLike<number>, n: number, k: number, out: Uint32Array): number {
  if (n < k) return 0;
  const weight = outWeight(k);
  let raw = 0;
  for (let i = 0; i < k; i++) raw = (Math.imul(raw, BASE) + codes[i]!) | 0;
  out[0] = fmix32(raw);
  for (let i = k; i < n; i++) {
    raw = (Math.imul((raw - Math.imul(codes[i - k]!, weight)) | 0, BASE) + codes[i]!) | 0;
    out[i - k + 1] = fmix32(raw);
  }
  return n - k + 1;
}

/**
 * Winnows hashes[0, m): in every window of w consecutive hashes the minimum, the
 * rightmost on ties, is selected; each selected index is passed to `emit` once, in
 * order. With fewer than w hashes the minimum of all is selected (no guarantee there).
 */
export function winnowHashes(hashes: Uint32Array, m: number, w: number, emit: (index: number) => void): void {
  if (m === 0) return;
  if (m < w) {
    let min = 0;
    for (let j = 1; j < m; j++) if (hashes[j]! <= hashes[min]!) min = j;
    emit(min);
    return;
  }
  let min = -1;
  for (let end = w - 1; end < m; end++) {
    const start = end - w + 1;
    if (min < start) {
      // The minimum left the window (or this is the first one): scan it whole.
      min = start;
      for (let j = start + 1; j <= end; j++) if (hashes[j]! <= hashes[min]!) min = j;
      emit(min);
    } else if (hashes[end]! <= hashes[min]!) {
      min = end;
      emit(min);
    }
  }
}

/** Fingerprints of one normalised text: hashes and the normalised positions of their k-grams. */
export type Fingerprints = { hashes: Uint32Array; positions: Int32Array; count: number };

/** Winnowed fingerprints of `codes` (w = 1 gives every k-gram). */
export function fingerprints(codes: ArrayLike<number>, k: number, w: number): Fingerprints {
  const all = new Uint32Array(Math.max(0, codes.length - k + 1));
  const m = kgramHashesInto(codes, codes.length, k, all);
  const hashes = new Uint32Array(Math.max(1, m));
  const positions = new Int32Array(Math.max(1, m));
  let count = 0;
  winnowHashes(all, m, w, (i) => {
    hashes[count] = all[i]!;
    positions[count] = i;
    count++;
  });
  return { hashes, positions, count };
}

/** Hash of every k-gram of `codes` (index = k-gram start). */
export function allKgramHashes(codes: ArrayLike<number>, k: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, codes.length - k + 1));
  kgramHashesInto(codes, codes.length, k, out);
  return out;
}
