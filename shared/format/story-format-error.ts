/**
 * A story file that cannot be read. The message names the line (1-based, counted
 * in the file as given, front matter included) and what is wrong, so a person can
 * fix the file: "line 7: byline: 'Zhang San' has no role; write '记者 张三', or
 * '■name' for an organisation".
 */
export class StoryFormatError extends Error {
  override readonly name = 'StoryFormatError';

  constructor(
    /** 1-based line in the file, or null when the problem is the file as a whole. */
    readonly line: number | null,
    /** What is wrong, without the line prefix. */
    readonly detail: string,
  ) {
    super(line === null ? detail : `line ${line}: ${detail}`);
  }
}
