import { describe, expect, it } from 'vitest';

import { bodyFromBlocks, newStory, startingSlots, type PagePlan, type Story } from '../../../shared/model';
import { preflightPage } from './preflight';

const NOW = '2026-11-20T08:00:00.000Z';
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function story(n: number, page: string | null, text: string, status: Story['status'] = 'approved'): Story {
  return {
    ...newStory(ID(n), NOW, '张明', {
      headline: `第${n}篇稿件的标题`,
      page,
      body: bodyFromBlocks([{ type: 'paragraph', text }]),
    }),
    status,
  };
}

function plan(ids: Array<string | null>): PagePlan {
  const slots = startingSlots()
    .slice(0, ids.length)
    .map((s, i) => ({ ...s, storyId: ids[i]! }));
  return {
    schema: 1,
    name: 'B6',
    date: '2026-11-22',
    edition: '党建周刊',
    slots,
    jumps: [],
    rev: 1,
    updatedAt: NOW,
    updatedBy: '张明',
  };
}

describe('preflight: the page report counts what it says', () => {
  it('workflow findings (not approved, empty slot) are counted apart and never enter the error rate', () => {
    const a = story(1, 'B6', '本报讯 柳溪村党支部把议事会搬进农家小院，村民有事当面商量。', 'draft');
    const b = story(2, 'B6', '本报讯 青石街道组织党员志愿队巡查老街,排查隐患四十余处。');
    const report = preflightPage({
      plan: plan([a.id, b.id, null]),
      stories: new Map([
        [a.id, a],
        [b.id, b],
      ]),
    });
    const rules = report.findings.map((f) => f.rule);
    expect(rules).toContain('page.not-approved');
    expect(rules).toContain('page.slot-empty');
    // One copy error in the text (the half-width comma); the unapproved story is not a text error.
    const textErrors = report.findings.filter((f) => f.severity === 'error' && !f.rule.startsWith('page.'));
    expect(textErrors.map((f) => f.rule)).toEqual([expect.stringMatching(/^punct\./)]);
    expect(report.errorRate.errors).toBe(1);
    expect(report.workflow.errors).toBe(1);
    expect(report.workflow.warnings).toBeGreaterThanOrEqual(1);
    expect(report.totals.errors).toBe(2);
  });

  it('flags a story whose own page field names another page, and more stories filed than slots', () => {
    const a = story(1, 'B7', '本报讯 河湾社区在驿站里设置休息区和充电桩，方便快递小哥歇脚。');
    const b = story(2, 'B6', '本报讯 驿站由社区党委牵头，联合辖区单位共同运营。');
    const c = story(3, 'B6', '本报讯 志愿队员分片包干，每周走访独居老人。');
    const report = preflightPage({
      plan: plan([a.id, b.id]),
      stories: new Map([
        [a.id, a],
        [b.id, b],
      ]),
      filed: [b, c].map((s) => ({ id: s.id, headline: s.headline })),
    });
    const other = report.findings.filter((f) => f.rule === 'page.story-other-page');
    expect(other.map((f) => [f.severity, f.params])).toEqual([
      ['warning', { slot: 1, page: 'B7', plan: 'B6' }],
    ]);
    const over = report.findings.filter((f) => f.rule === 'page.more-stories-than-slots');
    expect(over.map((f) => f.params)).toEqual([
      { stories: 3, slots: 2, left: 1, headlines: '《第3篇稿件的标题》' },
    ]);
    expect(report.errorRate.errors).toBe(0);

    // As many stories as slots: no such flag.
    const fits = preflightPage({
      plan: plan([a.id, b.id, null]),
      stories: new Map([
        [a.id, a],
        [b.id, b],
      ]),
      filed: [b, c].map((s) => ({ id: s.id, headline: s.headline })),
    });
    expect(fits.findings.some((f) => f.rule === 'page.more-stories-than-slots')).toBe(false);
  });
});
