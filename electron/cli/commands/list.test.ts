import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEMO = join(ROOT, 'resources', 'demo', 'B6');
const tmp = mkdtempSync(join(tmpdir(), 'desk-list-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function desk(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('desk list speaks the app’s language', () => {
  const data = join(tmp, 'data');

  it('lists page, slot, status as the story list names it, and the headline; --json is unchanged', () => {
    const files = ['1-shiyan-yexiao.md', '2-jinhuai-qingdan.md'].map((f) => join(DEMO, f));
    expect(desk('import', '--data', data, '--page', 'B6', ...files).code).toBe(0);

    const zh = desk('list', '--data', data);
    expect(zh.code).toBe(0);
    const lines = zh.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^B6 {2}1 {2}草稿 {2}石堰村/u);
    expect(lines[1]).toMatch(/^B6 {2}2 {2}草稿 {2}武侯区/u);
    expect(lines[2]).toBe('共 2 篇稿件');

    const en = desk('--lang', 'en', 'list', '--data', data);
    expect(en.out.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^B6 {2}1 {2}Draft {2}石堰村/u),
      expect.stringMatching(/^B6 {2}2 {2}Draft {2}武侯区/u),
      '2 stories',
    ]);

    const json = JSON.parse(desk('list', '--data', data, '--json').out) as {
      stories: Array<{ status: string; page: string }>;
    };
    expect(json.stories.map((s) => [s.page, s.status])).toEqual([
      ['B6', 'draft'],
      ['B6', 'draft'],
    ]);
    expect(desk('list', '--data', data, '--trash').out).toBe('回收站里有 0 篇稿件\n');
  });

  it('--help in both languages', () => {
    expect(desk('list', '--help').out).toContain('desk list：列出数据文件夹里的稿件');
    expect(desk('list', '--help', '--lang', 'en').out).toContain(
      'desk list: list the stories in the data folder',
    );
  });

  it('an unknown option or a missing value: said in both languages, with the usage; exit 2', () => {
    expect(desk('list', '--bogus')).toMatchObject({
      code: 2,
      err: 'desk list：没有 --bogus 这个选项\n用法：desk list [--data 数据文件夹] [--json] [--trash]\n',
    });
    expect(desk('--lang', 'en', 'list', '--data')).toMatchObject({
      code: 2,
      err: 'desk list: --data needs a value\nusage: desk list [--data DIR] [--json] [--trash]\n',
    });
  });
});
