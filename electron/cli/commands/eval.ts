/**
 * `desk eval duplicates [--pages N] [--seed S] [--json]` (issue 15): how well the duplicate
 * check holds on pages it has never seen. Generated pages with planted copies
 * (shared/checks/duplicates/eval/) are written as story files into a temporary folder and
 * checked exactly as `desk check FILE...` checks them (the story reader, then the
 * `duplicates` family of the page checks); an exhaustive reference runs beside it.
 *
 * Prints, per class of planted copy, found / missed / copies that must not be reported
 * and were (too-short flagged), the false alarms, whether the reference agrees, and the
 * seed that reproduces the run. Exit status: 0 goal met, 1 not met, 2 bad usage.
 */
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ruleFamily } from '../../../shared/checks';
import {
  assertSameText,
  evaluateDuplicates,
  findingPlaces,
  formatEvalReport,
  type PageCheck,
} from '../../../shared/checks/duplicates/eval/evaluate';
import { writeStoryMarkdown } from '../../../shared/format/story-md';
import { readStoryContent } from '../../desk/archive/story-source';
import { padCells } from '../columns';
import { t } from '../i18n';
import { intOption, UsageError } from '../usage';
import { checkPageFiles } from './check';

export const EVAL_TARGETS = ['duplicates'] as const;

function seedOf(values: Record<string, unknown>): number {
  if (values.seed === undefined) return randomInt(0, 2 ** 32);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new UsageError(t('cli.eval.seed'));
  return seed;
}

export async function runEval(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [target, ...rest] = positionals;
  if (target !== 'duplicates' || rest.length > 0)
    throw new UsageError(t('cli.eval.target', { targets: EVAL_TARGETS.join(', ') }));
  const pages = intOption(values, 'pages', 20);
  if (pages < 1 || pages > 10_000) throw new UsageError(t('cli.eval.pages'));
  const seed = seedOf(values);
  const family = ruleFamily('duplicates')!;

  const dir = await mkdtemp(join(tmpdir(), 'desk-eval-'));
  let report;
  try {
    // Each page as the story files a user would check: one folder, one .md per story.
    const check: PageCheck = async (page) => {
      const pageDir = join(dir, `page-${page.seed}`);
      await mkdir(pageDir);
      const files = page.stories.map((_, i) => join(pageDir, `${String(i + 1).padStart(2, '0')}.md`));
      for (const [i, content] of page.stories.entries())
        await writeFile(files[i]!, writeStoryMarkdown(content));
      for (const [i, file] of files.entries())
        assertSameText(page.stories[i]!, await readStoryContent(file), file);
      const findings = await checkPageFiles(files, [family]);
      await rm(pageDir, { recursive: true, force: true });
      return findingPlaces(findings, files);
    };
    report = await evaluateDuplicates({ pages, seed }, check);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (values.json === true) console.log(JSON.stringify(report, null, 2));
  else for (const line of formatEvalReport(report, t, padCells)) console.log(line);
  return report.goalMet ? 0 : 1;
}
