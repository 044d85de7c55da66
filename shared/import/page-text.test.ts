import { describe, expect, it } from 'vitest';

import { splitPageText } from './page-text';

// An invented page: three stories, a photo with its credit line, a jump line out and a
// continued story in, and paragraphs cut by column breaks in mid-sentence.
const PAGE = [
  '',
  '青石镇：小网格撑起基层治理大格局',
  '',
  '■中共青石镇委员会',
  '',
  '近年来，青石镇把党支部建在网格上，推动党员力量下沉一线，',
  '',
  '有效解决了群众身边的急难愁盼问题。',
  '',
  '建强网格阵地 夯实治理根基',
  '',
  '镇党委将全镇划分为42个网格，每个网格配备一名专职网格员和若干党员志愿者，建立“一格一档”工作台账，做到底数',
  '',
  '清、情况明。',
  '',
  '图为网格员走访独居老人。',
  '',
  '王小川 摄',
  '',
  '（下转B7版）',
  '',
  '',
  '## 桐林村：“积分超市”兑出文明新风',
  '',
  '本报讯（记者 赵明 通讯员 钱丽）走进桐林村，村民们正拿着积分卡兑换生活用品。今年以来，村里推行积分制管理，参与人数达',
  '',
  '900余人次。',
  '',
  '“以前觉得环境卫生是村里的事，现在人人都是参与者。”村民孙大姐说。',
  '',
  '（上接B5版）',
  '',
  '服务中心还开设了“夜间窗口”，方便上班族办事。截至目前，共办理各类事项',
  '',
  '1200余件，群众满意率达98%。',
  '',
  '（柳岸）',
  '',
].join('\n');

describe('splitPageText', () => {
  const split = splitPageText(PAGE);

  it('splits the page into its stories with headline and byline', () => {
    expect(split.stories.map((s) => s.headline)).toEqual([
      '青石镇：小网格撑起基层治理大格局',
      '桐林村：“积分超市”兑出文明新风',
      '（上接B5版）',
    ]);
    const [first, second, third] = split.stories;
    expect(first!.byline).toEqual({
      credits: [{ kind: 'organisation', name: '中共青石镇委员会' }],
      position: 'top',
    });
    expect(second!.dateline).toBe('本报讯');
    expect(second!.byline).toEqual({
      credits: [
        { kind: 'person', role: '记者', names: ['赵明'] },
        { kind: 'person', role: '通讯员', names: ['钱丽'] },
      ],
      position: 'lead',
    });
    expect(third!.continued).toBe(true);
    expect(third!.byline).toEqual({
      credits: [{ kind: 'person', role: '', names: ['柳岸'] }],
      position: 'end',
    });
  });

  it('joins paragraphs cut by a column break in mid-sentence, and lists every join', () => {
    const [first, second, third] = split.stories;
    expect(first!.blocks).toEqual([
      {
        type: 'paragraph',
        text: '近年来，青石镇把党支部建在网格上，推动党员力量下沉一线，有效解决了群众身边的急难愁盼问题。',
      },
      { type: 'subhead', text: '建强网格阵地 夯实治理根基' },
      {
        type: 'paragraph',
        text: '镇党委将全镇划分为42个网格，每个网格配备一名专职网格员和若干党员志愿者，建立“一格一档”工作台账，做到底数清、情况明。',
      },
    ]);
    expect(first!.joins.map((j) => j.line)).toEqual([8, 14]);
    expect(second!.blocks[0]!.text).toBe(
      '走进桐林村，村民们正拿着积分卡兑换生活用品。今年以来，村里推行积分制管理，参与人数达900余人次。',
    );
    expect(second!.blocks[1]!.text).toMatch(/^“以前觉得/);
    expect(third!.blocks).toEqual([
      {
        type: 'paragraph',
        text: '服务中心还开设了“夜间窗口”，方便上班族办事。截至目前，共办理各类事项1200余件，群众满意率达98%。',
      },
    ]);
    expect(split.notes.filter((n) => n.code === 'joined')).toHaveLength(4);
  });

  it('takes captions with their credit lines, and jump lines out of the text', () => {
    const [first, , third] = split.stories;
    expect(first!.captions).toEqual([
      { caption: '图为网格员走访独居老人。', creditName: '王小川', creditKind: '摄' },
    ]);
    expect(first!.jumps).toEqual([{ direction: 'to', page: 'B7' }]);
    expect(third!.jumps).toEqual([{ direction: 'from', page: 'B5' }]);
    expect(split.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['caption-attached', 'continued']));
  });

  it('reads markdown-marked heads, a 副题 and bare names under the headline', () => {
    const page = [
      '# “三项清单”激活社区治理',
      '## ——南湖社区推行网格化服务的探索',
      '周明 李青',
      '南湖社区坚持党建引领，梳理出需求、资源、项目三项清单。',
      '## 云台乡:',
      '# 山路通了 茶叶俏了',
      '吴放',
      '云台乡今年新修产业路12公里，茶农的鲜叶当天就能运出山。',
    ].join('\n');
    const { stories } = splitPageText(page);
    expect(stories).toHaveLength(2);
    expect(stories[0]).toMatchObject({
      headline: '“三项清单”激活社区治理',
      subheadline: '——南湖社区推行网格化服务的探索',
      byline: { credits: [{ kind: 'person', role: '', names: ['周明', '李青'] }], position: 'top' },
    });
    expect(stories[1]!.headline).toBe('云台乡:山路通了 茶叶俏了');
  });

  it('keeps text before the first headline as a story and says so; nothing is dropped', () => {
    const { stories, notes } = splitPageText(
      '上期未完的一段文字，没有标题。\n\n石门镇：新风吹进农家院\n\n■石门镇党委\n\n正文一段。',
    );
    expect(stories).toHaveLength(2);
    expect(stories[0]!.blocks[0]!.text).toBe('上期未完的一段文字，没有标题。');
    expect(notes.some((n) => n.code === 'orphan')).toBe(true);
  });

  it('reads CRLF and a BOM like LF', () => {
    const crlf = `\uFEFF${PAGE.replace(/\n/g, '\r\n')}`;
    expect(splitPageText(crlf).stories.map((s) => s.blocks)).toEqual(split.stories.map((s) => s.blocks));
  });
});
