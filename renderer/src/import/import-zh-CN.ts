/** Strings of story import (导入稿件): the button, the drop zone, progress, the result dialog, the notes and the readers' errors. */
import { storyImportZhCN } from '../../../shared/i18n/story-import-zh-CN';

export const importZhCN = {
  ...storyImportZhCN,
  'import.button': '导入稿件',
  'import.buttonTitle':
    '从 Word（.docx）、Markdown（.md）或文本（.txt）文件导入，可多选；也可以把文件拖到稿件列表上',
  'import.pickLabel': '选择要导入的稿件文件',
  'import.drop': '松开鼠标，把这些文件导入为新稿件',
  'import.progressTitle': '正在导入稿件',
  'import.progress': '第 {n}/{total} 个：{file}',
  'import.resultTitle': '导入结果',
  'import.summary': '共 {total} 个文件：{ok} 个已成为新稿件，{failed} 个未导入。',
  'import.summaryAllOk': '共 {total} 个文件，都已成为新稿件。请逐篇核对下面列出的事项。',
  'import.fileOk': '新稿件“{headline}”',
  'import.fileFailed': '未导入',
  'import.open': '打开这篇',
  'import.close': '关闭',
  'import.encoding': '文本编码：{encoding}',
  'import.notesTitle': '请核对（{count} 处）',
  'import.noNotes': '全部内容都已识别，没有需要核对的地方。',
  'import.unsupported': '不支持“{file}”这种文件：只能导入 .docx、.md 和 .txt。',
  'import.tooLarge': '“{file}”超过 40 MB，没有导入。',
  'import.unreadable': '无法读取“{file}”。',

  'importNote.zip-entry-skipped':
    '文件里有 {count} 个部件的名称指向文件之外（含 ..、绝对路径或反斜杠），已跳过，没有读取：{names}',
  'importNote.region-unknown':
    '第 {line} 行的地区“{value}”不是 GB/T 2260 里的行政区，稿件暂无地区：请在稿件里选定，或在文件里写全名或六位代码。',
  'importNote.region-ambiguous':
    '第 {line} 行的地区“{value}”有 {count} 处同名，稿件暂无地区。请选定是哪一个：',
  'import.regionNotSaved': '编辑器里的这篇稿件没能保存',
  'import.regionPick': '选定',
  'import.regionPicked': '地区已定为 {region}（{code}）。',
  'import.regionPickFailed': '未能写入地区：{message}。稿件本身已导入，可在编辑器里选定地区。',
  'import.regionChoicesLabel': '“{value}”的同名行政区',

  'error.docxDamaged':
    '“{file}”已损坏或不完整，没有导入任何内容。可在 Word 或 WPS 中打开后另存为 .docx 再导入。',
  'error.docxEncrypted':
    '“{file}”设有密码，或是旧版 .doc 文件：请在 Word 或 WPS 中去掉密码或另存为 .docx，再导入。',
  'error.archiveStoryMissing': '资料库里没有这篇稿件（{id}）。',
};
