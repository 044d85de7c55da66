/** A pasted paragraph beyond the importers' limit (issue 16) is found before any node is built. */
import { expect, it } from 'vitest';

import { MAX_LINE_CHARS } from '../../../../../shared/import/line-limit';
import { blocksFromPlainText, overlongBlock } from './paste-blocks';

it('finds the paragraph of a 30 MB single-line paste, and passes one at the limit', () => {
  const huge = blocksFromPlainText(`第一段\n${'党'.repeat(10_000_000)}`);
  expect(overlongBlock(huge)).toEqual({ block: 2, length: 10_000_000 });
  expect(overlongBlock(blocksFromPlainText('字'.repeat(MAX_LINE_CHARS)))).toBeNull();
});
