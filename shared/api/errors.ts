/**
 * Errors that cross the process boundary. The message is an i18n key plus
 * parameters, so the renderer shows it in the user's language; `detail` is the
 * English text for logs and the CLI.
 */
export type DeskErrorCode =
  'invalid-input' | 'not-found' | 'conflict' | 'locked' | 'damaged' | 'unsupported' | 'internal';

export type DeskErrorShape = {
  code: DeskErrorCode;
  key: string;
  params: Record<string, string | number>;
  detail: string;
};

export class DeskError extends Error {
  readonly code: DeskErrorCode;
  readonly key: string;
  readonly params: Record<string, string | number>;

  constructor(code: DeskErrorCode, key: string, params: Record<string, string | number>, detail: string) {
    super(detail);
    this.name = 'DeskError';
    this.code = code;
    this.key = key;
    this.params = params;
  }

  toJSON(): DeskErrorShape {
    return { code: this.code, key: this.key, params: this.params, detail: this.message };
  }

  static from(shape: DeskErrorShape): DeskError {
    return new DeskError(shape.code, shape.key, shape.params, shape.detail);
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
