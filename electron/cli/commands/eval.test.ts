import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { EvalReport } from '../../../shared/checks/duplicates/eval/evaluate';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function desk(...args: string[]) {
  return deskIn(['--lang', 'en'], ...args);
}

/** `desk eval` in the language `lang` chooses (none: the default, Chinese). */
function deskIn(lang: string[], ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), ...lang, 'eval', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('desk eval duplicates', () => {
  it('checks generated story files as desk check does and prints the scores with the seed; exit 0 when the goal is met', () => {
    const { code, out } = desk('duplicates', '--pages', '4', '--seed', '20261207');
    expect(out).toContain('duplicate check on 4 generated pages, seed 20261207');
    expect(out).toMatch(
      /all +planted +\d+ +found +\d+ +missed +0 +must-not-flag +\d+ +too-short flagged +0/u,
    );
    expect(out).toContain('false alarms 0');
    expect(out).toContain('agrees with the check');
    expect(out).toContain('goal met');
    expect(code).toBe(0);
  });

  it('--json gives the report; the same seed gives the same report', () => {
    const a = JSON.parse(desk('duplicates', '--pages', '3', '--seed', '5', '--json').out) as EvalReport;
    const b = JSON.parse(desk('duplicates', '--pages', '3', '--seed', '5', '--json').out) as EvalReport;
    expect(a).toEqual(b);
    expect(a.seed).toBe(5);
    expect(a.total.planted).toBeGreaterThan(0);
    expect(a.total.found).toBe(a.total.planted - a.total.silent);
    expect(a.goalMet).toBe(true);
  });

  it('without --seed picks one and prints it', () => {
    const { out } = desk('duplicates', '--pages', '1');
    expect(out).toMatch(/seed \d+/u);
  });

  it('refuses bad usage with exit 2', () => {
    expect(desk('spelling').code).toBe(2);
    expect(desk('duplicates', '--pages', '0').code).toBe(2);
    const bad = desk('duplicates', '--seed', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--seed must be a whole number');
  });

  it('speaks Chinese by default: the report and a bad usage', () => {
    const { code, out } = deskIn([], 'duplicates', '--pages', '2', '--seed', '7');
    expect(code).toBe(0);
    expect(out).toContain('查重测量：生成 2 个版面，种子 7');
    expect(out).toMatch(/^ {2}合计 +埋入 +\d+ +查出 +\d+ +漏查 +0 +不应报 +\d+ +过短误报 +0/mu);
    expect(out).toContain('与查重结果一致');
    expect(out.trimEnd().endsWith('达标')).toBe(true);
    const bad = deskIn([], 'duplicates', '--seed', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      'desk eval：--seed 应为 0 到 4294967295 之间的整数\n用法：desk eval duplicates',
    );
  });
});
