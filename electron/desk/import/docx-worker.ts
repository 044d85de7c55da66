/**
 * The DOCX reader's worker thread: unzips (with caps) and reads the document, so a
 * hostile file can only exhaust this thread's time and memory, which the parent
 * limits (docx-read.ts). Messages: in { bytes, limits }, out { ok, result } | { ok: false, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { readDocx, readZipEntry, zipEntries, ZipError, type ZipLimits } from '../../../shared/import';
import { XmlError } from '../../../shared/import/xml-lite';

type In = { bytes: Uint8Array; limits: ZipLimits };

function run({ bytes, limits }: In) {
  const entries = zipEntries(bytes, limits);
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
  return { blocks: read.blocks, notes: read.notes, images };
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
