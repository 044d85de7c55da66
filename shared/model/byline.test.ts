import { describe, expect, it } from 'vitest';

import { bylineText } from './byline';
import type { Byline } from './story';

const lead = (credits: Byline['credits']): Byline => ({ credits, position: 'lead' });

describe('bylineText prints the byline as the page does', () => {
  it('puts a lead byline after the dateline in full-width brackets', () => {
    expect(
      bylineText(
        lead([
          { kind: 'person', role: '记者', names: ['陈思远'] },
          { kind: 'person', role: '通讯员', names: ['林小禾', '周明'] },
        ]),
        '本报讯',
      ),
    ).toBe('本报讯（记者 陈思远 通讯员 林小禾 周明）');
  });

  it('prints the dateline alone when nobody is credited', () => {
    expect(bylineText(lead([]), '本报讯')).toBe('本报讯');
  });

  it('marks an organisation at the top with ■', () => {
    expect(
      bylineText({ position: 'top', credits: [{ kind: 'organisation', name: '中共青石县委组织部' }] }),
    ).toBe('■中共青石县委组织部');
  });

  it('prints an end byline as names in brackets, without roles', () => {
    expect(bylineText({ position: 'end', credits: [{ kind: 'person', role: '', names: ['周一帆'] }] })).toBe(
      '（周一帆）',
    );
  });

  it('drops the separator when a credit has no role', () => {
    expect(bylineText({ position: 'top', credits: [{ kind: 'person', role: '', names: ['周一帆'] }] })).toBe(
      '周一帆',
    );
  });
});
