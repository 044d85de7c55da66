import { describe, expect, it } from 'vitest';

import { hitOf, textFindings } from '../testing/text-hits';
import type { TextKind } from '../copy-text';

/** The findings of one rule in one text: [start, end, text, fix]. */
function hits(rule: string, text: string, kind: TextKind = 'paragraph') {
  return textFindings(text, ['punct'], { kind })
    .filter((f) => f.rule === rule)
    .map(hitOf);
}

describe('punct.halfwidth', () => {
  it('flags half-width marks in Chinese text, with the full-width mark as fix', () => {
    expect(hits('punct.halfwidth', '村里修了路,种了树.')).toEqual([
      [5, 6, ',', '，'],
      [9, 10, '.', '。'],
    ]);
    expect(hits('punct.halfwidth', '他问:谁来?大家说:我来!')).toEqual([
      [2, 3, ':', '：'],
      [5, 6, '?', '？'],
      [9, 10, ':', '：'],
      [12, 13, '!', '！'],
    ]);
    expect(hits('punct.halfwidth', '支部(第一)小组; 再议')).toEqual([
      [2, 3, '(', '（'],
      [5, 6, ')', '）'],
      [8, 10, '; ', '；'],
    ]);
    // A mixed pair: the half-width half is flagged.
    expect(hits('punct.halfwidth', '组织（WHO)参会')).toEqual([[6, 7, ')', '）']]);
  });
  it('leaves numbers, Latin words and URLs alone', () => {
    expect(hits('punct.halfwidth', '种植6.1万棵，投入1,758万元，10:30开会。')).toEqual([]);
    expect(hits('punct.halfwidth', '详见网址https://www.example.cn/a,b?c=1。')).toEqual([]);
    expect(hits('punct.halfwidth', '引用原文“Power (to the people) matters”。')).toEqual([]);
    expect(hits('punct.halfwidth', '他说“好。”')).toEqual([]);
  });
});

describe('punct.straight-quote', () => {
  it('turns a pair of straight quotes into “” over the quoted text', () => {
    expect(hits('punct.straight-quote', '开展"红色课堂"活动')).toEqual([[2, 8, '"红色课堂"', '“红色课堂”']]);
    expect(hits('punct.straight-quote', "他说“学习'三会一课'制度”")).toEqual([
      [5, 11, "'三会一课'", '‘三会一课’'],
    ]);
  });
  it('flags a lone straight quote without a fix and leaves English alone', () => {
    expect(hits('punct.straight-quote', '开展"红色课堂活动')).toEqual([[2, 3, '"', null]]);
    expect(hits('punct.straight-quote', "开展“红色课堂”活动，口号是don't give up。")).toEqual([]);
  });
});

describe('punct.title-comma', () => {
  it('drops 、 between adjacent titles or quoted items', () => {
    expect(hits('punct.title-comma', '学习《章程》、《条例》和“两个确立”、“两个维护”')).toEqual([
      [6, 7, '、', ''],
      [18, 19, '、', ''],
    ]);
  });
  it('keeps 、 when something stands between', () => {
    expect(hits('punct.title-comma', '学习《章程》（修订版）、《条例》和党史、“四史”')).toEqual([]);
  });
});

describe('punct.ellipsis', () => {
  it('flags wrong ellipses', () => {
    expect(hits('punct.ellipsis', '种树、浇水...都有人管')).toEqual([[5, 8, '...', '……']]);
    expect(hits('punct.ellipsis', '种树、浇水。。。都有')).toEqual([[5, 8, '。。。', '……']]);
    expect(hits('punct.ellipsis', '种树、浇水…都有')).toEqual([[5, 6, '…', '……']]);
    expect(hits('punct.ellipsis', '种树、浇水……等工作')).toEqual([[5, 7, '……', '']]);
  });
  it('accepts "……" and Latin dots', () => {
    expect(hits('punct.ellipsis', '种树、浇水……大家都忙。Wait... ok')).toEqual([]);
  });
});

describe('dashes and connectors', () => {
  it('punct.span-dash: spans of time take "—"', () => {
    expect(hits('punct.span-dash', '鲁迅（1881-1936）')).toEqual([[7, 8, '-', '—']]);
    expect(hits('punct.span-dash', '2016-2020年规划，3-5月完成')).toEqual([
      [4, 5, '-', '—'],
      [14, 15, '-', '—'],
    ]);
    expect(hits('punct.span-dash', '北京-上海的列车')).toEqual([[2, 3, '-', '—']]);
    expect(hits('punct.span-dash', '2016—2020年，日期2024-06-12，电话0851-86668888')).toEqual([]);
  });
  it('punct.range-tilde: numeric ranges take "～"', () => {
    expect(hits('punct.range-tilde', '气温25-30℃，每组5~6个人')).toEqual([
      [4, 5, '-', '～'],
      [12, 13, '~', '～'],
    ]);
    expect(hits('punct.range-tilde', '气温25～30℃，编号A-3')).toEqual([]);
  });
  it('punct.dash-form: the 破折号 is "——"', () => {
    expect(hits('punct.dash-form', '一个目标--乡村振兴')).toEqual([[4, 6, '--', '——']]);
    expect(hits('punct.dash-form', '一个目标――乡村振兴')).toEqual([[4, 6, '――', '——']]);
    expect(hits('punct.dash-form', '一个目标——乡村振兴')).toEqual([]);
  });
  it('punct.single-dash: a single "—" beside punctuation is a 破折号 written short', () => {
    expect(hits('punct.single-dash', '只有一个目标：—乡村振兴')).toEqual([[7, 8, '—', '——']]);
    expect(hits('punct.single-dash', '北京—上海，村党组织—网格—农户，2016—2020年')).toEqual([]);
  });
});

describe('punct.numbering', () => {
  it('flags 1、 and marks after bracketed numbers', () => {
    expect(hits('punct.numbering', '1、建强支部。2、做实服务。')).toEqual([
      [1, 2, '、', '.'],
      [8, 9, '、', '.'],
    ]);
    expect(hits('punct.numbering', '（一）、建强支部')).toEqual([[3, 4, '、', '']]);
    expect(hits('punct.numbering', '（1）.建强支部')).toEqual([[3, 4, '.', '']]);
    expect(hits('punct.numbering', '一.建强支部')).toEqual([[1, 2, '.', '、']]);
  });
  it('accepts the right forms', () => {
    expect(hits('punct.numbering', '一、建强支部。1.做实服务。（一）抓学习（1）抓落实')).toEqual([]);
    expect(hits('punct.numbering', '1、建强支部', 'headline')).toEqual([]);
  });
});

describe('headline lines', () => {
  it('punct.headline-end: no 。or ，at the end', () => {
    expect(hits('punct.headline-end', '院坝夜校办到家门口。', 'headline')).toEqual([[9, 10, '。', '']]);
    expect(hits('punct.headline-end', '抓党建促振兴，', 'kicker')).toEqual([[6, 7, '，', '']]);
    expect(hits('punct.headline-end', '院坝夜校办到家门口！', 'headline')).toEqual([]);
    expect(hits('punct.headline-end', '院坝夜校办到家门口。', 'paragraph')).toEqual([]);
  });
  it('punct.subheadline-dash: one "——" in front', () => {
    expect(hits('punct.subheadline-dash', '—记某村第一书记', 'subheadline')).toEqual([[0, 1, '—', '——']]);
    expect(hits('punct.subheadline-dash', '--记某村第一书记', 'subheadline')).toEqual([[0, 2, '--', '——']]);
    expect(hits('punct.subheadline-dash', '记某村第一书记', 'subheadline')).toEqual([[0, 1, '记', '——记']]);
    expect(hits('punct.subheadline-dash', '——记某村第一书记', 'subheadline')).toEqual([]);
    expect(hits('punct.dash-form', '--记某村第一书记', 'subheadline')).toEqual([]);
  });
});

describe('punct.fixed-phrase', () => {
  it('keeps the internal 、 of fixed phrases', () => {
    expect(hits('punct.fixed-phrase', '坚持不忘初心，牢记使命。')).toEqual([
      [2, 11, '不忘初心，牢记使命', '不忘初心、牢记使命'],
    ]);
    expect(hits('punct.fixed-phrase', '做到听党话, 感党恩、跟党走')).toEqual([
      [2, 14, '听党话, 感党恩、跟党走', '听党话、感党恩、跟党走'],
    ]);
    expect(hits('punct.fixed-phrase', '坚持不忘初心、牢记使命，不忘初心 牢记使命')).toEqual([]);
  });
});
