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
      // a sentence reused across two stories
      'duplicate.cross-story warning 4-hexi-jiedao.md:2 <- 3-baisha-wangge.md:3 30',
      // a paragraph repeated with a changed number and mark
      'duplicate.near-paragraph warning 5-shuangqiao-hezuoshe.md:2 <- 5-shuangqiao-hezuoshe.md:0 97',
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

  it('without the harmless-repeat rules the formula, slogans, policy name, echoes and caption would be flagged', () => {
    const bare = checkPage(page, duplicateSettings({ quoteMaxChars: 0, echoMinChars: 50 }));
    const extra = bare.map(brief).filter((b) => !findings.map(brief).includes(b));
    expect(extra.length).toBeGreaterThanOrEqual(4);
    expect(extra.join('\n')).toMatch(/1-longtan-zhiyuan.md:4 <- 1-longtan-zhiyuan.md:2/); // caption = subhead
    expect(extra.join('\n')).toMatch(/1-longtan-zhiyuan.md:7 <- 1-longtan-zhiyuan.md:0/); // headline echo
    expect(extra.join('\n')).toMatch(/3-baisha-wangge.md:2 <- 2-qingxi-jifen.md:1/); // slogan
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
