import { describe, expect, it } from 'vitest';

import { checkCopyPage } from '../../../shared/checks/copy-rules';
import { bodyFromBlocks, newStory, type Credit } from '../../../shared/model';
import { translator } from '../app/i18n/i18n';
import { CUSTOM_ROLE, NO_ROLE, pickRole, roleChoice } from './byline-role';

describe('the byline panel’s role select', () => {
  it('shows a credit without a role as 「未注明」, not as 「其他」', () => {
    expect(roleChoice('', false)).toBe(NO_ROLE);
    expect(roleChoice('记者', false)).toBe('记者');
    expect(roleChoice('摄影记者', false)).toBe(CUSTOM_ROLE);
    const zh = translator('zh-CN');
    expect(zh.t('byline.noRoleOption')).toBe('未注明');
    expect(translator('en').t('byline.noRoleOption')).toBe('No role given');
  });

  it('lets the person give the credit a role, type one of their own, or leave it without', () => {
    expect(pickRole('通讯员', '')).toEqual({ role: '通讯员', typingCustom: false });
    // 「其他」 with nothing typed yet stays 「其他」 (the field to type into stays open).
    const custom = pickRole(CUSTOM_ROLE, '');
    expect(custom).toEqual({ role: '', typingCustom: true });
    expect(roleChoice(custom.role, custom.typingCustom)).toBe(CUSTOM_ROLE);
    expect(pickRole(CUSTOM_ROLE, '记者')).toEqual({ role: '', typingCustom: true });
    expect(pickRole(CUSTOM_ROLE, '摄影记者')).toEqual({ role: '摄影记者', typingCustom: true });
    expect(pickRole(NO_ROLE, '记者')).toEqual({ role: '', typingCustom: false });
  });

  it('has the no-role finding on the credit it concerns, where the panel shows it', () => {
    const credits: Credit[] = [
      { kind: 'person', role: '记者', names: ['周岚'] },
      { kind: 'person', role: '', names: ['田禾', '伍一'] },
    ];
    const content = {
      ...newStory('s', '2026-01-01T00:00:00.000Z', 'tester', {}),
      dateline: '本报讯',
      byline: { position: 'lead' as const, credits },
      body: bodyFromBlocks([{ type: 'paragraph', text: '本报讯（记者 周岚 田禾 伍一）村里开了议事会。' }]),
    };
    const found = checkCopyPage([{ key: 's', content }], { families: ['byline'] }).filter(
      (f) => f.rule === 'byline.no-role',
    );
    expect(found.map((f) => [f.severity, f.locations[0]?.field, f.locations[0]?.paragraph])).toEqual([
      ['info', 'byline', 1],
    ]);
  });
});
