import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function desk(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('desk --help', () => {
  it('lists every command with what it does and its usage, in Chinese by default', () => {
    const { code, out } = desk('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^党建采编台命令行\n\n用法：npm run desk -- \[--lang zh-CN\|en\] <命令> \[选项\]/u);
    expect(out).toContain('  import   导入稿件文件（.docx、.md、.txt）');
    expect(out).toContain('  archive  把已刊发的稿件或往期版面存入资料库，供查重比对');
    expect(out).toContain('  page     用稿件制作版面计划（plan），或列出版面计划及付排前检查（show）');
    expect(out).toContain('某个命令的详细说明：npm run desk -- <命令> --help');
    for (const name of ['serve', 'server', 'list', 'check', 'export', 'audit', 'eval', 'bench'])
      expect(out).toMatch(new RegExp(`^  ${name} +\\S`, 'mu'));
    // Nothing of the English help is left in the Chinese one.
    expect(out).not.toMatch(/\b(usage|import story files|list the stories)\b/u);
  });

  it('in English with --lang en', () => {
    const { code, out } = desk('--lang', 'en', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^党建采编台 \(Dangjian Desk\) command line\n\nusage: npm run desk --/u);
    expect(out).toContain('  list     list the stories in the data folder');
  });

  it('an unknown command: said in the chosen language, then the help; exit 2', () => {
    const zh = desk('imprt');
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/^desk：没有“imprt”这个命令\n\n党建采编台命令行/u);
    const en = desk('imprt', '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/^desk: unknown command "imprt"\n\n党建采编台 \(Dangjian Desk\) command line/u);
  });
});
