import { describe, expect, it } from 'vitest';

import { extractFigures, figurePhrase, findFigure, parseFigure } from './figures';

const pick = (text: string) =>
  extractFigures(text).map(({ label, value, unit, qualifier }) => ({ label, value, unit, qualifier }));

describe('extractFigures', () => {
  it('finds money with 万 and its label', () => {
    expect(pick('投入资金1758万元')).toEqual([
      { label: '投入资金', value: '1758万', unit: '元', qualifier: '' },
    ]);
  });

  it('finds 余 after 万 and the measure word', () => {
    expect(pick('种植苗木6.1万余棵')).toEqual([
      { label: '种植苗木', value: '6.1万', unit: '棵', qualifier: '余' },
    ]);
  });

  it('reads the figures of a whole invented sentence, in order', () => {
    const text =
      '今年以来，青禾区累计投入资金1758万元，新增城市绿地455亩，组织植树活动591场次，种植苗木6.1万余棵。';
    expect(pick(text)).toEqual([
      { label: '投入资金', value: '1758万', unit: '元', qualifier: '' },
      { label: '新增城市绿地', value: '455', unit: '亩', qualifier: '' },
      { label: '组织植树活动', value: '591', unit: '场次', qualifier: '' },
      { label: '种植苗木', value: '6.1万', unit: '棵', qualifier: '余' },
    ]);
  });

  it('takes 约 and 近 in front of the number as qualifiers', () => {
    expect(pick('约200人')).toEqual([{ label: '', value: '200', unit: '人', qualifier: '约' }]);
    expect(pick('近3000名')).toEqual([{ label: '', value: '3000', unit: '名', qualifier: '近' }]);
    expect(pick('参加培训的党员大约150人')[0]).toMatchObject({ qualifier: '约', value: '150', unit: '人' });
    expect(pick('服务群众将近2万人次')[0]).toMatchObject({
      label: '服务群众',
      qualifier: '近',
      value: '2万',
      unit: '人次',
    });
  });

  it('takes 多 and 余 before or after 万', () => {
    expect(pick('筹集善款300多万元')).toEqual([
      { label: '筹集善款', value: '300万', unit: '元', qualifier: '多' },
    ]);
    expect(pick('收集意见120余条')).toEqual([
      { label: '收集意见', value: '120', unit: '条', qualifier: '余' },
    ]);
    expect(pick('惠及群众3万多人')[0]).toMatchObject({ value: '3万', qualifier: '多', unit: '人' });
  });

  it('prefers the longer unit: 人次 over 人, 场次 over 场, 平方公里 over 公里', () => {
    expect(pick('接待参观群众2.3万人次')[0]?.unit).toBe('人次');
    expect(pick('开展宣讲40场次')[0]?.unit).toBe('场次');
    expect(pick('整治河道12.5平方公里')[0]?.unit).toBe('平方公里');
  });

  it('reads thousands separators and 亿', () => {
    expect(pick('发展党员1,200名')[0]).toMatchObject({ value: '1200', unit: '名' });
    expect(pick('撬动社会投资1.2亿元')[0]).toMatchObject({
      label: '撬动社会投资',
      value: '1.2亿',
      unit: '元',
    });
  });

  it('drops words that only lead up to the number', () => {
    expect(pick('全区累计投入资金1758万元')[0]?.label).toBe('投入资金');
    expect(pick('群众满意率达到98.5%')[0]).toMatchObject({ label: '群众满意率', value: '98.5', unit: '%' });
    expect(pick('参与群众达3000余人')[0]?.label).toBe('参与群众');
    expect(pick('共种植苗木1200棵')[0]?.label).toBe('种植苗木');
    expect(pick('2026年投入资金80万元')[0]?.label).toBe('投入资金');
  });

  it('keeps a label short', () => {
    const label = pick('这是一个很长很长很长很长的没有标点的句子里面的数字12个')[0]?.label ?? '';
    expect(label.length).toBeLessThanOrEqual(10);
  });

  it('treats percentages as figures', () => {
    expect(pick('办结率98%')).toEqual([{ label: '办结率', value: '98', unit: '%', qualifier: '' }]);
    expect(pick('党员参学率为100％')[0]).toMatchObject({ label: '党员参学率', unit: '％' });
  });

  it('finds nothing in dates and years', () => {
    expect(pick('2026年11月5日，青禾区召开大会。')).toEqual([]);
    expect(pick('1921年7月1日')).toEqual([]);
    expect(pick('建党100周年')).toEqual([]);
    expect(pick('新华社北京3月5日电')).toEqual([]);
  });

  it('finds nothing in ordinals, ranges, codes or numbers without a unit', () => {
    expect(pick('第3次党员大会')).toEqual([]);
    expect(pick('每组5～6个')).toEqual([]);
    expect(pick('编号A3纸张')).toEqual([]);
    expect(pick('电话0851-12345678')).toEqual([]);
    expect(pick('5G网络覆盖')).toEqual([]);
    expect(pick('三会一课、四个意识')).toEqual([]);
    expect(pick('邮编550000')).toEqual([]);
  });

  it('does not take the 约 of 节约 or the 近 of 最近 as a qualifier', () => {
    expect(pick('节约2000元')[0]).toMatchObject({ value: '2000', unit: '元', qualifier: '', label: '节约' });
    expect(pick('最近3天')[0]).toMatchObject({ value: '3', qualifier: '' });
  });

  it('gives the phrase and its offsets in the text', () => {
    const text = '截至目前，种植苗木6.1万余棵。';
    const [f] = extractFigures(text);
    expect(f?.text).toBe('种植苗木6.1万余棵');
    expect(text.slice(f!.start, f!.end)).toBe('种植苗木6.1万余棵');
    const [g] = extractFigures('另有约200人报名');
    expect(g?.text).toBe('约200人');
  });

  it('reads the as-of date from 截至… in the same sentence', () => {
    const [a, b] = extractFigures('截至2026年10月，累计发展党员1200名。截至去年底，培训300人。');
    expect(a?.asOf).toBe('2026-10');
    expect(b?.asOf).toBe('');
    expect(extractFigures('截至2026年9月30日，建成驿站12个')[0]?.asOf).toBe('2026-09-30');
  });
});

describe('parseFigure', () => {
  it('parses a selection into one figure', () => {
    expect(parseFigure('种植苗木6.1万余棵')).toEqual({
      label: '种植苗木',
      value: '6.1万',
      unit: '棵',
      qualifier: '余',
      asOf: '',
    });
    expect(parseFigure(' 投入资金1758万元 ')).toMatchObject({
      label: '投入资金',
      value: '1758万',
      unit: '元',
    });
  });

  it('takes the longest figure when a selection holds several', () => {
    expect(parseFigure('建成驿站12个，新增城市绿地455亩')).toMatchObject({
      label: '新增城市绿地',
      value: '455',
    });
  });

  it('returns null when the selection holds no figure', () => {
    expect(parseFigure('党员议事会')).toBeNull();
    expect(parseFigure('2026年11月')).toBeNull();
    expect(parseFigure('')).toBeNull();
  });
});

describe('figurePhrase', () => {
  it('prints 约/近 before the number and 余/多 after it', () => {
    expect(figurePhrase({ value: '200', unit: '人', qualifier: '约' })).toBe('约200人');
    expect(figurePhrase({ value: '6.1万', unit: '棵', qualifier: '余' })).toBe('6.1万余棵');
    expect(figurePhrase({ value: '1758万', unit: '元', qualifier: '' })).toBe('1758万元');
  });
});

describe('findFigure', () => {
  const body =
    '青禾区投入资金1,758万元，种植苗木6.1万余棵，服务群众2.3万人次，另有约200人报名，筹集善款300多万元。';

  it('finds a figure as printed, thousands separators and all', () => {
    const at = findFigure(body, { value: '1758万', unit: '元', qualifier: '' });
    expect(at && body.slice(at.start, at.end)).toBe('1,758万元');
  });

  it('finds qualifiers on either side', () => {
    const a = findFigure(body, { value: '6.1万', unit: '棵', qualifier: '余' });
    expect(a && body.slice(a.start, a.end)).toBe('6.1万余棵');
    const b = findFigure(body, { value: '200', unit: '人', qualifier: '约' });
    expect(b && body.slice(b.start, b.end)).toBe('约200人');
    const c = findFigure(body, { value: '300万', unit: '元', qualifier: '多' });
    expect(c && body.slice(c.start, c.end)).toBe('300多万元');
  });

  it('does not find a figure whose number, unit or qualifier differs', () => {
    expect(findFigure(body, { value: '1759万', unit: '元', qualifier: '' })).toBeNull();
    expect(findFigure(body, { value: '6.1万', unit: '株', qualifier: '余' })).toBeNull();
    expect(findFigure(body, { value: '2.3万', unit: '人', qualifier: '' })).toBeNull();
    expect(findFigure(body, { value: '58万', unit: '元', qualifier: '' })).toBeNull();
    expect(findFigure(body, { value: '', unit: '元', qualifier: '' })).toBeNull();
    expect(findFigure(body, { value: '1758万', unit: '', qualifier: '' })).toBeNull();
  });
});
