import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cliEn } from './messages-en';
import { cliZhCN } from './messages-zh-CN';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The app's catalogs, read as data. Product code never imports the renderer (the layer rules);
 * this test reads them only to hold the command line to the app's words.
 */
async function appCatalog(file: string, name: string): Promise<Record<string, string>> {
  const module = (await import(join(ROOT, 'renderer/src/app/i18n', file))) as Record<string, unknown>;
  return module[name] as Record<string, string>;
}

describe('the command line’s catalogs', () => {
  it('say what the app says wherever they name the same thing (稿件, 版面, 资料库, 初审/复审/终审 …)', async () => {
    for (const [cli, app] of [
      [cliZhCN, await appCatalog('zh-CN.ts', 'zhCN')],
      [cliEn, await appCatalog('en.ts', 'en')],
    ] as const) {
      const shared = Object.keys(cli).filter((k) => Object.hasOwn(app, k));
      // The terms the CLI prints come from the app's catalogs, not from a copy of its own.
      expect(shared).toEqual(
        expect.arrayContaining([
          'status.draft',
          'status.first-passed',
          'status.approved',
          'importNote.jump',
          'importNote.region-label',
          'storyFormat.badPage',
          'error.storyProblems',
          'error.fileUnreadable',
          'pageImport.byline',
          'pages.export.step.story',
          'pages.role.lead',
        ]),
      );
      const differing = shared.filter((k) => cli[k as keyof typeof cli] !== app[k]);
      expect(differing).toEqual([]);
    }
  });

  it('use full-width punctuation in Chinese and no 「」', () => {
    const own = Object.entries(cliZhCN).filter(([k]) => k.startsWith('cli.') || k.startsWith('eval.'));
    expect(own.length).toBeGreaterThan(100);
    for (const [key, text] of own) {
      // Outside the command syntax (options, paths, formats), Chinese sentences take ，：；（）, never ,:;().
      const prose = text.replace(/(--?[\w-]+|desk [a-z]+|[\w./…|:-]+)/gu, '');
      expect(prose, key).not.toMatch(/[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]|「|」/u);
    }
  });
});
