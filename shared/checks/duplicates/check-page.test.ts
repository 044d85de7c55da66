import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseStoryMarkdown } from '../../format';
import { bodyFromBlocks, type BodyBlock } from '../../model';
import { sliceCodePoints } from '../../text/code-points';
import { normalizeForMatch } from '../../text/normalize';
import type { Finding } from '../finding';
import { checkPage, checkStory } from './check-page';
import { plant, randomChineseText } from './fixtures/planted';
import { duplicateSettings } from './settings';
import type { CheckedStory } from './text-blocks';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'page-b5');
const DEMO = join(import.meta.dirname, '..', '..', '..', 'resources', 'demo', 'B6');

function readPage(dir: string): CheckedStory[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({
      key: f,
      content: parseStoryMarkdown(readFileSync(join(dir, f), 'utf8'), {
        photoFile: () => '0123456789abcdef.jpg',
      }),
    }));
}

function story(key: string, blocks: BodyBlock[], headline = '标题'): CheckedStory {
  return {
    key,
    content: { kicker: '', headline, subheadline: '', photos: [], body: bodyFromBlocks(blocks) },
  };
}
const para = (text: string): BodyBlock => ({ type: 'paragraph', text });

/** What a finding says, in one line, for exact comparisons. */
const brief = (f: Finding) =>
  `${f.rule} ${f.severity} ${f.locations.map((l) => `${l.story}:${l.paragraph}`).join(' <- ')} ${f.params.chars ?? f.params.similarity}`;

describe('the invented page B5: known duplicates and known harmless repeats', () => {
  const page = readPage(FIXTURE);
  const findings = checkPage(page);

  it('finds exactly the planted duplicates', () => {
    expect(findings.map(brief)).toEqual([
      // the same paragraph printed twice
      'duplicate.paragraph error 1-longtan-zhiyuan.md:5 <- 1-longtan-zhiyuan.md:3 88',
      // a sentence spliced into another paragraph (35), a clause repeated (23)
      'duplicate.run error 2-qingxi-jifen.md:6 <- 2-qingxi-jifen.md:4 35',
      'duplicate.run warning 2-qingxi-jifen.md:8 <- 2-qingxi-jifen.md:6 23',
      // a clause reused with its campaign name inside: 15 characters beyond the slogan make it a copy
      'duplicate.cross-story warning 3-baisha-wangge.md:2 <- 2-qingxi-jifen.md:1 23',
      // a sentence reused across two stories
      'duplicate.cross-story warning 4-hexi-jiedao.md:2 <- 3-baisha-wangge.md:3 30',
      // a paragraph repeated with a changed number and mark: its copies share a run of 43, an error
      'duplicate.near-paragraph error 5-shuangqiao-hezuoshe.md:2 <- 5-shuangqiao-hezuoshe.md:0 43',
    ]);
  });

  it('points at the exact original characters', () => {
    for (const f of findings) {
      for (const l of f.locations) {
        const s = page.find((p) => p.key === l.story)!;
        const text = readFileSync(join(FIXTURE, l.story), 'utf8');
        expect(text).toContain(l.text);
        expect(l.end).toBeGreaterThan(l.start);
        void s;
      }
    }
    const splice = findings[1]!;
    expect(splice.locations[0]!.text).toBe(
      '连续两个季度积分靠后的党员，由党支部书记谈心谈话，帮助查找原因、制定改进措施',
    );
    // Page order cannot tell the original from the splice: the later copy comes first.
    expect([splice.locations[0]!.start, splice.locations[1]!.start]).toEqual([75, 66]);
  });

  it('gives the near-duplicate a character diff of the two', () => {
    const near = findings.find((f) => f.rule === 'duplicate.near-paragraph')!;
    const changes = near.diff!.filter((d) => d.op !== 'equal').map((d) => `${d.op}:${d.text}`);
    expect(changes).toEqual(['delete:。', 'insert:；', 'delete:1', 'insert:1', 'insert:5', 'delete:0']);
  });

  it('without the harmless-repeat rules the policy name and the headline echo would be flagged', () => {
    const bare = checkPage(page, duplicateSettings({ quoteMaxChars: 0, echoMinChars: 50 }));
    const extra = bare.map(brief).filter((b) => !findings.map(brief).includes(b));
    expect(extra).toEqual([
      'duplicate.run warning 1-longtan-zhiyuan.md:7 <- 1-longtan-zhiyuan.md:0 20', // headline echo
      'duplicate.run warning 2-qingxi-jifen.md:8 <- 2-qingxi-jifen.md:1 22', // 《…》 policy name
    ]);
  });

  it('the demo page B6 (clean copy) has no findings', () => {
    expect(checkPage(readPage(DEMO))).toEqual([]);
  });
});

describe('rules', () => {
  const lead = '本报讯（记者 陈立群 欧阳晓帆 通讯员 周晓帆 林嘉怡）';
  it('does not count the byline formula, stoplist phrases or short quoted names', () => {
    const a = story('a', [
      para(`${lead}近日，某镇召开会议。`),
      para('会议要求深入学习贯彻习近平新时代中国特色社会主义思想，推动工作。'),
    ]);
    const b = story('b', [
      para(`${lead}昨天，某街道举办培训。`),
      para('街道坚持深入学习贯彻习近平新时代中国特色社会主义思想，服务居民。'),
    ]);
    expect(checkPage([a, b])).toEqual([]);
    // Each shared stretch alone would reach the cross-story threshold.
    expect(normalizeForMatch(lead).codes.length).toBeGreaterThanOrEqual(20);
    expect(
      normalizeForMatch('深入学习贯彻习近平新时代中国特色社会主义思想').codes.length,
    ).toBeGreaterThanOrEqual(20);
  });

  it('a subhead printed twice is a paragraph duplicate even below the run threshold', () => {
    const s = story('s', [
      { type: 'subhead', text: '党员中心户架起干群连心桥' },
      para('正文一段。'),
      { type: 'subhead', text: '党员中心户架起干群连心桥' },
    ]);
    expect(checkStory(s).map(brief)).toEqual(['duplicate.paragraph error s:2 <- s:0 12']);
  });

  it('finds a sentence doubled inside one paragraph', () => {
    const sentence = '村党支部把全村划分为八个网格，每个网格由一名党员担任联络员负责摸排需求';
    const s = story('s', [para(`前言。${sentence}。中间的话。${sentence}。`)]);
    const [f] = checkStory(s);
    expect(f?.rule).toBe('duplicate.run');
    expect(f?.locations[0]!.text).toBe(sentence);
    expect(f?.locations[0]!.paragraph).toBe(0);
  });

  it('thresholds are settings', () => {
    const run = '党员志愿者每周上门走访独居老人两次帮助解决实际困难'; // 25
    const s = story('s', [
      para(`镇里召开会议部署春耕工作，${run}。`),
      para(`街道组织青年突击队清理河道，${run}。`),
    ]);
    expect(checkStory(s).map((f) => f.severity)).toEqual(['warning']);
    expect(checkStory(s, duplicateSettings({ runError: 25 })).map((f) => f.severity)).toEqual(['error']);
    expect(checkStory(s, duplicateSettings({ runWarning: 26, runError: 30 }))).toEqual([]);
  });
});

/** Issue 15: each harmless repeat beside a copied sentence holding the same slogan or phrase. */
describe('harmless repeats decide whether a run is harmless, not its length', () => {
  const copied = '村党支部牵头组建的“红色代办”服务队每周入户走访'; // 22 normalised, 18 outside the quote
  const cap = (text: string) => ({ id: 'p1', file: '0123456789abcdef.jpg', caption: text, credit: '' });
  function withCaption(key: string, blocks: BodyBlock[], caption: string, at: number): CheckedStory {
    const s = story(key, blocks);
    const body = [...blocks.slice(0, at), { type: 'photo', photoId: 'p1' } as BodyBlock, ...blocks.slice(at)];
    return { key, content: { ...s.content, body: bodyFromBlocks(body), photos: [cap(caption)] as never } };
  }

  it('a slogan used in different sentences is harmless; a sentence copied with it counts in full', () => {
    const slogan = story('s', [
      para('今年以来，镇里开展“红色代办”服务，群众办事少跑腿。'),
      para('下一步，街道将把“红色代办”服务延伸到每个小区。'),
    ]);
    expect(checkStory(slogan)).toEqual([]);
    const copy = story('s', [para(`春耕时节，${copied}。`), para(`入冬以后，${copied}，帮老人备好煤炭。`)]);
    expect(checkStory(copy).map(brief)).toEqual(['duplicate.run warning s:1 <- s:0 22']);
    // Before: only the 18 characters outside the quote counted, below the noise threshold.
    expect(normalizeForMatch(copied).codes.length).toBe(22);
  });

  it('a 26-character sentence reused across stories with an 8-character slogan inside is reported', () => {
    const longer = '区委组织部在全区启动“党建引领幸福家园”试点覆盖四个社区';
    const n = normalizeForMatch(longer).codes.length;
    expect(n).toBe(26);
    const a = story('a', [para(`上个月，${longer}。`)], '甲');
    const b = story('b', [para(`据了解，${longer}，效果明显。`)], '乙');
    expect(checkPage([a, b]).map(brief)).toEqual(['duplicate.cross-story warning b:0 <- a:0 26']);
    // The slogan alone in another sentence: harmless.
    const c = story('c', [para('各社区围绕“党建引领幸福家园”开展议事协商。')], '丙');
    expect(checkPage([a, c])).toEqual([]);
  });

  it('the dateline and byline formula is harmless; a lead sentence copied after it counts', () => {
    const lead = '本报讯（记者 陈立群 通讯员 周晓帆）';
    const a = story('a', [para(`${lead}近日，某镇召开会议。`)], '甲');
    const b = story('b', [para(`${lead}近日，某街道举办培训。`)], '乙');
    expect(checkPage([a, b])).toEqual([]);
    const sentence = '近日，东湖街道在八个小区推行楼栋议事会，收集居民意见建议三百余条';
    const c = story(
      'c',
      [para(`${lead}${sentence}。会后各小区陆续开展了议事活动，居民参与热情很高。`)],
      '丙',
    );
    const d = story('d', [para(`${lead}${sentence}，逐条办理，街道还将定期通报办理进展。`)], '丁');
    const [f, ...rest] = checkPage([c, d]);
    expect(rest).toEqual([]);
    expect(brief(f!)).toBe(
      `duplicate.cross-story warning d:0 <- c:0 ${normalizeForMatch(sentence).codes.length}`,
    );
    expect(f!.locations[0]!.text).toBe(sentence); // the formula trimmed off its start
  });

  it('stoplist phrases are harmless alone; a sentence built around one counts in full', () => {
    const set = '深入学习贯彻习近平新时代中国特色社会主义思想';
    const a = story('a', [para(`会议要求${set}，推动工作。`)], '甲');
    const b = story('b', [para(`街道坚持${set}，服务居民。`)], '乙');
    expect(checkPage([a, b])).toEqual([]);
    const sentence = `全县党员干部${set}，在乡村振兴一线建功立业`;
    const c = story('c', [para(`会上提出，${sentence}。会议还通报了上半年重点任务的完成情况。`)], '丙');
    const d = story('d', [para(`记者了解到，${sentence}。目前已有两百多名干部下沉到村。`)], '丁');
    expect(checkPage([c, d]).map(brief)).toEqual([
      `duplicate.cross-story warning d:0 <- c:0 ${normalizeForMatch(sentence).codes.length}`,
    ]);
  });

  it('the headline’s words in the body are harmless; a body sentence copied with them counts', () => {
    const s = story(
      's',
      [para('初心驿站开门那天，居民排起了长队。'), para('如今初心驿站成了老人们最爱去的地方。')],
      '初心驿站暖民心',
    );
    expect(checkStory(s)).toEqual([]);
    const sentence = '初心驿站由退休党员轮流值守每天接待居民四十多人次';
    const t = story(
      't',
      [para(`${sentence}。不少居民说，有事先到驿站问一问。`), para(`记者采访当天，${sentence}。`)],
      '初心驿站暖民心',
    );
    expect(checkStory(t).map(brief)).toEqual(['duplicate.run warning t:1 <- t:0 24']);
  });

  it('a caption repeating a subhead, or echoing its paragraph, is not reported', () => {
    const body = [
      { type: 'subhead', text: '党员中心户架起干群连心桥' } as BodyBlock,
      para('服务站开通“红色驿站”服务热线，党员志愿者轮流接听群众来电，当天登记、次日反馈。'),
    ];
    expect(checkStory(withCaption('s', body, '党员中心户架起干群连心桥。图为志愿者入户走访。', 2))).toEqual(
      [],
    );
    // 开通“红色驿站”服务热线: 10–20 characters of the paragraph it illustrates.
    expect(checkStory(withCaption('s', body, '开通“红色驿站”服务热线', 2))).toEqual([]);
    expect(checkStory(withCaption('s', body, '服务站开通红色驿站服务热线党员志愿者轮流接听', 2))).toEqual([]);
  });

  it('between a caption and the body: a warning only from runError characters, never an error', () => {
    const paragraph =
      '服务站开通服务热线，党员志愿者轮流接听群众来电，当天登记次日反馈，做到件件有回音，群众满意率达到九成以上。';
    const long = '服务站开通服务热线，党员志愿者轮流接听群众来电，当天登记次日反馈，做到件件有回音';
    const found = checkStory(withCaption('s', [para(paragraph)], long, 1));
    expect(found.map((f) => [f.rule, f.severity, f.locations[0]!.field, f.params.chars])).toEqual([
      ['duplicate.run', 'warning', 'caption', normalizeForMatch(long).codes.length],
    ]);
    // The whole paragraph as its own caption: still a warning, not "printed twice".
    const whole = checkStory(withCaption('s', [para(paragraph)], paragraph, 1));
    expect(whole.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('one finding per pair of places, at the highest severity', () => {
  it('an edited copy of a paragraph sharing a run of runError or more is an error, with its diff', () => {
    const first =
      '合作社成立之初，不少村民心存顾虑，担心把地交出去吃亏。村党支部的7名党员带头入社，拿出自家茶园作示范，统一品种、统一管护、统一收购，第一年就让入社茶农亩均增收1200元。';
    const edited = `${first.replace('7名', '9名')}看到实实在在的收益，村民们纷纷要求入社。`;
    const [f, ...rest] = checkStory(story('s', [para(first), para('中间一段。'), para(edited)]));
    expect(rest).toEqual([]);
    expect([f!.rule, f!.severity]).toEqual(['duplicate.near-paragraph', 'error']);
    expect(f!.diff!.filter((d) => d.op !== 'equal').map((d) => `${d.op}:${d.text}`)).toContain('insert:9');
  });

  it('a near-duplicate whose shared runs are all shorter than runError stays a warning', () => {
    const a =
      '镇党委在每个网格设立党员责任岗，党员亮身份亮承诺，与网格员一起解决群众急难愁盼问题，累计收集诉求一千余件';
    const b = a.replace('网格员一起', '网格长一起');
    const found = checkStory(story('s', [para(a), para(b)]));
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['duplicate.near-paragraph', 'warning']]);
    expect(found[0]!.params.chars).toBeGreaterThanOrEqual(20);
    expect(found[0]!.params.chars).toBeLessThan(30);
  });
});

describe('runs under the noise threshold never decide a verdict', () => {
  it('an edited copy is judged by its runs of 20 or more, not by a shorter one winnowing happened to find', () => {
    // The second paragraph is the first with a sentence dropped; then a clause was pasted into the
    // first, cutting its last sentence's shared stretch to 18 characters. Whether winnowing finds
    // those 18 (below the guarantee threshold) is chance: counting them made the pair "covered" and
    // one near-paragraph error; without them the pair is two runs, 21 (warning) and 54 (error).
    const first =
      '国企党委与山区小学结对，捐建了一间科技活动室。一到雨季，护林员就得每天巡山两次，防止山体滑坡。村里的光棍汉老赵在帮扶下盖起了新房，还娶了媳妇。党小组长拿着花名册挨个打电话，提醒大家按时交党费。在“邻里守望”的带动下，原来是木头搭的，汛期一到就得封闭。新修的水渠通水那天，村民们在渠边放起了鞭炮全村的卫生评比连续三个月保持全镇第一。';
    const copy =
      '国企党委与山区小学结对，捐建了一间科技活动室。村里的光棍汉老赵在帮扶下盖起了新房，还娶了媳妇。党小组长拿着花名册挨个打电话，提醒大家按时交党费。在“邻里守望”的带动下，全村的卫生评比连续三个月保持全镇第一。';
    const found = checkStory(story('s', [para(first), para('中间一段。'), para(copy)]));
    expect(found.map((f) => [f.rule, f.severity, f.params.chars])).toEqual([
      ['duplicate.run', 'warning', 21],
      ['duplicate.run', 'error', 54],
    ]);
  });
});

describe('property: planted copies', () => {
  const cases = fc.record({
    seed: fc.integer(),
    length: fc.integer({ min: 10, max: 400 }),
    at: fc.nat(),
    where: fc.nat({ max: 520 }),
    noise: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
  });

  // 520 code points hold over 440 normalised characters (a mark is 1 in 11): room for 40 + 400.
  const planted = (c: fc.RecordValue<typeof cases>) =>
    plant(
      randomChineseText(c.seed, 520),
      randomChineseText(c.seed + 1_000_003, 520),
      c.at % 40,
      c.length,
      c.where,
      c.noise,
    );

  it('within a story: found from 20 normalised characters (error from 30), never below, at the exact characters', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const p = planted(c);
        const findings = checkStory(story('s', [para(p.source), para(p.copy)]));
        if (p.length < 20) {
          expect(findings).toEqual([]);
          return;
        }
        expect(findings).toHaveLength(1);
        const [f] = findings;
        expect(f!.rule).toBe('duplicate.run');
        expect(f!.severity).toBe(p.length >= 30 ? 'error' : 'warning');
        expect(f!.params.chars).toBe(p.length);
        const [copy, source] = f!.locations;
        expect([copy!.start, copy!.end]).toEqual(p.copySpan);
        expect([source!.start, source!.end]).toEqual(p.sourceSpan);
        expect(copy!.text).toBe(sliceCodePoints(p.copy, ...p.copySpan));
        expect(source!.text).toBe(sliceCodePoints(p.source, ...p.sourceSpan));
      }),
      { numRuns: 300 },
    );
  });

  it('across two stories of a page: a warning from 20 characters, nothing below', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const p = planted(c);
        const findings = checkPage([story('a', [para(p.source)]), story('b', [para(p.copy)])]);
        if (p.length < 20) {
          expect(findings).toEqual([]);
          return;
        }
        expect(
          findings.map((f) => [
            f.rule,
            f.severity,
            f.locations[0]!.story,
            f.locations[0]!.start,
            f.locations[0]!.end,
          ]),
        ).toEqual([['duplicate.cross-story', 'warning', 'b', ...p.copySpan]]);
      }),
      { numRuns: 200 },
    );
  });
});
