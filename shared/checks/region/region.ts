/**
 * Regions (domain §5):
 * - region.invalid (error): the story's region is a GB/T 2260 division, code and path
 *   as the list gives them (RegionIndex.isValidRegion);
 * - region.missing (info): the story names no region;
 * - region.mention (info): a division named in the headline lines or the lead that is
 *   neither the story's region, one of its parents, nor inside it. Names are ambiguous
 *   (白云区 is in 广州 and in 贵阳): a name contradicts only when none of its divisions fits.
 * Without a loaded index (ctx.regions null) the rules stay silent.
 */
import type { RegionEntry, RegionIndex } from '../../geo/regions';
import type { Finding } from '../finding';
import { HEAD_KINDS, makeFinding, unitLocation, wholeLocation, type StoryRule } from '../copy-text';

export const invalidRegionRule: StoryRule = {
  id: 'region.invalid',
  family: 'region',
  scope: 'story',
  severity: 'error',
  nameOrDate: true,
  message: 'The region {code} {name} is not a GB/T 2260 division as the list gives it',
  check(story, ctx) {
    const region = story.content.region;
    if (!region || !ctx.regions || ctx.regions.isValidRegion(region)) return [];
    const name = region.path.join('');
    return [
      makeFinding(invalidRegionRule, [wholeLocation(story.key, 'region', name)], { code: region.code, name }),
    ];
  },
};

export const missingRegionRule: StoryRule = {
  id: 'region.missing',
  family: 'region',
  scope: 'story',
  severity: 'info',
  message: 'The story has no region',
  check(story) {
    if (story.content.region !== null || !('region' in story.content)) return [];
    return [makeFinding(missingRegionRule, [wholeLocation(story.key, 'region', '')])];
  },
};

/** Division names that are also common nouns: 城区, 郊区, 矿区 (and other two-character 区). */
const GENERIC = /^.区$/u;
const MAX_NAME = 14;
/** Divisions by name, built once per index by walking the code space (the index lists no names). */
const nameMaps = new WeakMap<RegionIndex, Map<string, RegionEntry[]>>();

function nameMap(index: RegionIndex): Map<string, RegionEntry[]> {
  let map = nameMaps.get(index);
  if (map) return map;
  map = new Map();
  const add = (e: RegionEntry) => {
    const list = map!.get(e.name);
    if (list) list.push(e);
    else map!.set(e.name, [e]);
  };
  const two = (n: number) => String(n).padStart(2, '0');
  for (let p = 11; p <= 99; p++) {
    const province = index.lookup(`${p}0000`);
    if (!province) continue;
    add(province);
    for (let c = 1; c <= 99; c++) {
      const prefecture = index.lookup(`${p}${two(c)}00`);
      if (prefecture) add(prefecture);
      for (let d = 1; d <= 99; d++) {
        const county = index.lookup(`${p}${two(c)}${two(d)}`);
        if (county) add(county);
      }
    }
  }
  nameMaps.set(index, map);
  return map;
}

function divisionsNamed(index: RegionIndex, name: string): RegionEntry[] {
  return nameMap(index).get(name) ?? [];
}

/** Every division name in the text, longest at each end position, with UTF-16 ranges. */
function namesIn(
  index: RegionIndex,
  text: string,
): Array<{ start: number; end: number; name: string; entries: RegionEntry[] }> {
  const out: Array<{ start: number; end: number; name: string; entries: RegionEntry[] }> = [];
  const SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|县|区|旗|盟)/gu;
  for (const m of text.matchAll(SUFFIX)) {
    const end = m.index + m[0].length;
    if (out.length && out[out.length - 1]!.end > m.index) continue;
    // Longest name ending here, starting after the previous name.
    const floor = out.length ? out[out.length - 1]!.end : 0;
    for (let start = Math.max(floor, end - MAX_NAME); start <= end - 2; start++) {
      const name = text.slice(start, end);
      if (!/^\p{Script=Han}+$/u.test(name) || GENERIC.test(name)) continue;
      const entries = divisionsNamed(index, name);
      if (entries.length) {
        out.push({ start, end, name, entries });
        break;
      }
    }
  }
  return out;
}

function related(a: string, b: string): boolean {
  const prefix = (code: string) => code.replace(/(00)+$/, '');
  const pa = prefix(a);
  const pb = prefix(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

export const regionMentionRule: StoryRule = {
  id: 'region.mention',
  family: 'region',
  scope: 'story',
  severity: 'info',
  message: '"{name}" is not in the story\'s region ({region})',
  check(story, ctx, units) {
    const region = story.content.region;
    const index = ctx.regions;
    if (!region || !index || !index.isValidRegion(region)) return [];
    const out: Finding[] = [];
    const lead = units.find((u) => u.field === 'body' && u.kind === 'paragraph');
    const read = units.filter((u) => HEAD_KINDS.includes(u.kind) || u === lead);
    for (const unit of read) {
      for (const n of namesIn(index, unit.text)) {
        if (n.entries.some((e) => related(e.code, region.code))) continue;
        out.push(
          makeFinding(regionMentionRule, [unitLocation(unit, n.start, n.end)], {
            name: n.name,
            region: region.path.join(''),
          }),
        );
      }
    }
    return out;
  },
};
