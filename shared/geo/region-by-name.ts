/**
 * A region written by name in a story file (`region: 播州区`, `region: 贵阳 白云区`,
 * `region: 贵州省遵义市播州区`), resolved with the region picker's own search
 * (RegionIndex.search, issue 19 §5). Only a whole name counts (or an everyday short
 * form, 玉龙县 for 玉龙纳西族自治县), never a part of one: "白云" names no division.
 * Two or more divisions of that name are all returned, each with its path, so the
 * writer (or the import dialog) can choose one.
 */
import type { Region } from '../model';
import { normalizeRegionQuery, REGION_SEARCH_MAX, shortForms, type RegionIndex } from './regions';

export type RegionByName =
  { kind: 'one'; region: Region } | { kind: 'none' } | { kind: 'several'; choices: Region[] };

export function regionByName(index: RegionIndex, name: string): RegionByName {
  const query = normalizeRegionQuery(name);
  if (!query || /^\d/.test(query)) return { kind: 'none' };
  const compact = query.replace(/ /g, '');
  const last = query.split(' ').pop() ?? query;
  const whole = index
    .search(query, REGION_SEARCH_MAX)
    .filter((m) => m.via === 'name' || m.via === 'short')
    .filter(
      (m) =>
        m.path.join('') === compact ||
        [m.name, ...shortForms(m.name, '').map((s) => s.text)].some(
          // The search already required what comes before the name to be its ancestors.
          (form) => last === form || (last === query && compact.endsWith(form) && compact !== form),
        ),
    )
    .map(({ code, path }) => ({ code, path }));
  if (whole.length === 0) return { kind: 'none' };
  if (whole.length === 1) return { kind: 'one', region: whole[0] as Region };
  return { kind: 'several', choices: whole };
}
