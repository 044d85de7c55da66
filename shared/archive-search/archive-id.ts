/**
 * Archived story ids: "<date>/<page>/<name>" (as `desk archive add` and the page
 * import write them), so the list by date and page needs nothing but the id.
 * Published stories archived under another id have no page ('').
 */
import { PAGE_NAME } from '../model';

export function archiveStoryId(date: string, page: string | null, name: string): string {
  return `${date}/${page || '-'}/${name}`;
}

export function archiveIdParts(id: string): { date: string; page: string; name: string } {
  const [date = '', page = '', ...rest] = id.split('/');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || rest.length === 0) return { date: '', page: '', name: id };
  return { date, page: PAGE_NAME.test(page) ? page : '', name: rest.join('/') };
}
