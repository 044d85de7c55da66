/**
 * punct.fixed-phrase (domain §2): fixed political phrases keep their internal 、
 * (不忘初心、牢记使命); a comma or semicolon between their parts is an error. The list
 * is short and closed (formulas of the Party's documents); the term bank holds wording.
 */
import type { Hit, TextRule } from '../copy-text';

export const FIXED_PHRASES: ReadonlyArray<readonly string[]> = [
  ['不忘初心', '牢记使命'],
  ['守初心', '担使命', '找差距', '抓落实'],
  ['听党话', '感党恩', '跟党走'],
  ['学史明理', '学史增信', '学史崇德', '学史力行'],
  ['学思想', '强党性', '重实践', '建新功'],
  ['以学铸魂', '以学增智', '以学正风', '以学促干'],
  ['立党为公', '执政为民'],
];

const SEP = '\\s*[，,；;、]\\s*';
const COMPILED = FIXED_PHRASES.map((parts) => ({
  right: parts.join('、'),
  first: parts[0]!,
  re: new RegExp(parts.join(SEP), 'g'),
}));

export const fixedPhraseRule: TextRule = {
  id: 'punct.fixed-phrase',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'The fixed phrase is written "{right}"',
  check(text) {
    const hits: Hit[] = [];
    for (const { right, first, re } of COMPILED) {
      if (!text.includes(first)) continue;
      for (const m of text.matchAll(re)) {
        if (m[0] !== right)
          hits.push({ start: m.index, end: m.index + m[0].length, replacement: right, params: { right } });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  },
};
