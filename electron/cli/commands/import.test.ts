import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'desk-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function desk(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** An invented reporter's draft: headline, subheadline, byline, body and a jump line. */
const DRAFT = [
  '山乡党课进农家',
  '——某县推动理论宣讲下沉见闻',
  '本报记者 王小明  通讯员 李四',
  '',
  '本报讯 近日，某县组织宣讲队深入村组，把党课送到群众家门口。',
  '宣讲队员用方言讲政策，用身边事讲道理，群众听得懂、记得住。',
  '（上接B5版）',
  '',
].join('\n');

/** An invented past page as plain text: two stories, the second with its byline. */
const PAGE = [
  '山村党课进院坝',
  '本报讯 某村党支部把党课搬到院坝里，群众围坐听讲。',
  '',
  '社区服务暖人心',
  '本报讯（记者 张三）某社区开设代办窗口，老人少跑腿。',
  '',
].join('\n');

const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('desk import speaks the app’s language', () => {
  const draft = write('draft.txt', DRAFT);

  it('--help: what it does, its usage and options, in Chinese by default and in English with --lang en', () => {
    const zh = desk('import', '--help');
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('desk import：导入稿件文件（.docx、.md、.txt）');
    expect(zh.out).toContain('用法：desk import [--data 数据文件夹] [--page B6] 文件…');
    expect(zh.out).toMatch(/选项：\n {2}--page B6 +把导入的稿件登记在这一版/u);
    expect(zh.out).toContain('--dry-run');
    expect(zh.out).not.toMatch(/import story files|usage:/u);

    const en = desk('--lang', 'en', 'import', '--help');
    expect(en.code).toBe(0);
    expect(en.out).toContain('desk import: import story files (.docx, .md, .txt)');
    expect(en.out).toContain('usage: desk import [--data DIR] [--page B6] PATH...');
    expect(en.out).toMatch(/Options:\n {2}--page B6 +file the imported stories for this page/u);
  });

  it('prints each story made and the notes of what to check, as the import dialog words them', () => {
    const zh = desk('import', '--data', join(tmp, 'zh'), '--page', 'B6', draft);
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/^已导入 .*draft\.txt → [0-9a-f-]{36} {2}山乡党课进农家$/mu);
    expect(zh.out).toContain('  请核对：识别出转版行（B5版），已记入转版信息。  “（上接B5版）”');

    const en = desk('--lang', 'en', 'import', '--data', join(tmp, 'en'), draft);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^imported .*draft\.txt → [0-9a-f-]{36} {2}山乡党课进农家$/mu);
    expect(en.out).toContain(
      '  check: A jump line (page B5) was recognised and stored with the story’s jumps.',
    );
  });

  it('a file it cannot import: what happened and that nothing was written, in both languages; exit 2', () => {
    const missing = join(tmp, 'missing.md');
    const bad = write('bad.md', '---\nheadline: 测试\nfoo: bar\npage: b6\n---\n正文。\n');
    const zh = desk('import', '--data', join(tmp, 'zh'), draft, missing, bad);
    expect(zh.code).toBe(2);
    expect(zh.err).toContain(`未导入 ${missing}。\n无法读取文件：${missing}（没有这个文件或文件夹）。`);
    expect(zh.err).toContain(`稿件文件“${bad}”有 2 处问题，请改好后再导入：`);
    expect(zh.err).toContain('  第 3 行：不认识的项目“foo”');
    expect(zh.err).toContain('  第 4 行：版面“b6”应写成 B6 这样的版名');
    expect(zh.err).toContain('这个文件没有写入任何内容，其他文件不受影响。');
    expect(zh.out).toContain('共 3 个文件：1 个已成为新稿件，2 个未导入。');

    const en = desk('--lang', 'en', 'import', '--data', join(tmp, 'en'), missing, bad);
    expect(en.code).toBe(2);
    expect(en.err).toContain(
      `${missing} was not imported.\nThe file cannot be read: ${missing} (no such file`,
    );
    expect(en.err).toContain('  line 4: page “b6” must look like B6');
    expect(en.err).toContain('Nothing was written for this file; the other files are not affected.');

    // Only the draft became a story.
    const list = JSON.parse(desk('list', '--data', join(tmp, 'zh'), '--json').out) as { stories: unknown[] };
    expect(list.stories).toHaveLength(2);
  });

  it('bad usage: the reason and the usage line in the chosen language; exit 2', () => {
    const zh = desk('import', '--data', join(tmp, 'zh'), '--page', 'b6', draft);
    expect(zh).toMatchObject({ code: 2, out: '' });
    expect(zh.err).toContain(
      'desk import：--page 写的是“b6”，版面名称应为一个大写字母加一到两位数字，如 B6。',
    );
    expect(zh.err).toContain('\n用法：desk import');
    const en = desk('--lang', 'en', 'import', '--archive', '--page', 'B6', draft);
    expect(en.code).toBe(2);
    expect(en.err).toContain('desk import: --date is required: the publication date, YYYY-MM-DD');
    expect(en.err).toContain('\nusage: desk import');
  });

  it('--archive: the split of a past page in the 资料库 dialog’s words, then what was archived', () => {
    const page = write('page.txt', PAGE);
    const data = join(tmp, 'archive');
    const zh = desk('import', '--archive', '--data', data, '--page', 'B6', '--date', '2026-10-08', page);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain(`${page}：拆出 2 篇稿件`);
    expect(zh.out).toMatch(/ {3}1\. 山村党课进院坝 {2}（原文第 1—2 行，1 段，\d+ 字）/u);
    expect(zh.out).toContain('      署名 本报讯（记者 张三）');
    expect(zh.out).toContain('已把 2026-10-08 B6 版的 2 篇稿件存入资料库，资料库现有 2 篇。');
    const again = desk('import', '--archive', '--data', data, '--page', 'B6', '--date', '2026-10-08', page);
    expect(again.out).toContain('其中 2 篇资料库里已有，未重复存入。');

    const en = desk(
      '--lang',
      'en',
      'import',
      '--archive',
      '--dry-run',
      '--page',
      'B6',
      '--date',
      '2026-10-08',
      page,
    );
    expect(en.code).toBe(0);
    expect(en.out).toContain(`${page}: 2 stories`);
    expect(en.out).toMatch(/ {3}1\. 山村党课进院坝 {2}\[lines 1–2 of the text, 1 blocks, \d+ chars\]/u);
    expect(en.out).toContain('      Byline 本报讯（记者 张三）');
    expect(en.out).toContain('dry run: nothing was archived');
  });

  it('without --lang, speaks the language the app is set to in the data folder', () => {
    const english = join(tmp, 'english-desk');
    mkdirSync(english, { recursive: true });
    writeFileSync(join(english, 'prefs.json'), JSON.stringify({ locale: 'en' }));
    const r = desk('import', '--data', english, draft);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^imported /mu);
  });
});
