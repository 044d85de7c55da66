import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

it('resources/data/regions.json is what scripts/build-regions.mjs makes from the installed package', () => {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts/build-regions.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(out).toMatch(/up to date: \d+ regions/);
});
