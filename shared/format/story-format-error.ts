/**
 * A story file that cannot be read. The message names the line (1-based, counted
 * in the file as given, front matter included) and what is wrong, so a person can
 * fix the file: "line 7: byline: "记者" is not followed by a name".
 *
 * A reader collects every problem of a file before it gives up (issue 19: all at
 * once): the error thrown then lists them in `problems`, in file order. A problem
 * with a `key` has an i18n text (renderer i18n "storyFormat.<key>"); the English
 * `detail` stands in for one without.
 */
export type StoryProblem = {
  line: number | null;
  detail: string;
  key?: string;
  params?: Record<string, string | number>;
};

export class StoryFormatError extends Error {
  override readonly name = 'StoryFormatError';
  /** Every problem of the file (this one alone unless the reader collected several). */
  readonly problems: StoryProblem[];

  constructor(
    /** 1-based line in the file, or null when the problem is the file as a whole. */
    readonly line: number | null,
    /** What is wrong, without the line prefix. */
    readonly detail: string,
    readonly key?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(line === null ? detail : `line ${line}: ${detail}`);
    this.problems = [{ line, detail, ...(key ? { key } : {}), ...(params ? { params } : {}) }];
  }

  /** One error for several problems, sorted by line; the message lists them all. */
  static all(errors: readonly StoryFormatError[]): StoryFormatError {
    const problems = errors.flatMap((e) => e.problems).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = problems[0] as StoryProblem;
    const err = new StoryFormatError(first.line, first.detail, first.key, first.params);
    if (problems.length > 1) {
      err.message = problems
        .map((p) => (p.line === null ? p.detail : `line ${p.line}: ${p.detail}`))
        .join('; ');
      err.problems.splice(0, 1, ...problems);
    }
    return err;
  }
}
