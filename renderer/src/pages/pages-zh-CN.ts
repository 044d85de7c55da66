/** Strings of the pages screen. */
export const pagesZhCN = {
  'pages.title': '版面',
  'pages.empty': '版面计划、付排前检查和导出在这里。',
};
