/**
 * Installs the copy checks' default context in a Node process (the CLI, the desk):
 * the term bank (the data folder's when one is given and has one, else the shipped
 * bank) and the GB/T 2260 index. shared/ reads no files; this is where they are read.
 */
import { join } from 'node:path';

import { configureCopyChecks } from '../../../shared/checks/copy-rules';
import { TermBankSchema, type TermBank } from '../../../shared/checks/wording/term-bank';
import { regionIndex } from '../regions';
import { readJsonFile } from '../storage/durable-file';
import { TERMS_FILE, shippedTermBank } from './term-store';

export async function loadCopyContext(opts: { dataDir?: string } = {}): Promise<void> {
  let terms: TermBank | null = null;
  if (opts.dataDir) terms = await readJsonFile(join(opts.dataDir, TERMS_FILE), TermBankSchema);
  configureCopyChecks({ terms: terms ?? (await shippedTermBank()), regions: await regionIndex() });
}
