/**
 * Errors that cross the process boundary. The message is an i18n key plus
 * parameters, so the renderer shows it in the user's language; `detail` is the
 * English text for logs and the CLI.
 */
export type DeskErrorCode =
  'invalid-input' | 'not-found' | 'conflict' | 'locked' | 'damaged' | 'unsupported' | 'internal';

/** One of several problems an error lists (every problem of a story file, with its line). */
export type DeskProblem = {
  /** 1-based line in the file, or null for the file as a whole. */
  line: number | null;
  /** i18n key of the problem ("storyFormat.unknownKey"); the renderer falls back to `detail`. */
  key: string;
  params: Record<string, string | number>;
  /** English text, for logs and the CLI. */
  detail: string;
};

export type DeskErrorShape = {
  code: DeskErrorCode;
  key: string;
  params: Record<string, string | number>;
  detail: string;
  problems?: DeskProblem[];
};

export class DeskError extends Error {
  readonly code: DeskErrorCode;
  readonly key: string;
  readonly params: Record<string, string | number>;
  readonly problems: DeskProblem[];

  constructor(
    code: DeskErrorCode,
    key: string,
    params: Record<string, string | number>,
    detail: string,
    problems: DeskProblem[] = [],
  ) {
    super(detail);
    this.name = 'DeskError';
    this.code = code;
    this.key = key;
    this.params = params;
    this.problems = problems;
  }

  toJSON(): DeskErrorShape {
    const shape: DeskErrorShape = {
      code: this.code,
      key: this.key,
      params: this.params,
      detail: this.message,
    };
    if (this.problems.length > 0) shape.problems = this.problems;
    return shape;
  }

  static from(shape: DeskErrorShape): DeskError {
    return new DeskError(shape.code, shape.key, shape.params, shape.detail, shape.problems ?? []);
  }
}

export function isDeskErrorShape(value: unknown): value is DeskErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.key === 'string' && typeof v.detail === 'string';
}

/** Turns a schema failure into an error a person can act on. */
export function invalidInput(method: string, issues: string): DeskError {
  return new DeskError('invalid-input', 'error.invalidInput', { method, issues }, `${method}: ${issues}`);
}
