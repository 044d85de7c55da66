import { describe, expect, it } from 'vitest';

import { COPY_RULES } from '../../../../shared/checks/copy-rules';
import { DUPLICATE_RULES } from '../../../../shared/checks/duplicates';
import { RULE_FAMILIES } from '../../../../shared/checks/rule-families';
import { isMessageKey, translator } from '../../app/i18n/i18n';
import { zhCN } from '../../app/i18n/zh-CN';
import { familyOf, findingMessage } from './finding-text';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe('finding messages', () => {
  it('has a zh-CN and en message for every rule, using only parameters the rule gives', () => {
    const missing = [...Object.values(DUPLICATE_RULES), ...COPY_RULES.map((r) => r.id)].filter(
      (id) => !isMessageKey(`check.${id}`),
    );
    expect(missing, 'add check.<rule> to renderer/src/app/i18n/findings-*.ts').toEqual([]);
    for (const rule of COPY_RULES) {
      const given = new Set(placeholders(rule.message));
      const used = placeholders(zhCN[`check.${rule.id}` as keyof typeof zhCN]);
      expect(
        used.filter((p) => !given.has(p)),
        rule.id,
      ).toEqual([]);
    }
  });

  it('names every family in both languages', () => {
    for (const family of RULE_FAMILIES)
      expect(isMessageKey(`findings.family.${family.name}`), family.name).toBe(true);
    expect(familyOf('duplicate.run')).toBe('duplicates');
  });

  it('falls back to the English message for a rule the catalog does not know', () => {
    const finding = {
      rule: 'future.rule',
      severity: 'info' as const,
      messageKey: 'check.future.rule',
      params: {},
      message: 'Something new',
      locations: [],
    };
    expect(findingMessage(translator('zh-CN'), finding)).toBe('Something new');
  });
});
