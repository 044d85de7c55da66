/** Text with some UTF-16 ranges wrapped in <mark> (search hits, a duplicate finding's characters). */
import type { ReactNode, Ref } from 'react';

type Props = {
  text: string;
  /** [start, end) UTF-16 offsets, in order, not overlapping. */
  ranges: ReadonlyArray<readonly [number, number]>;
  /** Given to the first mark (to scroll it into view). */
  firstRef?: Ref<HTMLElement>;
  markClass?: string;
};

export function MarkedText({ text, ranges, firstRef, markClass }: Props) {
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    const s = Math.max(at, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    if (s > at) parts.push(text.slice(at, s));
    if (e > s) {
      parts.push(
        <mark key={i} className={markClass} ref={i === 0 ? firstRef : undefined}>
          {text.slice(s, e)}
        </mark>,
      );
    }
    at = e;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Every place of `needle` in `text` (spaces in the needle ignored), as UTF-16 ranges. */
export function occurrences(text: string, needle: string): Array<[number, number]> {
  const q = needle.replace(/\s+/g, '');
  if (!q) return [];
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + q.length)) out.push([i, i + q.length]);
  return out;
}

/** UTF-16 range of code-point offsets [start, end) in `text` (finding locations count code points). */
export function codePointRange(text: string, start: number, end: number): [number, number] {
  const chars = Array.from(text);
  const utf16 = (n: number) => chars.slice(0, Math.max(0, Math.min(n, chars.length))).join('').length;
  return [utf16(start), utf16(end)];
}
