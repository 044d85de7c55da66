import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { Finding } from '../../../shared/checks/finding';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PAGE = join(ROOT, 'shared', 'checks', 'duplicates', 'fixtures', 'page-b5');
const tmp = mkdtempSync(join(tmpdir(), 'desk-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function desk(...args: string[]) {
  return deskIn(['--lang', 'en'], ...args);
}

/** `desk check` in the language `lang` chooses (none: the default, Chinese). */
function deskIn(lang: string[], ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), 'check', ...lang, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('desk check', () => {
  it('--json on a page folder: { findings: [Finding] } with file paths, 0-based paragraphs, code-point offsets; exit 1 on errors', () => {
    const { code, out } = desk('--json', '--rules', 'duplicates', PAGE);
    expect(code).toBe(1);
    const { findings } = JSON.parse(out) as { findings: Finding[] };
    expect(findings.map((f) => f.rule)).toEqual([
      'duplicate.paragraph',
      'duplicate.run',
      'duplicate.run',
      'duplicate.cross-story',
      // 23 characters reused from story 2, 15 of them outside the campaign's quoted name: a copy, not a slogan.
      'duplicate.cross-story',
      'duplicate.near-paragraph',
    ]);
    const run = findings[1]!;
    expect(Object.keys(run).sort()).toEqual([
      'locations',
      'message',
      'messageKey',
      'params',
      'rule',
      'severity',
    ]);
    expect(run.locations[0]).toEqual({
      story: join(PAGE, '2-qingxi-jifen.md'),
      field: 'body',
      paragraph: 6,
      start: 75,
      end: 113,
      text: '连续两个季度积分靠后的党员，由党支部书记谈心谈话，帮助查找原因、制定改进措施',
    });
  });

  it('text output names file:paragraph:start-end, severity, rule, the text and its twin; exit 0 with warnings only', () => {
    const { code, out } = desk(
      '--rules',
      'duplicates',
      join(PAGE, '3-baisha-wangge.md'),
      join(PAGE, '4-hexi-jiedao.md'),
    );
    expect(code).toBe(0);
    expect(out).toContain(`${join(PAGE, '4-hexi-jiedao.md')}:2:0-32  warning  duplicate.cross-story`);
    expect(out).toContain(`twin ${join(PAGE, '3-baisha-wangge.md')}:3:64-96`);
    expect(out).toContain('0 error(s), 1 warning(s) in 2 story(ies)');
  });

  it('--archive DIR: finds text already published, naming the story and its date; caches the index', () => {
    const archive = join(tmp, 'archive');
    cpSync(join(PAGE, '3-baisha-wangge.md'), join(archive, '2023-11-02', 'baisha.md'));
    const draft = join(tmp, 'draft.txt');
    writeFileSync(
      draft,
      '新标题\n今年以来，白沙镇把全镇划分为64个网格，每个网格配备1名专职网格员和若干名党员志愿者，这是旧稿里的话。\n',
    );
    for (let round = 0; round < 2; round++) {
      const { code, out } = desk('--json', '--rules', 'duplicates', '--archive', archive, draft);
      expect(code).toBe(0);
      const [f] = (JSON.parse(out) as { findings: Finding[] }).findings;
      expect(f).toMatchObject({ rule: 'duplicate.archive', severity: 'warning' });
      expect(f!.params).toMatchObject({ date: '2023-11-02', twinStory: '2023-11-02/baisha.md' });
    }
  });

  it('exit 2 for bad usage and for an unreadable story, naming the file', () => {
    expect(desk().code).toBe(2);
    expect(desk('--rules', 'spelling', PAGE).code).toBe(2);
    const missing = desk(join(tmp, 'nope.md'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.md');
    const bad = join(tmp, 'bad.md');
    writeFileSync(bad, 'no front matter');
    const broken = desk(bad);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('bad.md');
  });

  it('speaks Chinese by default: severities, fields, the other place and the summary; errors too', () => {
    const files = [join(PAGE, '3-baisha-wangge.md'), join(PAGE, '4-hexi-jiedao.md')];
    const { code, out } = deskIn([], '--rules', 'duplicates', ...files);
    expect(code).toBe(0);
    expect(out).toContain(`${files[1]}:2:0-32  警告  duplicate.cross-story  文字重用：`);
    expect(out).toContain(`    另一处：${files[0]}:3:64-96  “网格虽小`);
    expect(out).toContain('2 篇稿件：错误 0 处，警告 1 处');

    const missing = deskIn([], join(tmp, 'nope.md'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`desk check：无法读取文件：${join(tmp, 'nope.md')}（没有这个文件或文件夹）。\n`);
    const rules = deskIn([], '--rules', 'spelling', PAGE);
    expect(rules.code).toBe(2);
    expect(rules.err).toContain(
      'desk check：没有“spelling”这类检查；可用的有：duplicates（重复）、punct（标点）',
    );
  });
});
