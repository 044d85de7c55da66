/**
 * The DOCX reader's worker thread: unzips (with caps) and reads the document, so a
 * hostile file can only exhaust this thread's time and memory, which the parent
 * limits (docx-read.ts). Messages: in { bytes, limits }, out { ok, result } | { ok: false, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';

import {
  note,
  readDocx,
  readZipEntry,
  unsafeZipName,
  zipEntries,
  ZipError,
  type ZipLimits,
} from '../../../shared/import';
import { XmlError } from '../../../shared/import/xml-lite';

type In = { bytes: Uint8Array; limits: ZipLimits };

function run({ bytes, limits }: In) {
  const all = zipEntries(bytes, limits);
  // Names with "..", an absolute path or a backslash are never read (issue 16): skipped, and said.
  const skipped = all.filter((e) => unsafeZipName(e.name)).map((e) => e.name);
  const entries = all.filter((e) => !unsafeZipName(e.name));
  const budget = { left: limits.maxTotalBytes };
  const byName = new Map(entries.map((e) => [e.name, e]));
  const text = (name: string): string | undefined => {
    const entry = byName.get(name);
    return entry ? new TextDecoder('utf-8').decode(readZipEntry(bytes, entry, budget, limits)) : undefined;
  };
  const document = text('word/document.xml');
  if (document === undefined) {
    throw new ZipError(
      'not-zip',
      byName.has('EncryptedPackage')
        ? 'encrypted'
        : 'the container has no word/document.xml: not a Word document',
    );
  }
  const read = readDocx({
    document,
    styles: text('word/styles.xml'),
    rels: text('word/_rels/document.xml.rels'),
  });
  const images: Array<{ ref: string; bytes: Uint8Array }> = [];
  for (const target of new Set(read.images.values())) {
    const entry = byName.get(target);
    if (entry) images.push({ ref: target, bytes: readZipEntry(bytes, entry, budget, limits) });
  }
  const notes = skipped.length
    ? [
        ...read.notes,
        note(
          'zip-entry-skipped',
          skipped.join(', '),
          `${skipped.length} part(s) of the file with a name that leads out of it (.., an absolute path or a backslash) were skipped: ${skipped.slice(0, 5).join(', ')}`,
          { count: skipped.length, names: skipped.slice(0, 5).join('、') },
        ),
      ]
    : read.notes;
  return { blocks: read.blocks, notes, images };
}

const port = parentPort;
if (port) {
  try {
    const result = run(workerData as In);
    port.postMessage(
      { ok: true, result },
      result.images.map((i) => i.bytes.buffer as ArrayBuffer),
    );
  } catch (err) {
    const reason = err instanceof ZipError ? err.reason : err instanceof XmlError ? 'damaged' : 'damaged';
    port.postMessage({ ok: false, error: { reason, message: (err as Error).message } });
  }
}
