/**
 * A character-level diff on code points: Myers' O((N+M)·D) algorithm ("An O(ND)
 * Difference Algorithm and Its Variations", 1986), greedy forward search with the
 * trace kept for the backtrack. D is the number of inserted plus deleted characters,
 * so near-identical paragraphs (the only ones diffed) cost little; a `maxEdits` cap
 * stops early on texts that are not near-identical.
 */

export type DiffOp = { op: 'equal' | 'delete' | 'insert'; text: string };
/** Runs of equal, deleted (only in `from`) and inserted (only in `to`) characters, in order. */
export type CharDiff = DiffOp[];

type Seq = ArrayLike<number>;

/** Greedy forward pass; returns D, or -1 when D would exceed maxEdits. Calls `snapshot` before each D. */
function forward(a: Seq, b: Seq, maxEdits: number, snapshot?: (v: Int32Array) => void): number {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    snapshot?.(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return -1;
}

/** Insertions plus deletions turning `a` into `b`, or -1 when more than `maxEdits`. */
export function editDistance(a: Seq, b: Seq, maxEdits = Number.POSITIVE_INFINITY): number {
  return forward(a, b, maxEdits);
}

/** Length of the longest common subsequence, or -1 when the edit distance exceeds `maxEdits`. */
export function lcsLength(a: Seq, b: Seq, maxEdits = Number.POSITIVE_INFINITY): number {
  const d = forward(a, b, maxEdits);
  return d < 0 ? -1 : (a.length + b.length - d) / 2;
}

/**
 * The character diff turning `from` into `to` (code points, so an astral character is
 * one unit), or null when it needs more than `maxEdits` insertions plus deletions.
 */
export function diffChars(from: string, to: string, maxEdits = Number.POSITIVE_INFINITY): CharDiff | null {
  const a = Array.from(from, (c) => c.codePointAt(0)!);
  const b = Array.from(to, (c) => c.codePointAt(0)!);
  const trace: Int32Array[] = [];
  const d = forward(a, b, maxEdits, (v) => trace.push(v));
  if (d < 0) return null;
  const off = (trace[0]!.length - 3) / 2 + 1;

  // Backtrack from (n, m), collecting single-character ops in reverse.
  const ops: Array<['equal' | 'delete' | 'insert', number]> = [];
  let x = a.length;
  let y = b.length;
  for (let step = d; step >= 0; step--) {
    const v = trace[step]!;
    const k = x - y;
    const prevK = k === -step || (k !== step && v[off + k - 1]! < v[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = step === 0 ? 0 : v[off + prevK]!;
    const prevY = step === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(['equal', a[x - 1]!]);
      x--;
      y--;
    }
    if (step > 0) {
      if (x === prevX) ops.push(['insert', b[prevY]!]);
      else ops.push(['delete', a[prevX]!]);
    }
    x = prevX;
    y = prevY;
  }
  ops.reverse();

  const diff: CharDiff = [];
  for (const [op, cp] of ops) {
    const last = diff[diff.length - 1];
    const ch = String.fromCodePoint(cp);
    if (last && last.op === op) last.text += ch;
    else diff.push({ op, text: ch });
  }
  return diff;
}

/** The two texts a diff was made from: `from` (equal + delete) and `to` (equal + insert). */
export function diffSides(diff: CharDiff): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const { op, text } of diff) {
    if (op !== 'insert') from += text;
    if (op !== 'delete') to += text;
  }
  return { from, to };
}
