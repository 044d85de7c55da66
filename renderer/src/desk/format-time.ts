import type { Locale } from '../../../shared/model';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withDate}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      ...(withDate ? { month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    cache.set(key, f);
  }
  return f;
}

/** "14:05" for today, "11-21 14:05" otherwise: what a deadline desk needs at a glance. */
export function formatUpdated(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return formatter(locale, !sameDay).format(date);
}
