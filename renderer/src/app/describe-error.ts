/**
 * Turns any failure into text a person can act on (docs/style.md §11): what
 * happened, in the user's language, with the technical detail kept for support.
 */
import { DeskError } from '../../../shared/api';
import type { Translator } from './i18n/i18n';

export type ErrorText = { message: string; detail: string; code: string };

export function describeError(err: unknown, { t, tKey }: Translator): ErrorText {
  if (err instanceof DeskError) {
    const message = tKey(err.key, err.params) ?? tKey(`error.${err.code}`, err.params) ?? t('error.unknown');
    return { message, detail: err.message, code: err.code };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { message: t('error.unknown'), detail, code: 'internal' };
}

export function isConflict(err: unknown): boolean {
  return err instanceof DeskError && err.code === 'conflict';
}

export function isNotFound(err: unknown): boolean {
  return err instanceof DeskError && err.code === 'not-found';
}
