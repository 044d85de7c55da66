/** No false alarms on good copy: an invented clean story and the demo page give no findings in any family. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseStoryMarkdown } from '../format';
import { RegionIndex } from '../geo/regions';
import { checkCopyPage, COPY_FAMILIES } from './copy-rules';
import type { CopyStory } from './copy-text';
import { RULE_FAMILIES } from './rule-families';
import { TermBankSchema } from './wording/term-bank';

const context = {
  terms: TermBankSchema.parse(JSON.parse(readFileSync('resources/data/terms.json', 'utf8'))),
  regions: new RegionIndex(JSON.parse(readFileSync('resources/data/regions.json', 'utf8'))),
};
const read = (path: string): CopyStory => ({
  key: path,
  content: parseStoryMarkdown(readFileSync(path, 'utf8'), { photoFile: () => '0123456789abcdef.jpg' }),
});

describe('copy checks on good copy', () => {
  it('an invented clean story gives no findings in any family', () => {
    const story = read('shared/checks/copy-fixtures/clean-story.md');
    expect(checkCopyPage([story], { context })).toEqual([]);
  });

  it('the demo page B6 gives no findings in any family', () => {
    const dir = 'resources/demo/B6';
    const page = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => read(join(dir, f)));
    expect(page).toHaveLength(5);
    expect(checkCopyPage(page, { context })).toEqual([]);
  });

  it('every copy family is one entry of RULE_FAMILIES', () => {
    for (const f of COPY_FAMILIES) expect(RULE_FAMILIES.filter((r) => r.name === f.name)).toHaveLength(1);
  });

  it('the clean story, broken, is caught: each family finds its planted error', () => {
    const story = read('shared/checks/copy-fixtures/clean-story.md');
    const broken: CopyStory = {
      key: story.key,
      content: {
        ...story.content,
        headline: story.content.headline + '。',
        body: JSON.parse(
          JSON.stringify(story.content.body)
            .replace('本报讯（记者 沈明远 通讯员 柳青禾）', '本报讯(记者 沈明远 通讯员 柳青禾)')
            .replace('210余项', '约210余项')
            .replace('每月公示一次', '每隔3、5天公示一次')
            .replace('志愿服务、结对帮扶', '志愿服務、结对帮扶')
            .replace('不忘初心、牢记使命', '不忘初心，牢记使命')
            .replace('村党委书记表示', '村长表示')
            .replace('化解矛盾纠纷37件', '化解矛盾纠纷35件'),
        ),
      },
    };
    const rules = new Set(checkCopyPage([broken], { context }).map((f) => f.rule));
    for (const rule of [
      'punct.headline-end',
      'byline.dateline-brackets',
      'numbers.approx-yue',
      'numbers.adjacent-estimate',
      'script.traditional',
      'punct.fixed-phrase',
      'wording.term',
      'figures.contradicts-panel',
      'figures.missing-in-body',
    ]) {
      expect(rules).toContain(rule);
    }
  });
});
