/** English strings of the archive screen; the same keys as archive-zh-CN.ts. */
import type { archiveZhCN } from './archive-zh-CN';

export const archiveEn: { readonly [K in keyof typeof archiveZhCN]: string } = {
  'archive.title': 'Archive',
  'archive.empty': 'Published stories and past pages are searched here.',
};
