import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { Finding } from '../../../shared/checks/finding';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEMO = join(ROOT, 'resources', 'demo', 'B6');
const tmp = mkdtempSync(join(tmpdir(), 'desk-archive-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function desk(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('desk archive', () => {
  const data = join(tmp, 'data');

  it('adds a published page once, and `check --data` then finds its text in a new draft', () => {
    expect(
      desk('--lang', 'en', 'archive', 'add', '--data', data, '--date', '2026-10-08', '--page', 'B6', DEMO),
    ).toMatchObject({
      code: 0,
      out: expect.stringContaining('archived 5 stories'),
    });
    // The same page again adds nothing.
    expect(
      desk('--lang', 'en', 'archive', 'add', '--data', data, '--date', '2026-10-08', '--page', 'B6', DEMO)
        .out,
    ).toContain('archived 0 stories');
    expect(desk('--lang', 'en', 'archive', 'info', '--data', data).out).toMatch(/^5 archived stories/);
    expect(desk('archive', 'info', '--data', data).out).toMatch(
      /^资料库现有 5 篇稿件，共 \d+ 字（.*archive）$/mu,
    );

    const draft = join(tmp, 'draft.txt');
    writeFileSync(
      draft,
      '新稿\n据介绍，下一步将把“院坝夜校”纳入农村党员教育培训体系，建立讲师库和课程库，推动培训资源向基层延伸。\n',
    );
    const { code, out } = desk('check', '--json', '--data', data, draft);
    expect(code).toBe(0);
    const archived = (JSON.parse(out) as { findings: Finding[] }).findings.filter(
      (f) => f.rule === 'duplicate.archive',
    );
    expect(archived).toHaveLength(1);
    expect(archived[0]!.locations[1]!.story).toBe('2026-10-08/B6/1-shiyan-yexiao.md');
    expect(archived[0]!.locations[0]!.text).toContain('纳入农村党员教育培训体系，建立讲师库和课程库');
  });

  it('refuses bad usage with exit 2 and writes nothing', () => {
    const other = join(tmp, 'other');
    expect(desk('archive', 'add', '--data', other, '--date', '8 Oct', DEMO).code).toBe(2);
    expect(desk('archive', 'add', '--data', other, '--date', '2026-10-08', '--page', 'b6', DEMO).code).toBe(
      2,
    );
    expect(desk('--lang', 'en', 'archive', 'info', '--data', other).out).toMatch(/^0 archived stories/);
    // The reason, in Chinese by default and in English with --lang en.
    expect(desk('archive', 'add', '--data', other, '--date', '8 Oct', DEMO).err).toContain(
      'desk archive：--date 应为出版日期 YYYY-MM-DD，如 2026-11-22，不是“8 Oct”\n用法：desk archive add',
    );
    expect(desk('--lang', 'en', 'archive', 'list', '--data', other).err).toContain(
      'desk archive: say "add" or "info"\nusage: desk archive add',
    );
  });
});
