/**
 * `desk export --data DIR --page B6 --date 2026-11-22 --out DIR [--zip] [--no-pdf]
 *  [--force --reason "…"]` (issue 7): the same preflight and gate as the app. Prints the
 * progress and the package folder; when the page is blocked, prints why and exits 1.
 * Exit status: 0 exported, 1 blocked (open errors without an override, a story not
 * approved or missing), 2 bad usage or no such page.
 */
import { resolve } from 'node:path';

import { DeskError } from '../../../shared/api';
import type { ExportProgress } from '../../desk/export/export-page';
import { chromiumPdfRenderer } from '../../desk/export/chromium-pdf';
import { pageService } from '../../desk/pages/page-handlers';
import { openDeskServices } from '../../desk/services';
import { deskErrorText, t } from '../i18n';
import { findingLine } from './page';
import { dataDirOf, dateOption, noPositionals, pageOption, UsageError } from '../usage';

/** An export step as the 版面 screen names it (第 2 篇稿件, 生成校样 PDF …); the file's name otherwise. */
function stepText(step: string): string {
  const story = /^story (\d+)$/u.exec(step);
  if (story) return t('pages.export.step.story', { n: Number(story[1]) });
  const named: Record<string, Parameters<typeof t>[0]> = {
    'proof.pdf': 'pages.export.step.proof',
    'preflight.json': 'cli.export.step.preflightFile',
    'manifest.json': 'cli.export.step.manifest',
    package: 'pages.export.step.package',
    zip: 'cli.export.step.zip',
  };
  return Object.hasOwn(named, step) ? t(named[step]!) : step;
}

const progressLine = (p: ExportProgress) =>
  t('pages.export.step', { step: stepText(p.step), done: p.done, total: p.total });

export async function runExport(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  noPositionals(positionals);
  const page = pageOption(values, true);
  const date = dateOption(values);
  if (typeof values.out !== 'string') throw new UsageError(t('cli.export.out'));
  const force = values.force === true;
  const reason = typeof values.reason === 'string' ? values.reason : '';
  if (force && !reason.trim()) throw new UsageError(t('cli.export.reason'));

  const dataDir = dataDirOf(values);
  const services = await openDeskServices({ dataDir, transport: 'http', demo: false });
  const pdf = values['no-pdf'] === true ? null : chromiumPdfRenderer();
  try {
    const pages = pageService({
      store: services.store,
      dataDir,
      who: services.review.who,
      renderPdf: () => pdf,
      audit: services.review.audit,
    });
    try {
      const result = await pages.exportTo({
        name: page,
        date,
        out: resolve(values.out),
        force,
        reason,
        zip: values.zip === true,
        onProgress: (p) => console.error(progressLine(p)),
      });
      const files = result.files.length;
      const ms = result.ms.toFixed(0);
      console.log(t('cli.export.done', { page, date, folder: result.folder, files, ms }));
      if (result.zip) console.log(t('cli.export.zip', { zip: result.zip }));
      if (result.override) {
        const { by, openErrors: count, reason: why } = result.override;
        console.log(t('pages.export.overridden', { by, count, reason: why }));
      }
      return 0;
    } catch (err) {
      if (err instanceof DeskError && err.key === 'error.exportBlocked') {
        // Why, one a line, in the words of the preflight (desk page show): what blocks, else the open errors.
        const { report } = await pages.preflight(page, date);
        const line = findingLine(report);
        const blocking = report.hardBlocks.length
          ? report.findings.filter((f) => f.rule === 'page.story-missing' || f.rule === 'page.not-approved')
          : report.findings.filter((f) => f.severity === 'error');
        const next = report.hardBlocks.length
          ? []
          : [t('cli.page.needsOverride', { count: report.openErrors })];
        const text = [deskErrorText(err), ...blocking.map(line), ...next].join('\n');
        console.error(t('cli.labelled', { label: 'desk export', text }));
        return 1;
      }
      if (err instanceof DeskError && err.key === 'error.pageNotFound') {
        console.error(
          t('cli.labelled', {
            label: 'desk export',
            text: t('cli.export.noPlan', { data: dataDir, page, date }),
          }),
        );
        return 2;
      }
      throw err;
    }
  } finally {
    await pdf?.close();
    await services.close();
  }
}
