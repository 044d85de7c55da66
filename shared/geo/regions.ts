/**
 * The GB/T 2260 division list (domain §5) as an index: look a code up, search by
 * Chinese name (full, prefix, substring, everyday short form such as 玉龙县 for
 * 玉龙纳西族自治县), by pinyin initials (byq → 白云区) or by code prefix. Pure: it is
 * built from the parsed resources/data/regions.json (scripts/build-regions.mjs).
 */

export type RegionLevel = 1 | 2 | 3;

/** One row of regions.json: code, name, parent code ('' for a province), level, initials (one per character). */
export type RegionRow = readonly [
  code: string,
  name: string,
  parent: string,
  level: number,
  initials: string,
];

export type RegionDataMeta = {
  /** The npm package and version the list was built from. */
  source: string;
  standard: string;
  /** Year and month of the latest official change the data contains (YYYY-MM). */
  dataDate: string;
  dataDateBasis: string;
  count: number;
};

export type RegionData = { meta: RegionDataMeta; regions: readonly RegionRow[] };

export type RegionEntry = {
  code: string;
  name: string;
  level: RegionLevel;
  /** Names from the province down, ending with this one. Municipalities skip their 市辖区: [北京市, 东城区]. */
  path: string[];
};

export type RegionMatch = RegionEntry & {
  /** What the query matched: the name, an everyday short form, the pinyin initials or the code. */
  via: 'name' | 'short' | 'initials' | 'code';
};

export type RegionInfo = { source: string; standard: string; dataDate: string; count: number };

export const REGION_SEARCH_MAX = 50;

/** Ethnic groups that appear in the names of autonomous prefectures, counties and banners. */
const ETHNIC = [
  '柯尔克孜',
  '乌孜别克',
  '维吾尔',
  '哈萨克',
  '达斡尔',
  '鄂温克',
  '鄂伦春',
  '塔吉克',
  '蒙古',
  '朝鲜',
  '土家',
  '布依',
  '哈尼',
  '傈僳',
  '拉祜',
  '东乡',
  '纳西',
  '景颇',
  '仫佬',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '普米',
  '独龙',
  '保安',
  '裕固',
  '各',
  '回',
  '藏',
  '苗',
  '彝',
  '壮',
  '满',
  '侗',
  '瑶',
  '白',
  '傣',
  '黎',
  '佤',
  '畲',
  '水',
  '土',
  '羌',
  '怒',
  '京',
];
const AUTONOMOUS = new RegExp(`^(.+?)((?:${ETHNIC.join('|')})族)*自治(县|州|旗)$`);
const PROVINCE_SUFFIX = /(省|市|特别行政区|(?:壮族|回族|维吾尔)?自治区)$/;
const PREFECTURE_SUFFIX = /(市|地区|盟)$/;

type Key = { text: string; initials: string; via: 'name' | 'short' };

type Node = RegionEntry & {
  keys: Key[];
  /** Names and stems of the ancestors, for queries like 广州白云 or 贵阳 白云. */
  ancestorStems: string[];
};

/** Everyday short forms of a name, with their initials (one per character, so they can be sliced). */
export function shortForms(name: string, initials: string): Array<{ text: string; initials: string }> {
  const out: Array<{ text: string; initials: string }> = [];
  const add = (text: string, letters: string) => {
    if (text && text !== name && !out.some((o) => o.text === text)) out.push({ text, initials: letters });
  };
  const auto = AUTONOMOUS.exec(name);
  if (auto) {
    const base = auto[1] ?? '';
    const suffix = auto[3] ?? '';
    add(base + suffix, initials.slice(0, base.length) + initials.slice(-1));
    add(base, initials.slice(0, base.length));
  }
  const province = PROVINCE_SUFFIX.exec(name);
  if (province && province.index > 1) add(name.slice(0, province.index), initials.slice(0, province.index));
  return out;
}

function stems(name: string, level: RegionLevel): string[] {
  const out = [name];
  const suffix = level === 1 ? PROVINCE_SUFFIX.exec(name) : PREFECTURE_SUFFIX.exec(name);
  if (suffix && suffix.index > 1) out.push(name.slice(0, suffix.index));
  const auto = AUTONOMOUS.exec(name);
  if (auto?.[1]) out.push(auto[1] + (auto[3] ?? ''), auto[1]);
  return out;
}

/** Full-width digits and letters to ASCII, lower case, no spaces or middle dots. */
export function normalizeRegionQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・]+/g, ' ')
    .trim();
}

export class RegionIndex {
  readonly info: RegionInfo;
  private readonly nodes: Node[];
  private readonly byCode: Map<string, Node>;

  constructor(data: RegionData) {
    const { source, standard, dataDate } = data.meta;
    this.info = { source, standard, dataDate, count: data.regions.length };
    const rows = new Map(data.regions.map((row) => [row[0], row]));
    this.byCode = new Map();
    this.nodes = [];
    for (const [code, name, , level, initials] of data.regions) {
      const path: string[] = [];
      const ancestorStems: string[] = [];
      for (let row = rows.get(code); row; row = row[2] ? rows.get(row[2]) : undefined) {
        path.unshift(row[1]);
        if (row[0] !== code) ancestorStems.push(...stems(row[1], row[3] as RegionLevel));
      }
      const keys: Key[] = [
        { text: name, initials, via: 'name' },
        ...shortForms(name, initials).map((s) => ({ ...s, via: 'short' as const })),
      ];
      const node: Node = { code, name, level: level as RegionLevel, path, keys, ancestorStems };
      this.nodes.push(node);
      this.byCode.set(code, node);
    }
  }

  lookup(code: string): RegionEntry | undefined {
    const node = this.byCode.get(code);
    return node ? entry(node) : undefined;
  }

  /** True when the code is in the list and the path is the one the list gives it. */
  isValidRegion(region: { code: string; path: readonly string[] } | null | undefined): boolean {
    if (!region) return false;
    const node = this.byCode.get(region.code);
    return (
      !!node && node.path.length === region.path.length && node.path.every((n, i) => n === region.path[i])
    );
  }

  /**
   * Ranked matches: exact before prefix before substring; within a rank the shorter
   * matched text first, then province before prefecture before county, then by code.
   */
  search(query: string, limit = 20): RegionMatch[] {
    const q = normalizeRegionQuery(query);
    const max = Math.max(1, Math.min(limit, REGION_SEARCH_MAX));
    if (!q) return [];
    const scored: Array<{ node: Node; rank: number; length: number; via: RegionMatch['via'] }> = [];

    if (/^\d{1,6}$/.test(q)) {
      for (const node of this.nodes) {
        if (node.code.startsWith(q))
          scored.push({ node, rank: node.code === q ? 0 : 1, length: 0, via: 'code' });
      }
    } else if (/^[a-z]+$/.test(q)) {
      for (const node of this.nodes) {
        let best: { rank: number; length: number } | null = null;
        for (const key of node.keys) {
          const rank =
            key.initials === q
              ? 0
              : key.initials.startsWith(q)
                ? 1
                : q.length >= 3 && key.initials.includes(q)
                  ? 2
                  : -1;
          if (
            rank >= 0 &&
            (!best || rank < best.rank || (rank === best.rank && key.text.length < best.length))
          ) {
            best = { rank, length: key.text.length };
          }
        }
        if (best) scored.push({ node, ...best, via: 'initials' });
      }
    } else {
      const parts = q.split(' ');
      const last = parts[parts.length - 1] ?? q;
      const before = parts.slice(0, -1);
      for (const node of this.nodes) {
        if (before.length > 0 && !before.every((p) => node.ancestorStems.some((s) => s.startsWith(p))))
          continue;
        let best = textMatch(node, last);
        if (!best && before.length === 0) best = joinedMatch(node, q);
        if (best) scored.push({ node, ...best });
      }
    }

    scored.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.length - b.length ||
        a.node.level - b.node.level ||
        cmp(a.node.code, b.node.code),
    );
    return scored.slice(0, max).map(({ node, via }) => ({ ...entry(node), via }));
  }
}

function textMatch(node: Node, q: string): { rank: number; length: number; via: 'name' | 'short' } | null {
  let best: { rank: number; length: number; via: 'name' | 'short' } | null = null;
  for (const key of node.keys) {
    const rank = key.text === q ? 0 : key.text.startsWith(q) ? 1 : key.text.includes(q) ? 2 : -1;
    if (rank >= 0 && (!best || rank < best.rank || (rank === best.rank && key.text.length < best.length))) {
      best = { rank, length: key.text.length, via: key.via };
    }
  }
  return best;
}

/** 广州白云, 广东省广州市白云区, 贵阳白云区: an ancestor's name or stem, then the start of this one. */
function joinedMatch(node: Node, q: string): { rank: number; length: number; via: 'name' | 'short' } | null {
  if (q === node.path.join('')) return { rank: 0, length: node.name.length, via: 'name' };
  let rest = q;
  let consumed = false;
  // Ancestors may be given one after another (广东广州白云), each by name or stem, longest first.
  for (;;) {
    const stem = node.ancestorStems
      .filter((s) => rest.startsWith(s) && rest.length > s.length)
      .sort((a, b) => b.length - a.length)[0];
    if (!stem) break;
    rest = rest.slice(stem.length);
    consumed = true;
  }
  if (!consumed) return null;
  const match = textMatch(node, rest);
  return match && match.rank <= 1 ? { ...match, rank: Math.max(match.rank, 1) } : null;
}

function entry(node: Node): RegionEntry {
  return { code: node.code, name: node.name, level: node.level, path: node.path.slice() };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
