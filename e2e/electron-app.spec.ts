/**
 * The desktop app itself, through Playwright's Electron driver. Runs only where
 * the Electron runtime is installed; elsewhere it says so and skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { _electron as electron, expect, test } from '@playwright/test';

import { ROOT } from './utils/desk-host';

function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) && existsSync(join(ROOT, 'out/main/index.js')) ? bin : null;
}

const binary = electronBinary();
if (!binary) {
  console.log(
    'Electron specs skipped: the Electron runtime is not installed (node_modules/electron/dist is missing).',
  );
}

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'the Electron runtime is not installed here');

  test('opens hardened, on the demo page, with the desk API and nothing else', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'desk-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--data', dataDir],
      env: { ...process.env, DESK_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('story-row').first()).toBeVisible({ timeout: 30_000 });
      const exposed = await window.evaluate(() => ({
        desk: typeof (window as unknown as { desk?: unknown }).desk,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      // Sandboxed, context-isolated renderer: the desk API and no Node.
      expect(exposed).toEqual({ desk: 'object', require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
