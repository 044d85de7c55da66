import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RegionIndex, type RegionData } from '../geo/regions';
import { PAGE_PHOTOS_BOX, PAGE_REGIONS, PAGE_TO_CORRECT } from './fixtures/past-pages';
import { splitPageText, type PageCorrection, type PageStory } from './page-text';

const regions = new RegionIndex(
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../resources/data/regions.json'), 'utf8'),
  ) as RegionData,
);

/** A story line by line: "<line> <role> <text>". */
const lines = (s: PageStory) => s.lines.map((l) => `${l.line} ${l.role} ${l.text}`);

describe('page furniture (issue 19)', () => {
  it('reads region labels above headlines as the next story’s region, and end bylines end their stories', () => {
    const { stories, boxes, notes } = splitPageText(PAGE_REGIONS, { regions });
    expect(stories.map(lines)).toEqual([
      [
        '2 region 播州区',
        '3 headline “院坝议事”议出乡村好日子',
        '5 lead 本报讯 入夏以来，播州区在各村推行“院坝议事”，群众的大事小情在院坝里商量着办。',
        '7 paragraph 今年以来，全区共召开院坝会1300余场，解决道路硬化、饮水安全等问题460余件。',
        '9 byline （杨柳）',
      ],
      [
        '11 region 凤冈县',
        '12 headline 茶园里的党员先锋队',
        '14 paragraph 清晨六点，凤冈县的茶园里已经有了忙碌的身影，二十多名党员志愿者分成四个小组，帮助缺少劳力的茶农抢摘',
        '16 paragraph 春茶。',
        '18 paragraph “党员们来得及时，今年的茶青一片都没耽误。”茶农冉大姐说。',
        '20 byline （田禾）',
      ],
      [
        '22 region 仁怀市',
        '23 kicker 聚力基层治理',
        '24 headline “红管家”管出小区新气象',
        '25 byline ■中共仁怀市委组织部',
        '26 paragraph 仁怀市在全市108个小区推行“红管家”制度，由党员骨干担任楼栋长，',
        '27 paragraph 带领居民共同管好小区事务。',
      ],
    ]);
    expect(boxes).toEqual([]);
    const [first, second, third] = stories as [PageStory, PageStory, PageStory];
    expect(first).toMatchObject({
      headline: '“院坝议事”议出乡村好日子',
      regionLabel: '播州区',
      region: { code: '520304', path: ['贵州省', '遵义市', '播州区'] },
      dateline: '本报讯',
      byline: { credits: [{ kind: 'person', role: '', names: ['杨柳'] }], position: 'end' },
      firstLine: 2,
      lastLine: 9,
    });
    expect(first.blocks.map((b) => b.text)).toEqual([
      '入夏以来，播州区在各村推行“院坝议事”，群众的大事小情在院坝里商量着办。',
      '今年以来，全区共召开院坝会1300余场，解决道路硬化、饮水安全等问题460余件。',
    ]);
    expect(second).toMatchObject({
      headline: '茶园里的党员先锋队',
      region: { code: '520327', path: ['贵州省', '遵义市', '凤冈县'] },
      byline: { credits: [{ kind: 'person', role: '', names: ['田禾'] }], position: 'end' },
    });
    expect(second.blocks).toHaveLength(2);
    expect(second.joins).toEqual([{ line: 16, end: '力的茶农抢摘', start: '春茶。' }]);
    expect(third).toMatchObject({
      kicker: '聚力基层治理',
      headline: '“红管家”管出小区新气象',
      region: { code: '520382', path: ['贵州省', '遵义市', '仁怀市'] },
      byline: { credits: [{ kind: 'organisation', name: '中共仁怀市委组织部' }], position: 'top' },
    });
    expect(notes.map((n) => n.code)).toEqual([
      'emphasis-removed',
      'region-label',
      'region-label',
      'joined',
      'region-label',
      'joined',
    ]);
    expect(notes[1]!.params).toEqual({
      label: '播州区',
      region: '贵州省遵义市播州区',
      headline: '“院坝议事”议出乡村好日子',
    });
  });

  it('takes credit lines for the photo’s credit and a slogan box for one box, not a story', () => {
    const { stories, boxes, notes } = splitPageText(PAGE_PHOTOS_BOX, { regions });
    expect(stories.map(lines)).toEqual([
      [
        '1 headline 山乡夜校点亮致富路',
        '2 subheadline ——石阡县开办“农民夜校”的探索',
        '3 byline 龙泉 杨帆',
        '4 paragraph 每到周三晚上，村委会二楼的教室里就坐满了前来听课的村民。',
        '5 paragraph 夜校开设种养技术、电商销售等课程，今年已培训村民2100余人次。',
        '6 caption 图为农技员在夜校讲解食用菌栽培技术。',
        '7 credit （吴越 摄）',
      ],
      [
        '13 headline 古寨新颜',
        '14 lead 本报讯（通讯员 包岚）在石阡县的一座百年古寨里，村党支部带领村民修缮老屋、清理河道，古寨换了新颜。',
        '15 paragraph 改造后的古寨吸引了不少游客，村民们在家门口开起了农家乐。',
        '16 caption 游客在古寨里参观。',
        '17 credit 摄影：蓝天',
        '18 caption 志愿者为留守儿童辅导功课。',
        '19 credit 石阡县委组织部供图',
      ],
    ]);
    expect(boxes).toEqual([
      {
        firstLine: 8,
        lastLine: 12,
        lines: [
          { line: 8, text: '社会主义核心价值观', role: 'box' },
          { line: 9, text: '富强 民主 文明 和谐', role: 'box' },
          { line: 10, text: '自由 平等 公正 法治', role: 'box' },
          { line: 11, text: '爱国 敬业 诚信 友善', role: 'box' },
          { line: 12, text: '中共石阡县委宣传部 宣', role: 'box' },
        ],
      },
    ]);
    const [first, second] = stories as [PageStory, PageStory];
    expect(first.captions).toEqual([
      { caption: '图为农技员在夜校讲解食用菌栽培技术。', creditName: '吴越', creditKind: '摄' },
    ]);
    expect(first.blocks).toHaveLength(2);
    expect(second.byline).toEqual({
      credits: [{ kind: 'person', role: '通讯员', names: ['包岚'] }],
      position: 'lead',
    });
    expect(second.captions).toEqual([
      { caption: '游客在古寨里参观。', creditName: '蓝天', creditKind: '摄' },
      { caption: '志愿者为留守儿童辅导功课。', creditName: '石阡县委组织部', creditKind: '供图' },
    ]);
    expect(notes.map((n) => n.code)).toEqual([
      'byline-no-role',
      'caption-attached',
      'caption-attached',
      'caption-attached',
      'box',
    ]);
    expect(notes.filter((n) => n.code === 'caption-attached').map((n) => n.params.headline)).toEqual([
      '山乡夜校点亮致富路',
      '古寨新颜',
      '古寨新颜',
    ]);
  });

  it('reads a page as printed before any correction', () => {
    const { stories, notes } = splitPageText(PAGE_TO_CORRECT, { regions });
    expect(stories.map(lines)).toEqual([
      [
        '1 region 白云区',
        '2 headline “楼栋夜谈”谈出邻里温情',
        '3 byline ■中共贵阳市白云区委组织部',
        '4 paragraph 贵阳市白云区在老旧小区推行“楼栋夜谈”，党员楼栋长每月召集居民围坐谈心，小区的烦心事在夜谈中一件件化解。',
      ],
      [
        '5 headline 两位楼栋长',
        '6 byline 韦林 郑和',
        '7 paragraph 两位老党员是小区第一批楼栋长，每次夜谈前都会挨家挨户敲门通知。',
      ],
      [
        '8 jump （上接B3版）',
        '9 paragraph 活动中心的书架上摆满了居民捐赠的图书，孩子们放学后常来这里写作业。',
        '10 paragraph 文/苗青',
        '11 subhead 社区食堂开张了',
        '12 paragraph 老人们花十元钱就能吃上两荤一素，社区还为行动不便的老人送餐上门。',
        '13 paragraph 老人们在社区食堂用餐',
      ],
    ]);
    // 白云区 is in 广州 and in 贵阳: the story's own text names 贵阳市.
    expect(stories[0]!.region).toEqual({ code: '520113', path: ['贵州省', '贵阳市', '白云区'] });
    expect(notes.map((n) => n.code)).toEqual(['region-label', 'byline-no-role', 'continued']);
  });

  it('applies merge, split and marks, and its notes say only what is so', () => {
    const corrections: PageCorrection[] = [
      { kind: 'merge', line: 5 },
      { kind: 'split', line: 11 },
      { kind: 'mark', line: 10, as: 'byline' },
      { kind: 'mark', line: 13, as: 'caption' },
    ];
    const { stories, notes } = splitPageText(PAGE_TO_CORRECT, { regions, corrections });
    expect(stories.map(lines)).toEqual([
      [
        '1 region 白云区',
        '2 headline “楼栋夜谈”谈出邻里温情',
        '3 byline ■中共贵阳市白云区委组织部',
        '4 paragraph 贵阳市白云区在老旧小区推行“楼栋夜谈”，党员楼栋长每月召集居民围坐谈心，小区的烦心事在夜谈中一件件化解。',
        '5 subhead 两位楼栋长',
        '6 paragraph 韦林 郑和',
        '7 paragraph 两位老党员是小区第一批楼栋长，每次夜谈前都会挨家挨户敲门通知。',
      ],
      [
        '8 jump （上接B3版）',
        '9 paragraph 活动中心的书架上摆满了居民捐赠的图书，孩子们放学后常来这里写作业。',
        '10 byline 文/苗青',
      ],
      [
        '11 headline 社区食堂开张了',
        '12 paragraph 老人们花十元钱就能吃上两荤一素，社区还为行动不便的老人送餐上门。',
        '13 caption 老人们在社区食堂用餐',
      ],
    ]);
    const [first, second, third] = stories as [PageStory, PageStory, PageStory];
    expect(first.blocks).toEqual([
      {
        type: 'paragraph',
        text: '贵阳市白云区在老旧小区推行“楼栋夜谈”，党员楼栋长每月召集居民围坐谈心，小区的烦心事在夜谈中一件件化解。',
      },
      { type: 'subhead', text: '两位楼栋长' },
      { type: 'paragraph', text: '韦林 郑和' },
      { type: 'paragraph', text: '两位老党员是小区第一批楼栋长，每次夜谈前都会挨家挨户敲门通知。' },
    ]);
    expect(first.lastLine).toBe(7);
    expect(second.byline).toEqual({
      credits: [{ kind: 'person', role: '', names: ['苗青'] }],
      position: 'end',
    });
    expect(third).toMatchObject({
      headline: '社区食堂开张了',
      firstLine: 11,
      captions: [{ caption: '老人们在社区食堂用餐', creditName: '' }],
    });
    // The merged story's byline note is gone with it; no note has an empty placeholder.
    expect(notes.map((n) => n.code)).toEqual(['region-label', 'continued', 'caption-attached']);
    for (const n of notes) for (const v of Object.values(n.params)) expect(String(v)).not.toBe('');
  });

  it('marks a line as headline or subhead, and says which corrections named no line', () => {
    const { stories, notes } = splitPageText(PAGE_TO_CORRECT, {
      regions,
      corrections: [
        { kind: 'mark', line: 11, as: 'headline' },
        { kind: 'mark', line: 9, as: 'subhead' },
        { kind: 'merge', line: 1 },
        { kind: 'split', line: 40 },
      ],
    });
    expect(stories.map((s) => s.headline)).toEqual([
      '“楼栋夜谈”谈出邻里温情',
      '两位楼栋长',
      '（上接B3版）',
      '社区食堂开张了',
    ]);
    expect(stories[2]!.blocks[0]).toEqual({
      type: 'subhead',
      text: '活动中心的书架上摆满了居民捐赠的图书，孩子们放学后常来这里写作业。',
    });
    expect(notes.filter((n) => n.code === 'correction-unused').map((n) => n.params.line)).toEqual([1, 40]);
  });

  it('without the region list a label still starts its story, naming no division', () => {
    const { stories, notes } = splitPageText(PAGE_REGIONS);
    expect(stories.map((s) => [s.regionLabel, s.region])).toEqual([
      ['播州区', null],
      ['凤冈县', null],
      ['仁怀市', null],
    ]);
    expect(notes.filter((n) => n.code === 'region-unlisted').map((n) => n.params.label)).toEqual([
      '播州区',
      '凤冈县',
      '仁怀市',
    ]);
  });
});
