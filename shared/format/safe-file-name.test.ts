/* eslint-disable no-control-regex -- the rules name control characters on purpose */
// The file-name sanitiser: examples, then properties over arbitrary strings (fast-check):
// never a separator or forbidden character, never outside the output folder, never a
// reserved device name, never empty, within the byte limit, and idempotent.
import { join, relative, resolve, sep } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { safeFileName, slugOf, utf8Length } from './safe-file-name';

const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

// Strings rich in the dangerous parts: dots, slashes, reserved names, controls, CJK, emoji.
const tricky = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        '..',
        '.',
        '/',
        '\\',
        'CON',
        'nul',
        'Com1',
        'lpt9',
        'aux.txt',
        ' ',
        '\u0000',
        '\n',
        ':',
        '*',
        '石堰村',
        '党建',
        '😀',
        '\u202e',
        'a',
        '.jpg',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }),
);

describe('safeFileName', () => {
  it.each([
    ['石堰村：“院坝夜校”办到村民家门口', '石堰村：“院坝夜校”办到村民家门口'],
    ['a:b', 'a_b'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..', '_'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['LPT1 ', '_LPT1'],
    ['a\u0000b', 'a_b'],
    ['name. . ', 'name'],
    ['.hidden', 'hidden'],
    ['', '_'],
  ])('%j → %j', (input, output) => {
    expect(safeFileName(input)).toBe(output);
  });

  it('cuts long names at a character boundary within the byte limit, keeping the extension', () => {
    const long = `${'党'.repeat(100)}.jpg`;
    const out = safeFileName(long, { maxBytes: 50 });
    expect(utf8Length(out)).toBeLessThanOrEqual(50);
    expect(out.endsWith('.jpg')).toBe(true);
    expect(out).toBe(`${'党'.repeat(15)}.jpg`);
    expect(safeFileName('😀'.repeat(40), { maxBytes: 10 })).toBe('😀😀');
  });

  it('keeps Chinese and slugs headlines without punctuation', () => {
    expect(slugOf('石堰村：“院坝夜校”办到村民家门口')).toBe('石堰村院坝夜校办到村民家门口');
    expect(slugOf('：“”')).toBe('story');
  });

  it('properties: no separators or forbidden characters, not reserved, not empty, bounded, idempotent', () => {
    fc.assert(
      fc.property(tricky, fc.integer({ min: 8, max: 255 }), (input, maxBytes) => {
        const out = safeFileName(input, { maxBytes });
        expect(out.length).toBeGreaterThan(0);
        expect(out).not.toMatch(FORBIDDEN);
        expect(out).not.toMatch(/^[\s.]|[\s.]$/);
        expect(RESERVED.test(out.split('.')[0]!.trim())).toBe(false);
        expect(utf8Length(out)).toBeLessThanOrEqual(maxBytes);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(safeFileName(out, { maxBytes })).toBe(out);
        expect(out.normalize('NFC')).toBe(out);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: joined under a folder, the result stays directly inside it', () => {
    const root = resolve('/tmp/export-root');
    fc.assert(
      fc.property(tricky, (input) => {
        const full = resolve(join(root, safeFileName(input)));
        const rel = relative(root, full);
        expect(rel.startsWith('..')).toBe(false);
        expect(rel.includes(sep)).toBe(false);
        expect(full.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
