import { resolve } from 'node:path';

import { PAGE_NAME } from '../../../shared/model';
import { importStoryFile } from '../../desk/import-story';
import { defaultUser, openDeskServices } from '../../desk/services';
import { UsageError, dataDirOf } from '../usage';

export async function runImport(values: Record<string, unknown>, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError('name at least one story file');
  const page = typeof values.page === 'string' ? values.page : undefined;
  if (page !== undefined && !PAGE_NAME.test(page)) throw new UsageError(`--page "${page}" must look like B6`);
  const services = await openDeskServices({ dataDir: dataDirOf(values), transport: 'http', demo: false });
  let failed = 0;
  try {
    for (const path of paths) {
      try {
        const story = await importStoryFile(services.store, resolve(path), {
          user: defaultUser(),
          patch: page ? { page } : undefined,
        });
        console.log(`imported ${path} → ${story.id}  ${story.headline}`);
      } catch (err) {
        failed++;
        console.error(`not imported: ${(err as Error).message} (nothing was written for this file)`);
      }
    }
  } finally {
    await services.close();
  }
  return failed ? 2 : 0;
}
