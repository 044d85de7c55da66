/**
 * Limits every desk API input meets before its schema looks at it (issue 16): the
 * gate must never throw, and a schema walking a value nested thousands of levels
 * deep runs out of stack. The walk here is iterative, so any input is measured
 * safely, and it refuses keys that would reach an object's prototype.
 */
import { DeskError } from './errors';

/** Deepest nesting of objects and arrays in any input. A story body needs about ten (root → block → text). */
export const MAX_INPUT_DEPTH = 64;
/** Most values (objects, arrays, strings, numbers…) in one input: a full page of stories fits many times. */
export const MAX_INPUT_VALUES = 4_000_000;
/** Own keys JSON.parse keeps and a plain object copy would turn into its prototype. */
const PROTOTYPE_KEY = '__proto__';

/** The error for an input beyond the limits, or null when it is within them. */
export function inputLimitError(method: string, input: unknown): DeskError | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++count > MAX_INPUT_VALUES) {
      return new DeskError(
        'invalid-input',
        'error.inputTooLarge',
        { method, limit: MAX_INPUT_VALUES },
        `${method}: the input holds more than ${MAX_INPUT_VALUES} values; nothing was changed.`,
      );
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return new DeskError(
        'invalid-input',
        'error.inputTooDeep',
        { method, limit: MAX_INPUT_DEPTH },
        `${method}: the input is nested deeper than ${MAX_INPUT_DEPTH} levels (a story body is three: root, block, text); nothing was changed.`,
      );
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === PROTOTYPE_KEY) {
        return new DeskError(
          'invalid-input',
          'error.inputKey',
          { method, key },
          `${method}: the key "${key}" is not allowed in an input; nothing was changed.`,
        );
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
