/**
 * Reading a DOCX in a worker thread with a time limit and a memory limit (issue 8:
 * a broken, encrypted, huge or hostile file gives a clear message naming the file
 * and leaves the data untouched). Nothing here writes anything.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { DeskError } from '../../../shared/api';
import {
  DEFAULT_ZIP_LIMITS,
  type ImportNote,
  type SourceBlock,
  type ZipLimits,
} from '../../../shared/import';
import { isCompoundFile } from './text-encoding';

export type DocxRead = { blocks: SourceBlock[]; notes: ImportNote[]; images: Map<string, Uint8Array> };

export type DocxReadLimits = ZipLimits & {
  /** Wall-clock time for the whole read. */
  timeoutMs: number;
  /** V8 heap of the worker (old generation), MB. */
  heapMb: number;
  /** The .docx file itself. */
  maxFileBytes: number;
};

export const DEFAULT_DOCX_LIMITS: DocxReadLimits = Object.freeze({
  ...DEFAULT_ZIP_LIMITS,
  timeoutMs: 20_000,
  heapMb: 512,
  maxFileBytes: 100 * 1024 * 1024,
});

const REASON_KEYS = {
  'not-zip': 'error.docxNotWord',
  damaged: 'error.docxDamaged',
  'too-large': 'error.docxTooLarge',
  encrypted: 'error.docxEncrypted',
  unsupported: 'error.docxDamaged',
  timeout: 'error.docxTimeout',
} as const;

function failure(file: string, reason: keyof typeof REASON_KEYS, detail: string): DeskError {
  const what: Record<keyof typeof REASON_KEYS, string> = {
    'not-zip': 'is not a Word document (.docx)',
    damaged: 'is damaged or cut short',
    'too-large': 'is too large to import (or would unpack to too much)',
    encrypted:
      'is password-protected or an old .doc: open it in Word or WPS, remove the password or save as .docx, then import again',
    unsupported: 'uses a format this import does not read',
    timeout: 'took too long to read and was abandoned',
  };
  return new DeskError(
    reason === 'too-large' ? 'invalid-input' : reason === 'encrypted' ? 'unsupported' : 'invalid-input',
    REASON_KEYS[reason],
    { file },
    `${file} ${what[reason]} (${detail}); nothing was imported`,
  );
}

/** The worker: the built .js beside this module, or (running from source: CLI through tsx, tests) the .ts through tsx. */
function workerSource(): { source: URL | string; eval: boolean } {
  const js = new URL('./docx-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { source: js, eval: false };
  const ts = new URL('./docx-worker.ts', import.meta.url).href;
  // `--import tsx` in a worker's execArgv does not reach its module loader in Node 20: register tsx in the worker itself.
  const code = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(ts)}); })().catch((err) => { require('node:worker_threads').parentPort.postMessage({ ok: false, error: { reason: 'damaged', message: String(err) } }); });`;
  return { source: code, eval: true };
}

/** Reads `bytes` (the file `file`) as a DOCX in a worker; DeskErrors name the file and the reason. */
export async function readDocxFile(
  file: string,
  bytes: Uint8Array,
  limits: DocxReadLimits = DEFAULT_DOCX_LIMITS,
): Promise<DocxRead> {
  if (isCompoundFile(bytes)) throw failure(file, 'encrypted', 'OLE compound file signature D0CF11E0');
  if (bytes.length > limits.maxFileBytes) throw failure(file, 'too-large', `${bytes.length} bytes`);
  const { source, eval: isEval } = workerSource();
  const copy = bytes.slice();
  const worker = new Worker(source, {
    eval: isEval,
    workerData: {
      bytes: copy,
      limits: {
        maxTotalBytes: limits.maxTotalBytes,
        maxEntryBytes: limits.maxEntryBytes,
        maxEntries: limits.maxEntries,
      },
    },
    transferList: [copy.buffer as ArrayBuffer],
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
  });
  return new Promise<DocxRead>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(failure(file, 'timeout', `${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.on(
      'message',
      (
        msg:
          | {
              ok: true;
              result: {
                blocks: SourceBlock[];
                notes: ImportNote[];
                images: Array<{ ref: string; bytes: Uint8Array }>;
              };
            }
          | { ok: false; error: { reason: keyof typeof REASON_KEYS; message: string } },
      ) => {
        settle(() => {
          if (msg.ok) {
            resolve({
              blocks: msg.result.blocks,
              notes: msg.result.notes,
              images: new Map(msg.result.images.map((i) => [i.ref, i.bytes])),
            });
          } else
            reject(
              failure(
                file,
                msg.error.reason in REASON_KEYS ? msg.error.reason : 'damaged',
                msg.error.message,
              ),
            );
        });
      },
    );
    worker.on('error', (err) => {
      const memory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(() =>
        reject(
          failure(
            file,
            memory ? 'too-large' : 'damaged',
            memory ? 'the reader ran out of its memory limit' : err.message,
          ),
        ),
      );
    });
    worker.on('exit', (code) =>
      settle(() => reject(failure(file, 'damaged', `the reader stopped (${code})`))),
    );
  });
}
