import { resolve } from 'node:path';

import { PAGE_NAME, PageDateSchema } from '../../shared/model';
import { defaultDataDir } from '../desk/paths';
import { t } from './i18n';

/** Bad usage of a command: exit status 2 with the command's usage line. */
export class UsageError extends Error {}

export function dataDirOf(values: Record<string, unknown>): string {
  return typeof values.data === 'string' ? resolve(values.data) : defaultDataDir();
}

export function intOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(t('cli.usage.number', { option: `--${name}` }));
  return n;
}

/** `--page`: a page name like B6 (the 版面 screen's rule and words); undefined when not given and not `required`. */
export function pageOption(values: Record<string, unknown>, required: true): string;
export function pageOption(values: Record<string, unknown>, required?: boolean): string | undefined;
export function pageOption(values: Record<string, unknown>, required = false): string | undefined {
  if (values.page === undefined) {
    if (required) throw new UsageError(t('cli.usage.pageMissing'));
    return undefined;
  }
  const page = String(values.page);
  if (!PAGE_NAME.test(page))
    throw new UsageError(t('cli.usage.page', { page, reason: t('pages.new.nameInvalid') }));
  return page;
}

/** `--date`: a real calendar date written YYYY-MM-DD (the date a page was, or will be, published). */
export function dateOption(values: Record<string, unknown>): string {
  if (typeof values.date !== 'string') throw new UsageError(t('cli.usage.dateMissing'));
  const date = values.date;
  if (!PageDateSchema.safeParse(date).success || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new UsageError(t('cli.usage.date', { date }));
  return date;
}

/** Refuses positionals a command takes none of. */
export function noPositionals(positionals: readonly string[]): void {
  if (positionals.length) throw new UsageError(t('cli.usage.extra', { args: positionals.join(' ') }));
}
