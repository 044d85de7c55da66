/**
 * The export's entry in the audit trail. The review workflow (electron/desk/review,
 * being built alongside) owns the audit trail; until its module is here, an override is
 * appended to <data>/audit/export-overrides.ndjson (one JSON line, fsynced) so nothing is
 * lost, and this function is the one place to point at the review module's recorder.
 */
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';

export type ExportOverrideEntry = {
  action: 'export.override';
  page: string;
  date: string;
  by: string;
  at: string;
  reason: string;
  openErrors: number;
  /** Rule ids of the errors overridden, with their counts. */
  rules: Record<string, number>;
  folder: string;
};

export async function recordExportOverrideInAuditTrail(
  dataDir: string,
  entry: ExportOverrideEntry,
): Promise<string> {
  const dir = join(dataDir, 'audit');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'export-overrides.ndjson');
  const handle = await open(path, 'a', 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}
