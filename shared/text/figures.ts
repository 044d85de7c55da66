/**
 * Key figures in running text (domain §1, §3): "投入资金1758万元", "种植苗木6.1万余棵",
 * "约200人", "近3000名". A figure is an Arabic number with an optional 万/亿, an
 * optional qualifier (约/近 before it, 余/多 after it) and a unit from a known list,
 * with a label taken from the words just before it.
 *
 * Deliberately not figures: dates and years ("2026年11月", "3月5日"), ordinals
 * ("第3次"), ranges ("5～6个"), numbers without a unit, Chinese numerals
 * ("三会一课"). Percentages are figures ("满意率98.5%": unit "%"), because rates are
 * what 党建 stories report most after money and people.
 */

export type FigureQualifier = '' | '余' | '多' | '约' | '近';

export type ParsedFigure = {
  label: string;
  /** Digits as printed without thousands separators, with 万/亿: "6.1万", "1758". */
  value: string;
  unit: string;
  qualifier: FigureQualifier;
  /** "YYYY-MM" or "YYYY-MM-DD" when the sentence says 截至…; otherwise "". */
  asOf: string;
};

export type FigureMatch = ParsedFigure & {
  /** Offsets of the whole phrase, label included, in the searched text (UTF-16). */
  start: number;
  end: number;
  /** The phrase as printed: text.slice(start, end). */
  text: string;
};

/** Units and measure words, longest first so "人次" wins over "人". */
const UNITS = [
  '平方公里',
  '平方千米',
  '千瓦时',
  '立方米',
  '平方米',
  '个百分点',
  '公顷',
  '公里',
  '千米',
  '千克',
  '公斤',
  '千瓦',
  '美元',
  '人次',
  '场次',
  '户次',
  '车次',
  '架次',
  '个月',
  '小时',
  '元',
  '人',
  '名',
  '位',
  '个',
  '家',
  '户',
  '棵',
  '株',
  '亩',
  '米',
  '吨',
  '斤',
  '场',
  '次',
  '项',
  '件',
  '条',
  '篇',
  '期',
  '批',
  '所',
  '座',
  '栋',
  '间',
  '套',
  '处',
  '台',
  '辆',
  '艘',
  '本',
  '册',
  '份',
  '张',
  '支',
  '队',
  '组',
  '村',
  '片',
  '块',
  '盏',
  '根',
  '箱',
  '袋',
  '包',
  '倍',
  '天',
  '%',
  '％',
  '‰',
] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UNIT = UNITS.map(escape).join('|');

/**
 * prefix qualifier, number, 多/余, 万/亿, 多/余, unit. The number must not touch a
 * digit, letter or decimal point on its left (so "A3" or "1.5" inside "21.5" never
 * starts a match).
 */
const FIGURE = new RegExp(
  String.raw`(大约|将近|接近|约|近)?(?<![\d.,A-Za-z０-９])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(余|多)?(万亿|亿|万)?(余|多)?(${UNIT})`,
  'gu',
);

/** Words ending in 约/近 that are not qualifiers: 节约2000元 is money saved, not "about". */
const NOT_A_QUALIFIER =
  /(节|制|签|合|预|简|契|公|条|履|违|隐|婉|邀|特|相|附|最|临|靠|亲|就|邻|贴|逼|远|浅|新)$/u;

/** Where a label stops on its left: punctuation, spaces, digits, Latin letters. */
const LABEL_STOP = /[^\p{Script=Han}]/u;
const MAX_LABEL = 10;

/** Words after which the label starts ("全区累计投入资金" → "投入资金"). */
const LABEL_CUT =
  /^.*(累计|共计|总计|合计|一共|先后|全年|今年|去年|当年|目前|其中|已经|以来|此外|同时|全区|全县|全市|全省|全镇|全乡|全村|全国|各级|新建成|建成了)/u;
/** One-character words dropped from the front of a label: 共种植 → 种植. */
const LABEL_LEAD = /^(共|已|均|再|又|还|并|也|就|和|与|及|将|为|对|向|在|把|让|使)/u;
/** Verbs and particles between a label and its number: 满意率达到98% → 满意率. */
const LABEL_TAIL = /(达到了|达到|达|为|是|有|超过|超|逾|突破|计|共|了|的|至|到)$/u;
/** Date words left at the front when the label starts right after a number: 2026年投入 → 投入. */
const DATE_LEAD = /^(年底|年初|年末|年来|月底|月初|月末|日起|年|月|日|号)/u;

function labelBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < MAX_LABEL * 2) {
    const ch = text[start - 1] ?? '';
    if (LABEL_STOP.test(ch)) break;
    start--;
  }
  let label = text.slice(start, end);
  if (/\d/u.test(text[start - 1] ?? '')) label = label.replace(DATE_LEAD, '');
  if (label.length > MAX_LABEL) label = label.slice(-MAX_LABEL);
  for (let i = 0; i < 3; i++) {
    const before = label;
    label = label.replace(LABEL_TAIL, '');
    if (label === before) break;
  }
  const cut = label.replace(LABEL_CUT, '');
  if (cut.length >= 2) label = cut;
  if (label.length > 2) label = label.replace(LABEL_LEAD, '');
  // One character left ("另有" → "另") is a function word, not a label.
  return label.length < 2 ? '' : label;
}

const AS_OF = /截至(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/gu;
const SENTENCE_END = /[。！？!?\n]/u;

function asOfBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && !SENTENCE_END.test(text[start - 1] ?? '')) start--;
  let found = '';
  for (const m of text.slice(start, at).matchAll(AS_OF)) {
    const [, y, mo, d] = m;
    found = `${y}-${mo!.padStart(2, '0')}${d ? `-${d.padStart(2, '0')}` : ''}`;
  }
  return found;
}

function prefixQualifier(word: string | undefined): FigureQualifier {
  if (word === '约' || word === '大约') return '约';
  if (word === '近' || word === '将近' || word === '接近') return '近';
  return '';
}

/** Every figure in the text, in order. */
export function extractFigures(text: string): FigureMatch[] {
  const out: FigureMatch[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [whole, pre, int = '', frac = '', q1, big = '', q2, unit = ''] = m;
    const numberStart = m.index + (pre?.length ?? 0);
    // Ordinals and ranges are not figures: 第3次, 5～6个, 2020-2025.
    if (/(第|[～~〜\-—/:：])$/u.test(text.slice(0, numberStart))) continue;
    // 约/近 glued to a word before them (节约, 最近) belong to that word.
    const realPre = pre && !NOT_A_QUALIFIER.test(text.slice(0, m.index)) ? pre : undefined;
    const labelEnd = realPre ? m.index : numberStart;
    const label = labelBefore(text, labelEnd);
    const start = labelEnd - label.length;
    const end = m.index + whole.length;
    out.push({
      label,
      value: `${int.replace(/,/g, '')}${frac}${big}`,
      unit,
      qualifier: prefixQualifier(realPre) || ((q1 ?? q2 ?? '') as FigureQualifier),
      asOf: asOfBefore(text, m.index),
      start,
      end,
      text: text.slice(start, end),
    });
  }
  return out;
}

/**
 * A figure from a piece of text the reporter selected ("种植苗木6.1万余棵"): the
 * figure that covers the most of it, or null when there is none.
 */
export function parseFigure(selection: string): ParsedFigure | null {
  const found = extractFigures(selection.trim());
  if (found.length === 0) return null;
  const best = found.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  return {
    label: best.label,
    value: best.value,
    unit: best.unit,
    qualifier: best.qualifier,
    asOf: best.asOf,
  };
}

/** The figure as it reads in print, without its label: "约200人", "6.1万余棵". */
export function figurePhrase(f: Pick<ParsedFigure, 'value' | 'unit' | 'qualifier'>): string {
  const before = f.qualifier === '约' || f.qualifier === '近' ? f.qualifier : '';
  const after = f.qualifier === '余' || f.qualifier === '多' ? f.qualifier : '';
  return `${before}${f.value}${after}${f.unit}`;
}

/**
 * Where a figure occurs in the text: the first phrase with the same number,
 * qualifier and unit ("1758" also finds "1,758"; 300万 with 多 finds "300多万" and
 * "300万多"). The label need not match: reporters rephrase. Null when absent.
 */
export function findFigure(
  text: string,
  f: Pick<ParsedFigure, 'value' | 'unit' | 'qualifier'>,
): { start: number; end: number } | null {
  const m = /^(\d+)(\.\d+)?(万亿|亿|万)?$/u.exec(f.value.trim());
  const unit = f.unit.trim();
  if (!m || !unit) return null;
  const [, int = '', frac = '', big = ''] = m;
  const digits = [...int].join(',?') + escape(frac);
  const pre = f.qualifier === '约' ? '(?:大约|约)' : f.qualifier === '近' ? '(?:将近|接近|近)' : '';
  const post = f.qualifier === '余' || f.qualifier === '多' ? f.qualifier : '';
  const middle = post ? `(?:${post}${big}|${big}${post})` : big;
  // "人" must not find "人次": refuse a longer unit that starts with this one.
  const longer = UNITS.filter((u) => u !== unit && u.startsWith(unit)).map((u) =>
    escape(u.slice(unit.length)),
  );
  const notLonger = longer.length ? `(?!${longer.join('|')})` : '';
  const re = new RegExp(`${pre}(?<![\\d.,])${digits}(?![\\d.])${middle}${escape(unit)}${notLonger}`, 'u');
  const found = re.exec(text);
  return found ? { start: found.index, end: found.index + found[0].length } : null;
}
