import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { buildDocx, zeroBomb } from './fixtures/docx-fixture';
import { readZipEntry, zipEntries, ZipError, type ZipLimits } from './zip-reader';

const LIMITS: ZipLimits = { maxTotalBytes: 1_000_000, maxEntryBytes: 500_000, maxEntries: 100 };
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof ZipError ? err.reason : String(err);
  }
  return 'no error';
};

describe('zip reader', () => {
  it('reads the entries of a DOCX and inflates them', () => {
    const bytes = buildDocx([{ text: '一段正文' }]);
    const entries = zipEntries(bytes, LIMITS);
    const doc = entries.find((e) => e.name === 'word/document.xml')!;
    const xml = new TextDecoder().decode(readZipEntry(bytes, doc, { left: LIMITS.maxTotalBytes }, LIMITS));
    expect(xml).toContain('一段正文');
  });

  it('refuses a zip bomb by its declared size before inflating, and by its real size when the size lies', () => {
    const bomb = zeroBomb(5_000_000);
    expect(bomb.length).toBeLessThan(20_000);
    const [entry] = zipEntries(bomb, LIMITS);
    expect(reason(() => readZipEntry(bomb, entry!, { left: LIMITS.maxTotalBytes }, LIMITS))).toBe(
      'too-large',
    );
    // The same entry, lying about its size: stops once the output passes the declared size.
    const lying = { ...entry!, size: 1000 };
    expect(reason(() => readZipEntry(bomb, lying, { left: LIMITS.maxTotalBytes }, LIMITS))).toBe('too-large');
    // Many entries each under the entry limit, together over the total budget.
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`m${i}`, new Uint8Array(400_000)])),
    );
    const budget = { left: LIMITS.maxTotalBytes };
    expect(reason(() => zipEntries(many, LIMITS).forEach((e) => readZipEntry(many, e, budget, LIMITS)))).toBe(
      'too-large',
    );
  });

  it('says what is wrong with damaged, truncated, encrypted and foreign files', () => {
    const bytes = buildDocx([{ text: '一段正文' }]);
    expect(reason(() => zipEntries(bytes.slice(0, bytes.length - 40), LIMITS))).toBe('damaged');
    const doc = zipEntries(bytes, LIMITS).find((e) => e.name === 'word/document.xml')!;
    expect(reason(() => readZipEntry(bytes.slice(0, doc.localOffset + 40), doc, { left: 1e6 }, LIMITS))).toBe(
      'damaged',
    );
    const corrupt = bytes.slice();
    for (let i = doc.localOffset + 60; i < doc.localOffset + 90; i++) corrupt[i] = 0xff;
    expect(reason(() => readZipEntry(corrupt, doc, { left: 1e6 }, LIMITS))).toBe('damaged');
    expect(reason(() => readZipEntry(bytes, { ...doc, flags: 1 }, { left: 1e6 }, LIMITS))).toBe('encrypted');
    const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600)]);
    expect(reason(() => zipEntries(cfb, LIMITS))).toBe('not-zip');
    expect(reason(() => zipEntries(strToU8('hello'), LIMITS))).toBe('not-zip');
  });
});
