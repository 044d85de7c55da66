/**
 * Columns for a terminal where Chinese characters (and full-width punctuation) take two
 * cells: String.padEnd counts them as one and would leave the columns crooked.
 */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The cells `text` takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** `text` padded with spaces to `width` cells. */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Rows of "term  description" (split at the first two spaces), the descriptions in one column. */
export function termColumns(rows: readonly string[], indent = '  '): string[] {
  const split = rows.map((row) => {
    const at = row.indexOf('  ');
    return at < 0 ? [row, ''] : [row.slice(0, at), row.slice(at).trim()];
  });
  const width = Math.max(0, ...split.map(([term]) => displayWidth(term!)));
  return split.map(([term, text]) => `${indent}${padCells(term!, width)}  ${text}`.trimEnd());
}
