import { describe, expect, it } from 'vitest';

import { auditCsv, type AuditEntry } from './audit';

const entry: AuditEntry = {
  at: '2026-03-05T08:00:00.000Z',
  kind: 'return',
  storyId: 'story-0001',
  page: 'B6',
  userId: 'zhao-qiang',
  name: '赵强',
  rev: 4,
  level: 'final',
  from: 'second-passed',
  to: 'returned',
  detail: '第二段"数字"有误,\n请核实',
};

describe('audit CSV', () => {
  it('starts with a BOM, uses CRLF and quotes cells that need it', () => {
    const csv = auditCsv([entry]);
    expect(csv.startsWith('\uFEFF时间 time,稿件 story,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      '2026-03-05T08:00:00.000Z,story-0001,B6,return,final,赵强,zhao-qiang,4,second-passed,returned,"第二段""数字""有误,\n请核实"',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('defuses spreadsheet formulas', () => {
    expect(auditCsv([{ ...entry, detail: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
