import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { EvalReport } from '../../../shared/checks/duplicates/eval/evaluate';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function desk(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), '--lang', 'en', 'eval', ...args],
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
});
