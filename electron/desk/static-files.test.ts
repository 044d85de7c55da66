import { join, resolve } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fileInside } from './static-files';

const ROOT = resolve('/srv/desk/out/renderer');

describe('fileInside', () => {
  it('serves index.html for the root and files below the folder', () => {
    expect(fileInside(ROOT, '/')).toBe(join(ROOT, 'index.html'));
    expect(fileInside(ROOT, '/assets/index-abc.js')).toBe(join(ROOT, 'assets/index-abc.js'));
    expect(fileInside(ROOT, '/%E5%9B%BE.png')).toBe(join(ROOT, '图.png'));
  });

  it('refuses traversal, encoded traversal, NUL and malformed escapes', () => {
    for (const bad of ['/../secret', '/assets/../../x', '/%2e%2e/x', '/..%2fx', '/a%00.js', '/%E5%9B']) {
      expect(fileInside(ROOT, bad)).toBeNull();
    }
  });

  it('never resolves outside the folder, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('..', '.', 'a', '%2e%2e', '%2f', '/', '图', '%00', '\\'), { maxLength: 8 }),
        (parts) => {
          const file = fileInside(ROOT, `/${parts.join('/')}`);
          expect(file === null || file.startsWith(ROOT + '/')).toBe(true);
        },
      ),
    );
  });
});
