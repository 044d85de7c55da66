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
 * Streaming winnowing: feed k-gram hashes with their positions; `emit` receives each
 * selected fingerprint once. Call `end()` at the end of every segment (a paragraph).
 * A segment with fewer than w k-grams yields its minimum (no guarantee applies there).
 */
export class Winnower {
  readonly w: number;
  readonly #hashes: Uint32Array;
  readonly #positions: Float64Array;
  readonly #emit: (hash: number, position: number) => void;
  #count = 0;
  #min = -1;
  #lastEmitted = -1;

  constructor(w: number, emit: (hash: number, position: number) => void) {
    this.w = w;
    this.#hashes = new Uint32Array(w);
    this.#positions = new Float64Array(w);
    this.#emit = emit;
  }

  /** Rightmost minimum among the current window's slots (oldest first). */
  #scan(filled: number): number {
    let best = -1;
    const first = filled < this.w ? 0 : this.#count % this.w;
    for (let j = 0; j < filled; j++) {
      const slot = (first + j) % this.w;
      if (best < 0 || this.#hashes[slot]! <= this.#hashes[best]!) best = slot;
    }
    return best;
  }

  #select(slot: number): void {
    this.#min = slot;
    const position = this.#positions[slot]!;
    if (position !== this.#lastEmitted) {
      this.#lastEmitted = position;
      this.#emit(this.#hashes[slot]!, position);
    }
  }

  push(hash: number, position: number): void {
    const w = this.w;
    const slot = this.#count % w;
    this.#hashes[slot] = hash;
    this.#positions[slot] = position;
    this.#count++;
    if (this.#count < w) return;
    if (this.#count === w || this.#min === slot) this.#select(this.#scan(w));
    else if (hash <= this.#hashes[this.#min]!) this.#select(slot);
  }

  end(): void {
    if (this.#count > 0 && this.#count < this.w) this.#select(this.#scan(this.#count));
    this.#count = 0;
    this.#min = -1;
    this.#lastEmitted = -1;
  }
}

/** Fingerprints of one normalised text: hashes and the normalised positions of their k-grams. */
export type Fingerprints = { hashes: Uint32Array; positions: Int32Array; count: number };

/** Winnowed fingerprints of `codes` (w = 1 gives every k-gram). */
export function fingerprints(codes: ArrayLike<number>, k: number, w: number): Fingerprints {
  const cap = Math.max(1, codes.length);
  const hashes = new Uint32Array(cap);
  const positions = new Int32Array(cap);
  let count = 0;
  const winnower = new Winnower(w, (hash, position) => {
    hashes[count] = hash;
    positions[count] = position;
    count++;
  });
  const rolling = new RollingHash(k);
  for (let i = 0; i < codes.length; i++) {
    if (rolling.push(codes[i]!)) winnower.push(rolling.hash, i - k + 1);
  }
  winnower.end();
  return { hashes, positions, count };
}

/** Hash of every k-gram of `codes` (index = k-gram start). */
export function allKgramHashes(codes: ArrayLike<number>, k: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, codes.length - k + 1));
  const rolling = new RollingHash(k);
  for (let i = 0; i < codes.length; i++) if (rolling.push(codes[i]!)) out[i - k + 1] = rolling.hash;
  return out;
}
