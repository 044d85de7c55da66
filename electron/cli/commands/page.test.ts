import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { Finding } from '../../../shared/checks/finding';
import type { PagePlan, PreflightReport, Story } from '../../../shared/model';
import { dispatch } from '../../desk/dispatch';
import { openDeskServices } from '../../desk/services';
import { DataLock } from '../../desk/storage/data-lock';
import { planContent } from './page';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEMO = join(ROOT, 'resources', 'demo', 'B6');
const DEMO_FILES = [
  '1-shiyan-yexiao.md',
  '2-jinhuai-qingdan.md',
  '3-xuesongping-shuji.md',
  '4-chaxi-yishi.md',
  '5-baiyun-qiangshou.md',
];
const DATE = '2026-11-22';
const tmp = mkdtempSync(join(tmpdir(), 'desk-page-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function desk(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Shown = { plan: PagePlan; preflight: PreflightReport<Finding> };

/** The ids `desk import` printed, in the order of the files. */
function importedIds(out: string): string[] {
  return [...out.matchAll(/→ ([0-9a-f-]{36})/g)].map((m) => m[1]!);
}

/** Takes each story through 三审 with the demo staff, through the same gate as the app (the CLI has no signing). */
async function approve(data: string, ids: string[]): Promise<void> {
  const services = await openDeskServices({
    dataDir: data,
    transport: 'http',
    demo: false,
    renderPdf: () => null,
  });
  const call = async <T>(session: string, method: string, input: unknown): Promise<T> => {
    const r = await dispatch(services.handlers, method, input, session);
    if (!r.ok) throw new Error(`${method}: ${r.error.detail}`);
    return r.result as T;
  };
  try {
    const people = { reporter: 'zhang-ming', first: 'li-hua', second: 'wang-fang', final: 'zhao-qiang' };
    for (const [session, userId] of Object.entries(people))
      await call(session, 'session.setUser', { userId });
    for (const id of ids) {
      let story = await call<Story>('reporter', 'stories.get', { id });
      story = await call<Story>('reporter', 'review.act', { id, action: 'submit', baseRev: story.rev });
      for (const level of ['first', 'second', 'final'])
        story = await call<Story>(level, 'review.act', { id, action: 'sign', baseRev: story.rev });
      expect(story.status).toBe('approved');
    }
  } finally {
    await services.close();
  }
}

describe('desk page', () => {
  const data = join(tmp, 'data');

  it('import --page, page plan (the filed stories in order), page show --json, then export succeeds', async () => {
    // The reporter's files, filed for B6.
    const imported = desk('import', '--data', data, '--page', 'B6', ...DEMO_FILES.map((f) => join(DEMO, f)));
    expect(imported.code).toBe(0);
    const ids = importedIds(imported.out);
    expect(ids).toHaveLength(5);

    // Before a plan exists, export names the command that makes it.
    const early = desk('export', '--data', data, '--page', 'B6', '--date', DATE, '--out', join(tmp, 'out'));
    expect(early.code).toBe(2);
    expect(early.err).toContain('没有 B6 版（2026-11-22）的版面计划');
    expect(early.err).toContain(`desk page plan --data ${data} --page B6 --date ${DATE}`);

    const planned = desk('page', 'plan', '--data', data, '--page', 'B6', '--date', DATE);
    expect(planned.code).toBe(0);
    expect(planned.out).toContain(
      '已保存 B6 版（2026-11-22）的版面计划（第 1 版修订）：5 篇稿件占 6 个版位。',
    );
    // The preflight in Chinese: the workflow apart, never in the rate.
    expect(planned.out).toContain('流程与版面问题另列，不计入差错率：错误 5');
    expect(planned.out).toContain('版位 1 的稿件尚未终审通过');
    expect(planned.out).toContain('版位 6 还没有稿件');
    expect(planned.out).toMatch(/差错率：每万字 0\.00（0 处计权差错 \/ \d+ 字）/);

    const before = desk('page', 'show', '--data', data, '--page', 'B6', '--date', DATE, '--json');
    expect(before.code).toBe(1);
    const shown = JSON.parse(before.out) as Shown;
    expect(shown.plan.slots.map((s) => s.storyId)).toEqual([...ids, null]);
    expect(shown.plan.slots.map((s) => s.role)).toEqual([
      'lead',
      'secondary',
      'secondary',
      'brief',
      'photo',
      'box',
    ]);
    expect(shown.plan.edition).toBe('党建周刊');
    expect(shown.preflight.workflow.errors).toBe(5);
    expect(shown.preflight.errorRate.errors).toBe(0);
    expect(shown.preflight.hardBlocks).toHaveLength(5);

    // Export refuses it and says why in the preflight's words; with --lang en in English.
    const blocked = desk('export', '--data', data, '--page', 'B6', '--date', DATE, '--out', join(tmp, 'out'));
    expect(blocked.code).toBe(1);
    expect(blocked.err).toContain('desk export：B6 版（2026-11-22）没有导出：还有 5 个问题需要处理。');
    expect(blocked.err).toContain('  错误  page.not-approved  版位 1 的稿件尚未终审通过');
    const blockedEn = desk(
      '--lang',
      'en',
      'export',
      '--data',
      data,
      '--page',
      'B6',
      '--date',
      DATE,
      '--out',
      join(tmp, 'out'),
    );
    expect(blockedEn.err).toContain(
      'desk export: Page B6 (2026-11-22) was not exported: 5 problem(s) to resolve.',
    );
    expect(blockedEn.err).toContain('  error  page.not-approved  ');

    await approve(data, ids);

    const after = desk('--lang', 'en', 'page', 'show', '--data', data, '--page', 'B6', '--date', DATE);
    expect(after.code).toBe(0);
    expect(after.out).toContain('Page B6 · 2026-11-22');
    expect(after.out).toContain('Ready to export');

    const out = join(tmp, 'out');
    const exported = desk('export', '--data', data, '--page', 'B6', '--date', DATE, '--out', out, '--no-pdf');
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/^已导出 B6 版（2026-11-22）的付排包：.*（\d+ 个文件，用时 \d+ 毫秒）$/mu);
    expect(exported.err).toContain('第 1 篇稿件（1/');
    expect(exported.err).toContain('放入导出文件夹（');
    const manifest = JSON.parse(readFileSync(join(out, `B6-${DATE}`, 'manifest.json'), 'utf8')) as {
      stories: Array<{ id: string }>;
    };
    expect(manifest.stories.map((s) => s.id)).toEqual(ids);
  }, 120_000);

  it('plan with ids: in the order named, --edition kept; a rerun replaces it', () => {
    const ids = JSON.parse(desk('list', '--data', data, '--json').out) as { stories: Array<{ id: string }> };
    const all = ids.stories.map((s) => s.id);
    // Two stories without jump lines (the lead's 下转B7版 would be a text error on B7 itself).
    const named = [all[3]!, all[2]!];
    const r = desk(
      'page',
      'plan',
      '--data',
      data,
      '--page',
      'B7',
      '--date',
      DATE,
      '--edition',
      '理论周刊',
      ...named,
    );
    expect(r.code).toBe(0);
    const shown = JSON.parse(
      desk('page', 'show', '--data', data, '--page', 'B7', '--date', DATE, '--json').out,
    ) as Shown;
    expect(shown.plan.slots.slice(0, 2).map((s) => s.storyId)).toEqual(named);
    expect(shown.plan.edition).toBe('理论周刊');
    // Stories filed for B6 placed on B7: flagged in the preflight, the rate untouched.
    const other = shown.preflight.findings.filter((f) => f.rule === 'page.story-other-page');
    expect(other.map((f) => f.params)).toEqual([
      { slot: 1, page: 'B6', plan: 'B7' },
      { slot: 2, page: 'B6', plan: 'B7' },
    ]);
    expect(shown.preflight.errorRate.errors).toBe(0);

    // The same story twice is refused by the plan's own rule: a story fills one slot.
    const twice = desk('page', 'plan', '--data', data, '--page', 'B7', '--date', DATE, all[0]!, all[0]!);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain(`稿件 ${all[0]} 在 B7 版占了两个版位`);
    expect(twice.err).toContain('版面计划没有改动');

    const again = desk('page', 'plan', '--data', data, '--page', 'B7', '--date', DATE, all[1]!);
    expect(again.out).toContain('（第 2 版修订）');
    const replaced = JSON.parse(
      desk('page', 'show', '--data', data, '--page', 'B7', '--date', DATE, '--json').out,
    ) as Shown;
    expect(replaced.plan.slots.map((s) => s.storyId)).toEqual([all[1]!, null, null, null, null, null]);
    expect(replaced.plan.edition).toBe('理论周刊');
  }, 60_000);

  it('a wrong id, an unknown page, a bad date and a page without stories give clear errors; nothing is saved', () => {
    const wrong = desk('page', 'plan', '--data', data, '--page', 'B8', '--date', DATE, 'no-such-story');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('没有编号为 no-such-story 的稿件');
    expect(wrong.err).toContain('版面计划没有改动');

    const badPage = desk('page', 'plan', '--data', data, '--page', 'b66', '--date', DATE);
    expect(badPage.code).toBe(2);
    expect(badPage.err).toContain('版面名称应为一个大写字母加一到两位数字，如 B6。');

    for (const date of ['22 Nov', '2026-13-45']) {
      const bad = desk('page', 'show', '--data', data, '--page', 'B6', '--date', date);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--date 应为出版日期 YYYY-MM-DD');
    }

    const empty = desk('page', 'plan', '--data', data, '--page', 'A1', '--date', DATE);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('没有登记在 A1 版的稿件');
    expect(empty.err).toContain('desk import --page A1');

    const none = desk('--lang', 'en', 'page', 'show', '--data', data, '--page', 'A1', '--date', DATE);
    expect(none.code).toBe(2);
    expect(none.err).toContain('There is no plan for page A1 of 2026-11-22. Make it with desk page plan');
    expect(existsSync(join(data, 'pages', `A1-${DATE}.json`))).toBe(false);
    expect(existsSync(join(data, 'pages', `B8-${DATE}.json`))).toBe(false);

    expect(desk('--lang', 'fr', 'list', '--data', data)).toMatchObject({
      code: 2,
      err: expect.stringContaining('--lang 只能是 zh-CN 或 en'),
    });

    // Without --lang, the CLI speaks the language the app is set to in that data folder; --lang wins.
    const english = join(tmp, 'english-desk');
    mkdirSync(english, { recursive: true });
    writeFileSync(join(english, 'prefs.json'), JSON.stringify({ locale: 'en' }));
    const saved = desk('page', 'show', '--data', english, '--page', 'A1', '--date', DATE);
    expect(saved.err).toContain('There is no plan for page A1');
    const chosen = desk('--lang', 'zh-CN', 'page', 'show', '--data', english, '--page', 'A1', '--date', DATE);
    expect(chosen.err).toContain('desk page plan');
    expect(chosen.err).not.toContain('There is no plan');
  }, 60_000);

  it('planContent: one more 简讯 slot per story beyond the starting six; jump links of stories gone are dropped', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    const content = planContent(null, 'B6', DATE, undefined, ids);
    expect(content.slots.map((s) => s.role)).toEqual([
      'lead',
      'secondary',
      'secondary',
      'brief',
      'photo',
      'box',
      'brief',
      'brief',
    ]);
    expect(content.slots.map((s) => s.storyId)).toEqual(ids);
  });

  it('refuses a data folder another desk holds before it prints any work, in the chosen language', async () => {
    const held = join(tmp, 'held');
    expect(desk('list', '--data', held).code).toBe(0);
    const text = join(tmp, 'page.txt');
    writeFileSync(text, '山村党课进院坝\n本报讯 某村党支部把党课搬到院坝里，群众围坐听讲。\n');
    const lock = await DataLock.acquire(held);
    try {
      for (const [lang, says] of [
        [[], '正在使用中'],
        [['--lang', 'en'], 'is in use'],
      ] as const) {
        const r = desk(...lang, 'import', '--archive', '--data', held, '--page', 'B6', '--date', DATE, text);
        expect(r.code).toBe(2);
        expect(r.out).toBe(''); // no split printed
        expect(r.err).toContain(says);
        expect(r.err).toContain(String(process.pid));
      }
      const show = desk('page', 'show', '--data', held, '--page', 'B6', '--date', DATE);
      expect(show).toMatchObject({ code: 2, out: '', err: expect.stringContaining('没有做任何改动') });
    } finally {
      await lock.release();
    }
    // Once free, the same import prints its split and archives it.
    const free = desk('import', '--archive', '--data', held, '--page', 'B6', '--date', DATE, text);
    expect(free.code).toBe(0);
    expect(free.out).toContain('山村党课进院坝');
  }, 60_000);
});
