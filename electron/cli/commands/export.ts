/**
 * `desk export --data DIR --page B6 --date 2026-11-22 --out DIR [--zip] [--no-pdf]
 *  [--force --reason "…"]` (issue 7): the same preflight and gate as the app. Prints the
 * progress and the package folder; when the page is blocked, prints why and exits 1.
 * Exit status: 0 exported, 1 blocked (open errors without an override, a story not
 * approved or missing), 2 bad usage or no such page.
 */
import { resolve } from 'node:path';

import { DeskError } from '../../../shared/api';
import { PAGE_NAME } from '../../../shared/model';
import { chromiumPdfRenderer } from '../../desk/export/chromium-pdf';
import { pageService } from '../../desk/pages/page-handlers';
import { openDeskServices } from '../../desk/services';
import { deskErrorText, t } from '../i18n';
import { dataDirOf, UsageError } from '../usage';

export async function runExport(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  const page = String(values.page ?? '');
  const date = String(values.date ?? '');
  if (!PAGE_NAME.test(page)) throw new UsageError('--page must name a page like B6');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('--date must be YYYY-MM-DD');
  if (typeof values.out !== 'string') throw new UsageError('--out DIR is required');
  const force = values.force === true;
  const reason = typeof values.reason === 'string' ? values.reason : '';
  if (force && !reason.trim()) throw new UsageError('--force needs --reason "…" (it is recorded)');

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
        onProgress: (p) => console.error(`[${p.done}/${p.total}] ${p.step}`),
      });
      console.log(
        `exported ${page} ${date} to ${result.folder} (${result.files.length} files, ${result.ms.toFixed(0)} ms)`,
      );
      if (result.zip) console.log(`zip: ${result.zip}`);
      if (result.override)
        console.log(
          `override by ${result.override.by} over ${result.override.openErrors} open error(s): ${result.override.reason}`,
        );
      return 0;
    } catch (err) {
      if (err instanceof DeskError && err.key === 'error.exportBlocked') {
        // The reasons, one a line, as the export gate listed them.
        const reasons = err.message.split('\n').slice(1);
        console.error(`desk export: ${[deskErrorText(err), ...reasons].join('\n')}`);
        return 1;
      }
      if (err instanceof DeskError && err.key === 'error.pageNotFound') {
        console.error(`desk export: ${t('cli.export.noPlan', { data: dataDir, page, date })}`);
        return 2;
      }
      throw err;
    }
  } finally {
    await pdf?.close();
    await services.close();
  }
}
