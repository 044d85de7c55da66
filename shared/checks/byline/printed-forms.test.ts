/**
 * What the story reader accepts from a printed page, the copy rules judge: a credit
 * without a role is information (a setting raises it); half-width brackets around a
 * photo credit are the punctuation error, with its fix. Invented names.
 */
import { describe, expect, it } from 'vitest';

import { parseStoryMarkdown } from '../../format';
import { checkCopyStory } from '../copy-rules';
import { copySettings } from '../copy-settings';

const FILE = '0a1b2c3d4e5f6a7b.jpg';

function findings(front: string, credit: string, settings = copySettings()) {
  const content = parseStoryMarkdown(
    `---\nheadline: 某村：红色代办进万家\ndateline: 本报讯\n${front}\n---\n\n今年以来，某村党支部组建服务队入户走访。\n\n![图为党员志愿者入户走访。](${FILE} "${credit}")\n`,
  );
  return checkCopyStory(
    { key: 's', content },
    { families: ['byline', 'punct', 'captions'], context: { settings } },
  ).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    field: f.locations[0]?.field,
    text: f.locations[0]?.text,
    fix: f.fix?.replacement ?? null,
  }));
}

describe('printed bylines and credits under the copy rules', () => {
  it('a byline of names alone is information, not an error', () => {
    const found = findings('byline: "宋子衡 梁若溪"', '（柯小禾 摄）');
    expect(found).toContainEqual({
      rule: 'byline.no-role',
      severity: 'info',
      field: 'byline',
      text: '宋子衡 梁若溪',
      fix: null,
    });
    expect(found.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the setting raises a credit without a role', () => {
    const settings = copySettings({ byline: { noRoleSeverity: 'warning' } });
    const found = findings('byline: "本报讯(周一帆)"', '柯小禾 摄', settings);
    expect(found.filter((f) => f.rule === 'byline.no-role').map((f) => f.severity)).toEqual(['warning']);
  });

  it('a credit with a role, and an end byline (names only by convention), are not reported', () => {
    expect(findings('byline: "记者 宋子衡"', '柯小禾 摄').filter((f) => f.rule === 'byline.no-role')).toEqual(
      [],
    );
    expect(findings('byline: "（宋子衡）"', '柯小禾 摄').filter((f) => f.rule === 'byline.no-role')).toEqual(
      [],
    );
  });

  it('half-width brackets around a photo credit are the punctuation error, with the fix', () => {
    const found = findings('byline: "记者 宋子衡"', '(柯小禾 摄)');
    const punct = found.filter((f) => f.field === 'credit');
    expect(punct).toEqual([
      { rule: 'punct.halfwidth', severity: 'error', field: 'credit', text: '(', fix: '（' },
      { rule: 'punct.halfwidth', severity: 'error', field: 'credit', text: ')', fix: '）' },
    ]);
  });

  it('full-width brackets around a photo credit are house style: nothing reported', () => {
    const found = findings('byline: "记者 宋子衡"', '（柯小禾 摄）');
    expect(found.filter((f) => f.field === 'credit')).toEqual([]);
  });
});
