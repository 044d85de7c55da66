/** The harmless-repeat rules, one at a time, on the characters each one marks. */
import { describe, expect, it } from 'vitest';

import { sliceCodePoints } from '../../text/code-points';
import { normalizeForMatch, normalizedString } from '../../text/normalize';
import { echoGrams, formulaSpans, harmlessMask } from './harmless';
import { DEFAULT_DUPLICATE_SETTINGS } from './settings';

const spansOf = (text: string) =>
  formulaSpans(text, DEFAULT_DUPLICATE_SETTINGS.quoteMaxChars).map(([from, to]) =>
    sliceCodePoints(text, from, to),
  );

/** The normalised characters a block's mask marks, as a string. */
function marked(text: string, headline = ''): string {
  const norm = normalizeForMatch(text);
  const echoes = echoGrams([headline], DEFAULT_DUPLICATE_SETTINGS.echoMinChars);
  const mask = harmlessMask(text, norm, DEFAULT_DUPLICATE_SETTINGS, echoes);
  return normalizedString({ ...norm, codes: norm.codes.filter((_, i) => mask[i] !== 0) });
}

describe('formula spans', () => {
  it('covers the dateline and credits at the start of a lead, and nothing after them', () => {
    expect(spansOf('本报讯（记者 宋晓岚 通讯员 韩立冬）今年以来，东湖街道')).toEqual([
      '本报讯（记者 宋晓岚 通讯员 韩立冬）',
    ]);
    expect(spansOf('本报杭州4月2日电（记者 方卓）近日')).toEqual(['本报杭州4月2日电（记者 方卓）']);
  });

  it('covers an end byline in either bracket width, but not a closing bracket inside a sentence', () => {
    expect(spansOf('活动持续到月底。（罗雨桐 孔德新）')).toEqual(['（罗雨桐 孔德新）']);
    expect(spansOf('活动持续到月底。(罗雨桐)  ')).toEqual(['(罗雨桐)  ']);
    expect(spansOf('共建成驿站（站点）十二个。')).toEqual([]);
  });

  it('covers jump lines both ways, wherever they stand', () => {
    expect(spansOf('（下转B7版）')).toEqual(['（下转B7版）']);
    expect(spansOf('（上接 B6 版）社区书记说')).toEqual(['（上接 B6 版）']);
    expect(spansOf('上接下一环节，下转给街道')).toEqual([]);
  });

  it('covers short quoted names and slogans, never quoted speech', () => {
    expect(spansOf('开展“红色领航”行动，落实《基层党建工作责任清单》')).toEqual([
      '“红色领航”',
      '《基层党建工作责任清单》',
    ]);
    expect(spansOf('他说：“我们先把路修好。再谈别的。”')).toEqual([]);
    expect(spansOf('「小巷管家」和『楼栋长』都到了')).toEqual(['「小巷管家」', '『楼栋长』']);
  });
});

describe('harmless mask', () => {
  it('marks stoplist phrases wherever they occur, with punctuation inside them', () => {
    expect(marked('街道深入学习贯彻党的二十大精神，建起驿站')).toBe('深入学习贯彻党的二十大精神');
  });

  it('marks body text echoing the headline, only from echoMinChars shared characters', () => {
    expect(marked('今年，“初心驿站”里的志愿者多了', '初心驿站暖民心')).toBe('初心驿站');
    expect(marked('今年，初心里的志愿者多了', '初心驿站暖民心')).toBe('');
  });

  it('marks nothing in plain narrative', () => {
    expect(marked('去年以来，东湖街道在八个小区推行楼栋议事会，收集意见三百余条。')).toBe('');
  });
});
