/**
 * The longest paragraph an import reads (issue 16). A story's longest paragraph
 * is a few thousand characters; a 30 MB text on one line made the recognisers'
 * regular expressions run out of stack ("Maximum call stack size exceeded") at
 * hundreds of MB resident. The limit is checked first, with a plain loop, so the
 * reader hears what the limit is and that nothing was written.
 */
export const MAX_LINE_CHARS = 200_000;

/** The first line (1-based) longer than the limit, with its length; null when every line fits. */
export function overlongLine(text: string, limit = MAX_LINE_CHARS): { line: number; length: number } | null {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > limit) return { line, length: end - start };
    start = end + 1;
    line++;
  }
  return null;
}
