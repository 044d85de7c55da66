/**
 * The built desktop app reads DOCX files too: the main bundle carries the DOCX
 * reader's worker as its own entry (electron.vite.config.ts), beside the file that
 * starts it. Builds the main process alone into a scratch folder inside the
 * repository (so its external dependencies resolve from node_modules), then starts
 * the built worker on a generated document as docx-read.ts would.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

import { buildDocx } from '../../../shared/import/fixtures/docx-fixture';
import { DEFAULT_ZIP_LIMITS } from '../../../shared/import';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let outDir = '';

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the DOCX worker in the built app', () => {
  it(
    'is an entry of the main bundle, beside the code that starts it, and reads a document there',
    { timeout: 180_000 },
    async () => {
      const resolved = await resolveConfig(
        { configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'silent' },
        'build',
        'production',
      );
      const main = resolved.config?.main;
      expect(main).toBeDefined();
      await mkdir();
      await build({ ...main, logLevel: 'silent', build: { ...main!.build, outDir, emptyOutDir: true } });

      const files = await readdir(outDir);
      expect(files).toContain('index.js');
      expect(files).toContain('docx-worker.js');
      // docx-read.ts resolves the worker against its own module: that module must be index.js itself.
      const index = await readFile(join(outDir, 'index.js'), 'utf8');
      expect(index).toMatch(/new URL\(["']\.\/docx-worker\.js["'], import\.meta\.url\)/);
      const worker = await readFile(join(outDir, 'docx-worker.js'), 'utf8');
      expect(worker).not.toMatch(/from ["']electron["']/);

      const bytes = buildDocx([
        { text: '山间书屋点亮乡村夜读', style: 'Title' },
        { text: '本报讯（记者 林晓）村里的书屋晚上也开门了。' },
      ]);
      const answer = await new Promise<{ ok: boolean; result?: { blocks: Array<{ text?: string }> } }>(
        (resolve, reject) => {
          const w = new Worker(pathToFileURL(join(outDir, 'docx-worker.js')), {
            workerData: { bytes, limits: DEFAULT_ZIP_LIMITS },
          });
          w.once('message', (m: { ok: boolean; result?: { blocks: Array<{ text?: string }> } }) => {
            void w.terminate();
            resolve(m);
          });
          w.once('error', reject);
        },
      );
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer.result?.blocks)).toContain('山间书屋点亮乡村夜读');
    },
  );
});

async function mkdir(): Promise<void> {
  const parent = join(ROOT, 'test-results');
  if (!existsSync(parent))
    await import('node:fs/promises').then((fs) => fs.mkdir(parent, { recursive: true }));
  outDir = await mkdtemp(join(parent, 'main-build-'));
}
