/** English strings of the pages screen; the same keys as pages-zh-CN.ts. */
import type { pagesZhCN } from './pages-zh-CN';

export const pagesEn: { readonly [K in keyof typeof pagesZhCN]: string } = {
  'pages.title': 'Pages',
  'pages.empty': 'Page plans, preflight and export live here.',
};
