import { resolve } from 'node:path';

import { defaultDataDir } from '../desk/paths';

/** Bad usage of a command: exit status 2 with the command's usage line. */
export class UsageError extends Error {}

export function dataDirOf(values: Record<string, unknown>): string {
  return typeof values.data === 'string' ? resolve(values.data) : defaultDataDir();
}

export function intOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--${name} must be a whole number`);
  return n;
}
