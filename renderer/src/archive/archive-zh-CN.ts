/** Strings of the archive screen. */
export const archiveZhCN = {
  'archive.title': '资料库',
  'archive.empty': '已刊稿件和往期版面在这里查找。',
};
