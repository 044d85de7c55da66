import { describe, expect, it } from 'vitest';

import { hitOf, textFindings } from '../testing/text-hits';
import { copySettings } from '../copy-settings';

function hits(text: string, allow = '') {
  const context = { settings: copySettings({ script: { allow } }) };
  return textFindings(text, ['script'], { context }).map((f) => [f.rule, ...hitOf(f)]);
}

describe('script.traditional', () => {
  it('flags traditional characters with their simplified form, a run at a time', () => {
    expect(hits('推动村集体經濟發展')).toEqual([['script.traditional', 5, 8, '經濟發', '经济发']]);
    expect(hits('党員和群眾')).toEqual([
      ['script.traditional', 1, 2, '員', '员'],
      ['script.traditional', 4, 5, '眾', '众'],
    ]);
  });
  it('counts code points past astral characters', () => {
    expect(hits('𠮷村發展')).toEqual([['script.traditional', 2, 3, '發', '发']]);
  });
  it('passes simplified text, including characters valid in both', () => {
    expect(hits('推动村集体经济发展，著名的乾隆年间，于是大家都来了，台湾同胞')).toEqual([]);
  });
  it('only warns, without a fix, on characters that are right in some words', () => {
    expect(hits('於先生说')).toEqual([['script.traditional-ambiguous', 0, 1, '於', null]]);
  });
  it('never reports allowed characters', () => {
    expect(hits('張先生', '張')).toEqual([]);
  });
});
