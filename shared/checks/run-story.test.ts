import { describe, expect, it } from 'vitest';

import { bodyFromBlocks, contentOf, newStory, type StoryContent } from '../model';
import { randomChineseText } from './duplicates/fixtures/planted';
import { checkStoryInPage, locationIn, splitIgnored, StoryChecker, type CopyStory } from './run-story';

const story = (key: string, paragraphs: string[], patch: Partial<StoryContent> = {}): CopyStory => ({
  key,
  content: {
    ...contentOf(newStory(key, '', '')),
    headline: `标题${key}`,
    body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
    ...patch,
  },
});

const para = (seed: number) => randomChineseText(seed, 80);

describe('checkStoryInPage', () => {
  it('finds a paragraph printed twice, with the twin, at code-point offsets of the block', () => {
    const p = para(1);
    const findings = checkStoryInPage(story('a', [p, para(2), p]));
    const dup = findings.find((f) => f.rule === 'duplicate.paragraph');
    expect(dup?.locations.map((l) => l.paragraph)).toEqual([2, 0]);
    expect(dup?.locations[0]?.text).toBe(p);
  });

  it('keeps a cross-story finding in both stories, oriented to each', () => {
    const shared = para(3).slice(0, 40);
    const a = story('a', [`${para(4)}${shared}`], { slot: 1 });
    const b = story('b', [`${shared}${para(5)}`], { slot: 2 });
    const inA = checkStoryInPage(a, [b]).filter((f) => f.rule === 'duplicate.cross-story');
    const inB = checkStoryInPage(b, [a]).filter((f) => f.rule === 'duplicate.cross-story');
    expect(inA).toHaveLength(1);
    expect(inB).toHaveLength(1);
    expect(locationIn(inA[0]!, 'a')?.story).toBe('a');
    expect(locationIn(inB[0]!, 'b')?.text).toBe(locationIn(inA[0]!, 'b')?.text);
  });

  it('places copy findings at their paragraph and gives the same findings incrementally as afresh', () => {
    const checker = new StoryChecker();
    const s1 = story('a', ['党员干部深入基层,解决群众难题。', para(6)]);
    const first = checker.check(s1);
    const comma = first.find((f) => f.rule === 'punct.halfwidth');
    expect(comma?.locations[0]).toMatchObject({ story: 'a', field: 'body', paragraph: 0, text: ',' });
    const s2 = story('a', ['党员干部深入基层,解决群众难题。', para(6), '新加一段，共有１２３户。']);
    expect(checker.check(s2)).toEqual(checkStoryInPage(s2));
  });

  it('runs only the chosen families', () => {
    const p = para(7);
    const findings = checkStoryInPage(story('a', [p, `${p},`]), [], { families: ['duplicates'] });
    expect(findings.every((f) => f.rule.startsWith('duplicate.'))).toBe(true);
  });
});

describe('splitIgnored', () => {
  it('matches by rule, field and text, wherever the text moved', () => {
    const findings = checkStoryInPage(story('a', ['今年以来，全县新建党群服务中心十二个。', '他说,好。']));
    const entry = {
      rule: 'punct.halfwidth',
      field: 'body',
      text: ',',
      reason: '引文照录',
      by: '张三',
      at: '',
    };
    const { open, ignored } = splitIgnored(findings, 'a', [entry]);
    expect(ignored.map((i) => i.finding.rule)).toEqual(['punct.halfwidth']);
    expect(open.some((f) => f.rule === 'punct.halfwidth')).toBe(false);
    expect(splitIgnored(findings, 'a', [{ ...entry, field: 'headline' }]).ignored).toEqual([]);
  });
});
